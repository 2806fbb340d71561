// REST API v1 writes and limits: PATCH through the leads module's one writer (external job,
// booking, visit and job outcomes; same rules as the office; recorded as the API key), the
// urgency filter, key scopes, last-used time, and the per-key rate limit with Retry-After.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import { makeApiKey, makeLead, makeTenant } from "@/prisma/factories";
import { tenantScoped } from "@/server/db/tenant-scope";
import { createApiKey } from "@/server/accounts/api-keys";
import { GET as listRoute } from "@/app/api/v1/leads/route";
import { PATCH as patchRoute } from "@/app/api/v1/leads/[id]/route";
import { countRequest, RateLimited } from "./api-auth";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let tenantId: string;
let key: { id: string; secret: string };

const req = (method: string, path: string, secret: string, body?: unknown) =>
  new Request(`http://localhost${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const patch = async (id: string, body: unknown, secret = key.secret) => {
  const res = await patchRoute(req("PATCH", `/api/v1/leads/${id}`, secret, body), {
    params: Promise.resolve({ id }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data: Record<string, unknown>; error: { message: string; field?: string } },
  };
};

beforeAll(async () => {
  db = await useTestDatabase();
  tenantId = (await makeTenant(db.prisma)).id;
  key = await makeApiKey(db.prisma, tenantId);
});
afterAll(() => db.drop());

describe(`REST API v1 writes and limits (${engineName})`, () => {
  it("attaches the external job and records it on the timeline as the API key", async () => {
    const lead = await makeLead(db.prisma, tenantId);
    const res = await patch(lead.id, {
      externalJobId: "ST-1001",
      externalJobUrl: "https://fsm.example.com/jobs/1001",
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: lead.id,
      externalJobId: "ST-1001",
      externalJobUrl: "https://fsm.example.com/jobs/1001",
    });
    const event = await db.prisma.leadEvent.findFirstOrThrow({
      where: { leadId: lead.id, type: "lead.external_job" },
    });
    expect(event.actorId).toBe(`api_key:${key.id}`);
  });

  it("sets and removes the customer's email address; a mistyped one is refused naming the field", async () => {
    const lead = await makeLead(db.prisma, tenantId);
    const set = await patch(lead.id, { callerEmail: "Kim@Example.com" });
    expect(set.status).toBe(200);
    expect(set.body.data.callerEmail).toBe("kim@example.com");
    const bad = await patch(lead.id, { callerEmail: "kim@example" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("callerEmail");
    expect((await patch(lead.id, { callerEmail: null })).body.data.callerEmail).toBeNull();
  });

  it("books the visit, then records showed and won with its value", async () => {
    const lead = await makeLead(db.prisma, tenantId, { status: "followup_needed" });
    const at = new Date(Date.now() + 2 * 86_400_000).toISOString();
    expect((await patch(lead.id, { outcome: "booked", appointmentAt: at })).body.data).toMatchObject({
      status: "booked",
      appointmentAt: at,
    });
    expect((await patch(lead.id, { outcome: "showed" })).body.data).toMatchObject({ visitOutcome: "showed" });
    expect((await patch(lead.id, { outcome: "won", jobValueCents: 125_000 })).body.data).toMatchObject({
      jobOutcome: "won",
      jobValueCents: 125_000,
      visitOutcome: "showed",
    });
    expect((await patch(lead.id, { outcome: "lost" })).body.data).toMatchObject({
      jobOutcome: "lost",
      jobValueCents: null,
    });
  });

  it("saves nothing of a patch that answers 400: externalJobId with an outcome the lead cannot take", async () => {
    const lead = await makeLead(db.prisma, tenantId, { status: "followup_needed", appointmentAt: null });
    const res = await patch(lead.id, { externalJobId: "PARTIAL-1", outcome: "showed" });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("visitOutcome");
    const after = await db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(after.externalJobId).toBeNull();
    expect(after.updatedAt).toEqual(lead.updatedAt);
    expect(await db.prisma.leadEvent.count({ where: { leadId: lead.id } })).toBe(0);
    // A booking in the past refuses the whole patch too, naming appointmentAt.
    const past = await patch(lead.id, {
      externalJobId: "PARTIAL-2",
      outcome: "booked",
      appointmentAt: "2020-01-01T10:00:00Z",
    });
    expect(past).toMatchObject({ status: 400, body: { error: { field: "appointmentAt" } } });
    expect((await db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).externalJobId).toBeNull();
  });

  it("writes a valid patch of several fields as one change, and concurrent patches never half-save", async () => {
    const lead = await makeLead(db.prisma, tenantId, { status: "followup_needed" });
    const at = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const res = await patch(lead.id, { externalJobId: "ST-2002", outcome: "booked", appointmentAt: at });
    expect(res.body.data).toMatchObject({ externalJobId: "ST-2002", status: "booked", appointmentAt: at });
    const events = await db.prisma.leadEvent.findMany({
      where: { leadId: lead.id },
      orderBy: { createdAt: "asc" },
    });
    // (A booking also recomputes the lead's temperature, with its own timeline entry.)
    expect(events.map((e) => e.type).filter((t) => t !== "lead.temperature_changed")).toEqual([
      "lead.external_job",
      "appointment.booked",
    ]);
    // Six patches at once: each either wrote all of its change (200) or nothing (409).
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => patch(lead.id, { externalJobId: `RACE-${i}`, outcome: "showed" })),
    );
    for (const r of results) expect([200, 409]).toContain(r.status);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body.error.message).toMatch(/changed this lead a moment ago/);
    const ok = results.filter((r) => r.status === 200).length;
    expect(ok).toBeGreaterThan(0);
    expect(await db.prisma.leadEvent.count({ where: { leadId: lead.id, type: "lead.external_job" } })).toBe(
      1 + ok,
    );
    expect(await db.prisma.leadEvent.count({ where: { leadId: lead.id, type: "lead.outcome" } })).toBe(ok);
  });

  it("applies the office's rules and names the field", async () => {
    const lead = await makeLead(db.prisma, tenantId);
    const noVisit = await patch(lead.id, { outcome: "won", jobValueCents: 100 });
    expect(noVisit.status).toBe(400);
    expect(noVisit.body.error.message).toMatch(/no booked visit/);
    expect((await patch(lead.id, { outcome: "booked" })).body.error.field).toBe("appointmentAt");
    expect((await patch(lead.id, { outcome: "showed", jobValueCents: 5 })).body.error.field).toBe(
      "jobValueCents",
    );
    expect((await patch(lead.id, { externalJobUrl: "javascript:alert(1)" })).body.error.field).toBe(
      "externalJobUrl",
    );
    expect((await patch(lead.id, { status: "closed" })).status).toBe(400);
    expect((await patch(lead.id, {})).status).toBe(400);
  });

  it("filters by urgency", async () => {
    const other = await makeTenant(db.prisma);
    const k = await makeApiKey(db.prisma, other.id);
    await makeLead(db.prisma, other.id, { urgency: "emergency", callerName: "Burst pipe" });
    await makeLead(db.prisma, other.id, { urgency: "low", callerName: "Drip" });
    const res = (await (await listRoute(req("GET", "/api/v1/leads?urgency=emergency", k.secret))).json()) as {
      data: { callerName: string }[];
    };
    expect(res.data.map((l) => l.callerName)).toEqual(["Burst pipe"]);
  });

  it("refuses a read-only key's writes with 403 naming the scope, and keeps its last-used time", async () => {
    const readOnly = await createApiKey(
      { db: tenantScoped(db.prisma, tenantId), tenantId },
      { name: "Reports", actorId: null, scopes: ["leads:read"] },
    );
    const lead = await makeLead(db.prisma, tenantId);
    const res = await patch(lead.id, { externalJobId: "X" }, readOnly.secret);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("leads:write");
    expect(
      (await db.prisma.apiKey.findUniqueOrThrow({ where: { id: readOnly.id } })).lastUsedAt,
    ).not.toBeNull();
  });

  it("answers 429 with Retry-After past the per-minute limit, counted in the database", async () => {
    const at = new Date("2026-12-04T10:00:30Z");
    for (let i = 1; i <= 3; i++) expect(await countRequest(db.prisma, "key-x", at, 3)).toBe(i);
    const err = await countRequest(db.prisma, "key-x", at, 3).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).retryAfterSeconds).toBe(30);
    // The next minute starts again.
    expect(await countRequest(db.prisma, "key-x", new Date("2026-12-04T10:01:00Z"), 3)).toBe(1);

    // Stay inside one minute for the next two lines.
    if (Date.now() % 60_000 > 57_000) await new Promise((r) => setTimeout(r, 3500));
    const now = new Date();
    const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    await db.prisma.apiRateWindow.upsert({
      where: { keyId_windowStart: { keyId: key.id, windowStart } },
      create: { keyId: key.id, windowStart, count: 600 },
      update: { count: 600 },
    });
    const res = await listRoute(req("GET", "/api/v1/leads", key.secret));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("600");
  });
});
