// What a tRPC answer carries over HTTP, on a real engine: never a stack trace (tRPC adds one
// whenever NODE_ENV is not "production", as under `npm run dev` and here), and never a cacheable
// answer (it holds people's data, read with the session cookie).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { systemDb } from "@/server/db/system";
import { createInvite } from "@/server/accounts/invites";
import { tenantScoped } from "@/server/db/tenant-scope";
import { makeTenant, makeUser } from "@/prisma/factories";
import { appRouter } from "./root";
import { responseMeta } from "./init";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

/** A GET of a query, through the same fetch handler and options as app/api/trpc. */
function get(path: string, input: unknown, userId: string | null = null) {
  const url = `http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(url, { headers: { "x-tenant": "no-such-business" } }),
    router: appRouter,
    createContext: () => ({
      sys: systemDb(db.prisma),
      session: userId ? { userId, sessionVersion: 0 } : null,
      tenantSlug: "no-such-business",
      ip: null,
    }),
    responseMeta,
  });
}

describe(`tRPC answers over HTTP (${engineName})`, () => {
  it("shows the refusal's sentence without a stack trace, whatever the refusal", async () => {
    const someone = await makeUser(db.prisma, { name: "Someone" });
    for (const [path, input, user] of [
      ["account.inviteInfo", { token: "short" }, null], // a schema refusal
      ["account.inviteInfo", { token: "x".repeat(32) }, null], // a domain refusal (404)
      ["leads.inbox", {}, null], // signed out
      ["leads.inbox", {}, someone.id], // not their business
    ] as const) {
      const res = await get(path, input, user);
      expect(res.status).toBeGreaterThanOrEqual(400);
      const text = await res.text();
      expect(text, path).not.toMatch(/\bat [\w.<>]+ \(|node_modules|TRPCError:/);
      const { error } = JSON.parse(text) as {
        error: { json: { message: string; data: { stack?: unknown } } };
      };
      expect(error.json.message).toEqual(expect.any(String));
      expect(error.json.data.stack ?? null, path).toBeNull();
    }
  });

  it("is never stored by a cache: the invite's email and business carry no-store", async () => {
    const owner = await makeUser(db.prisma, { name: "Owner" });
    const tenant = await makeTenant(db.prisma, { name: "Cache Plumbing", ownerId: owner.id });
    const { token } = await createInvite(
      { db: tenantScoped(db.prisma, tenant.id), tenantId: tenant.id },
      { email: "casey@example.test", role: "staff", actorId: owner.id, actorRole: "owner" },
    );
    const res = await get("account.inviteInfo", { token });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("casey@example.test");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
