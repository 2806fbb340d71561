// The OpenAPI document is valid OpenAPI 3.1 and lists every route (and method) under app/api/v1,
// so a route added without its registry entry fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { openApiDocument } from "./openapi";

const V1 = path.resolve(import.meta.dirname, "../../app/api/v1");

/** Every route file under app/api/v1 as [OpenAPI path, methods it exports]. */
function routeFiles(dir = V1): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routeFiles(full));
    else if (entry.name === "route.ts") {
      const rel = path.relative(path.resolve(V1, "../../.."), dir).split(path.sep).join("/");
      const apiPath = `/${rel.replace(/^app\//, "")}`.replace(/\[([^\]]+)\]/g, "{$1}");
      const methods = [
        ...readFileSync(full, "utf8").matchAll(
          /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g,
        ),
      ].map((m) => m[1]!.toLowerCase());
      out.push([apiPath, methods]);
    }
  }
  return out;
}

describe("OpenAPI document", () => {
  const doc = openApiDocument() as unknown as {
    openapi: string;
    paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, unknown> };
  };

  it("is valid OpenAPI 3.1", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every route and method in app/api/v1", () => {
    const files = routeFiles();
    expect(files.map(([p]) => p)).toEqual(
      expect.arrayContaining([
        "/api/v1/leads",
        "/api/v1/leads/{id}",
        "/api/v1/webhooks",
        "/api/v1/webhooks/{id}",
        "/api/v1/openapi.json",
      ]),
    );
    for (const [apiPath, methods] of files) {
      expect(doc.paths[apiPath], `${apiPath} is missing from the OpenAPI document`).toBeDefined();
      expect(methods.length, `${apiPath} exports no handler`).toBeGreaterThan(0);
      for (const m of methods)
        expect(doc.paths[apiPath]?.[m], `${m.toUpperCase()} ${apiPath} is missing`).toBeDefined();
    }
  });

  it("uses the routes' own schemas: lead fields, filters, PATCH body, the 201 webhook secret", () => {
    const lead = doc.components.schemas.Lead as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(lead.properties)).toEqual(
      expect.arrayContaining([
        "id",
        "callerPhone",
        "status",
        "urgency",
        "appointmentAt",
        "externalJobId",
        "jobOutcome",
      ]),
    );
    const list = doc.paths["/api/v1/leads"]!.get as unknown as { parameters: { name: string; in: string }[] };
    expect(list.parameters.map((p) => p.name).sort()).toEqual([
      "cursor",
      "limit",
      "since",
      "status",
      "urgency",
    ]);
    expect(Object.keys(doc.paths["/api/v1/webhooks"]!.post!.responses)).toContain("201");
    expect(doc.paths["/api/v1/leads/{id}"]!.patch!.security).toEqual([{ bearerAuth: [] }]);
    expect(JSON.stringify(doc.components.schemas.LeadPatch)).toContain("externalJobUrl");
  });

  it("documents the 409 a PATCH answers when the lead changed meanwhile", () => {
    const responses = doc.paths["/api/v1/leads/{id}"]!.patch!.responses as Record<
      string,
      { description: string }
    >;
    expect(responses["409"]?.description).toMatch(
      /changed while this patch was being applied.*nothing was written/,
    );
    // Only where it can happen.
    expect(doc.paths["/api/v1/leads"]!.get!.responses).not.toHaveProperty("409");
  });
});
