// REST API v1: tenant API keys, newest first, cursor pagination,
// status/since filters, the required lead fields, and never another tenant's leads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import { makeApiKey, makeLead, makeTenant } from "@/prisma/factories";
import { GET as listRoute } from "@/app/api/v1/leads/route";
import { GET as getRoute } from "@/app/api/v1/leads/[id]/route";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let keyA: string;
let keyB: string;
let leadB: string;

const req = (path: string, key?: string) =>
  new Request(`http://localhost${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

beforeAll(async () => {
  db = await useTestDatabase();
  const a = await makeTenant(db.prisma);
  const b = await makeTenant(db.prisma);
  keyA = (await makeApiKey(db.prisma, a.id)).secret;
  keyB = (await makeApiKey(db.prisma, b.id)).secret;
  for (let i = 0; i < 5; i++) {
    await makeLead(db.prisma, a.id, {
      createdAt: new Date(Date.UTC(2026, 10, 1 + i)),
      status: i % 2 ? "booked" : "missed",
      callerName: `A${i}`,
    });
  }
  leadB = (await makeLead(db.prisma, b.id, { callerName: "B-only" })).id;
});
afterAll(() => db.drop());

describe(`REST API v1 (${engineName})`, () => {
  it("refuses a request without a valid key with 401", async () => {
    expect((await listRoute(req("/api/v1/leads"))).status).toBe(401);
    expect((await listRoute(req("/api/v1/leads", "lr_live_nope"))).status).toBe(401);
  });

  it("lists the key's tenant's leads newest first with every required field", async () => {
    const res = await listRoute(req("/api/v1/leads", keyA));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Record<string, unknown>[] };
    expect(body.data.map((l) => l.callerName)).toEqual(["A4", "A3", "A2", "A1", "A0"]);
    expect(Object.keys(body.data[0]!).sort()).toEqual(
      [
        "id",
        "createdAt",
        "callerPhone",
        "callerName",
        "callerEmail",
        "zip",
        "inArea",
        "issueSummary",
        "urgency",
        "status",
        "appointmentAt",
        "transcriptExcerpt",
        "sourceRef",
        "source",
        "address",
        "ownerId",
        "nextAction",
        "dueAt",
        "acceptedAt",
        "closeReason",
        "closeNote",
        "notes",
        "visitOutcome",
        "jobOutcome",
        "jobValueCents",
        "outcomeAt",
        "externalJobId",
        "externalJobUrl",
      ].sort(),
    );
  });

  it("pages with a cursor without repeating or skipping", async () => {
    const p1 = (await (await listRoute(req("/api/v1/leads?limit=2", keyA))).json()) as {
      data: { callerName: string }[];
      nextCursor: string;
    };
    const p2 = (await (
      await listRoute(req(`/api/v1/leads?limit=2&cursor=${p1.nextCursor}`, keyA))
    ).json()) as { data: { callerName: string }[]; nextCursor: string };
    const p3 = (await (
      await listRoute(req(`/api/v1/leads?limit=2&cursor=${p2.nextCursor}`, keyA))
    ).json()) as { data: { callerName: string }[]; nextCursor: string | null };
    expect([...p1.data, ...p2.data, ...p3.data].map((l) => l.callerName)).toEqual([
      "A4",
      "A3",
      "A2",
      "A1",
      "A0",
    ]);
    expect(p3.nextCursor).toBeNull();
  });

  it("filters by status and since", async () => {
    const booked = (await (await listRoute(req("/api/v1/leads?status=booked", keyA))).json()) as {
      data: { callerName: string }[];
    };
    expect(booked.data.map((l) => l.callerName)).toEqual(["A3", "A1"]);
    const since = (await (await listRoute(req("/api/v1/leads?since=2026-11-04T00:00:00Z", keyA))).json()) as {
      data: { callerName: string }[];
    };
    expect(since.data.map((l) => l.callerName)).toEqual(["A4", "A3"]);
  });

  it("answers a bad filter with 400 naming the parameter", async () => {
    const res = await listRoute(req("/api/v1/leads?status=won", keyA));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { message: expect.stringContaining("status must be one of"), field: "status" },
    });
    expect((await listRoute(req("/api/v1/leads?cursor=garbage", keyA))).status).toBe(400);
  });

  it("never shows another tenant's lead, by list or by id", async () => {
    const list = (await (await listRoute(req("/api/v1/leads", keyA))).json()) as { data: { id: string }[] };
    expect(list.data.map((l) => l.id)).not.toContain(leadB);
    const res = await getRoute(req(`/api/v1/leads/${leadB}`, keyA), {
      params: Promise.resolve({ id: leadB }),
    });
    expect(res.status).toBe(404);
    const own = await getRoute(req(`/api/v1/leads/${leadB}`, keyB), {
      params: Promise.resolve({ id: leadB }),
    });
    expect(((await own.json()) as { data: { callerName: string } }).data.callerName).toBe("B-only");
  });
});
