// POST /api/v1/leads on a real engine: a marketplace or automation adds a lead through the one
// leads writer. The same Idempotency-Key answers the same lead; a different body under the same
// key is refused; the write scope is required; every bad field is named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import { completeSetup, makeApiKey, makeTenant, makeUser } from "@/prisma/factories";
import { tenantScoped } from "@/server/db/tenant-scope";
import { createApiKey } from "@/server/accounts/api-keys";
import { createWebhookEndpoint } from "@/server/webhooks/endpoints";
import { POST } from "@/app/api/v1/leads/route";
import { openApiDocument } from "./openapi";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let tenantId: string;
let writeKey: string;
let readOnlyKey: string;

const post = (body: unknown, opts: { key?: string; idem?: string | null } = {}) =>
  POST(
    new Request("http://localhost/api/v1/leads", {
      method: "POST",
      headers: {
        authorization: `Bearer ${opts.key ?? writeKey}`,
        "content-type": "application/json",
        ...(opts.idem === null ? {} : { "idempotency-key": opts.idem ?? `k-${Math.random()}` }),
      },
      body: JSON.stringify(body),
    }),
  );
type LeadBody = {
  data: {
    id: string;
    source: string;
    status: string;
    dueAt: string;
    createdAt: string;
    ownerId: string | null;
    nextAction: string;
    inArea: boolean | null;
    callerPhone: string;
  };
};
type ErrorBody = { error: { message: string; field?: string } };

const ANGI = {
  source: "angi",
  callerName: "Maria Lopez",
  callerPhone: "(512) 555-0177",
  zip: "78701",
  issueSummary: "Water heater leaking in the garage",
};

beforeAll(async () => {
  db = await useTestDatabase();
  const owner = await makeUser(db.prisma, { name: "Olive Owner" });
  const t = await makeTenant(db.prisma, { name: "Api Plumbing", ownerId: owner.id });
  tenantId = t.id;
  await completeSetup(db.prisma, t.id);
  writeKey = (await makeApiKey(db.prisma, t.id)).secret;
  readOnlyKey = (
    await createApiKey(
      { db: tenantScoped(db.prisma, t.id), tenantId: t.id },
      { name: "Read only", actorId: null, scopes: ["leads:read"] },
    )
  ).secret;
  await createWebhookEndpoint(
    { db: tenantScoped(db.prisma, t.id), tenantId: t.id, actorId: owner.id },
    { url: "https://hooks.api.test/lr", events: ["lead.created"] },
  );
});
afterAll(() => db.drop());

describe(`POST /api/v1/leads (${engineName})`, () => {
  it("adds a marketplace lead: routed to an owner, due within 5 minutes, on the timeline and sent to webhooks", async () => {
    const res = await post(ANGI, { idem: "angi-123" });
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as LeadBody;
    expect(data).toMatchObject({
      source: "marketplace",
      status: "followup_needed",
      inArea: true,
      callerPhone: "+15125550177",
    });
    expect(data.ownerId).not.toBeNull();
    expect(new Date(data.dueAt).getTime() - new Date(data.createdAt).getTime()).toBe(5 * 60_000);
    const created = await db.prisma.leadEvent.findFirstOrThrow({
      where: { leadId: data.id, type: "lead.created" },
    });
    expect(created.data).toMatchObject({ source: "marketplace", channel: "angi", via: "api" });
    expect(created.actorId).toMatch(/^api_key:/);
    expect(
      await db.prisma.webhookDelivery.count({ where: { leadId: data.id, eventType: "lead.created" } }),
    ).toBe(1);
  });

  it("answers a retry with the same Idempotency-Key with the same lead (200) and writes nothing twice", async () => {
    const first = (await (
      await post({ ...ANGI, callerPhone: "+15125550178" }, { idem: "retry-1" })
    ).json()) as LeadBody;
    const again = await post({ ...ANGI, callerPhone: "+15125550178" }, { idem: "retry-1" });
    expect(again.status).toBe(200);
    expect(((await again.json()) as LeadBody).data.id).toBe(first.data.id);
    expect(await db.prisma.lead.count({ where: { tenantId, callerPhone: "+15125550178" } })).toBe(1);
    expect(await db.prisma.leadEvent.count({ where: { leadId: first.data.id, type: "lead.created" } })).toBe(
      1,
    );
    expect(await db.prisma.webhookDelivery.count({ where: { leadId: first.data.id } })).toBe(1);
  });

  it("answers two copies of one request sent at once with one lead", async () => {
    const [a, b] = await Promise.all([
      post({ ...ANGI, callerPhone: "+15125550179" }, { idem: "burst-1" }),
      post({ ...ANGI, callerPhone: "+15125550179" }, { idem: "burst-1" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(await db.prisma.lead.count({ where: { tenantId, callerPhone: "+15125550179" } })).toBe(1);
  });

  it("refuses the same Idempotency-Key with a different body with 409, naming the header", async () => {
    await post({ ...ANGI, callerPhone: "+15125550180" }, { idem: "reused" });
    const res = await post({ ...ANGI, callerPhone: "+15125550181" }, { idem: "reused" });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({
      field: "Idempotency-Key",
      message: expect.stringContaining("already used for a different lead"),
    });
    expect(await db.prisma.lead.count({ where: { tenantId, callerPhone: "+15125550181" } })).toBe(0);
  });

  it("requires the Idempotency-Key header", async () => {
    const res = await post(ANGI, { idem: null });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({
      field: "Idempotency-Key",
      message: expect.stringContaining("Idempotency-Key header is required"),
    });
  });

  it("refuses a key without the leads:write scope with 403 and writes nothing", async () => {
    const before = await db.prisma.lead.count({ where: { tenantId } });
    const res = await post(ANGI, { key: readOnlyKey });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.message).toContain("leads:write");
    expect(await db.prisma.lead.count({ where: { tenantId } })).toBe(before);
  });

  it.each([
    [{ ...ANGI, source: "craigslist" }, "source", "source must be one of"],
    [{ ...ANGI, callerPhone: "" }, "callerPhone", "callerPhone is required"],
    [{ ...ANGI, callerPhone: "12" }, "callerPhone", "not a valid phone number"],
    [{ ...ANGI, zip: "787" }, "zip", "not 5 digits"],
    [{ ...ANGI, issueSummary: "x".repeat(2001) }, "issueSummary", "longer than 2000"],
    [{ ...ANGI, source: "referral" }, "referredBy", "referredBy is required"],
    [{ ...ANGI, callerEmail: "maria@" }, "callerEmail", "callerEmail must be an email address"],
    [{ ...ANGI, price: 100 }, "", "price"],
  ])("refuses a bad field with 400 naming it (%#)", async (body, field, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.message).toContain(message);
    if (field) expect(error.field).toBe(field);
  });

  it("maps web_form and referral to their own response times; a referral keeps who referred", async () => {
    const form = (
      (await (
        await post({ source: "web_form", callerPhone: "+15125550182", zip: "78702" })
      ).json()) as LeadBody
    ).data;
    expect(new Date(form.dueAt).getTime() - new Date(form.createdAt).getTime()).toBe(15 * 60_000);
    const ref = (
      (await (
        await post({ source: "referral", callerPhone: "+15125550183", referredBy: "Jim at Hill Hardware" })
      ).json()) as LeadBody
    ).data;
    expect(ref.source).toBe("referral");
    expect(new Date(ref.dueAt).getTime() - new Date(ref.createdAt).getTime()).toBe(24 * 60 * 60_000);
    expect((await db.prisma.lead.findUniqueOrThrow({ where: { id: ref.id } })).notes).toContain(
      "Referred by Jim at Hill Hardware",
    );
  });

  it("keeps the customer's email address, lowercased, for follow-up emails", async () => {
    const res = await post({ ...ANGI, callerPhone: "+15125550185", callerEmail: "Maria.Lopez@Example.com" });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { data: { callerEmail: string } }).data.callerEmail).toBe(
      "maria.lopez@example.com",
    );
  });

  it("stores the consent wording the customer agreed to with the consent record", async () => {
    const wording = "I agree to receive texts from Api Plumbing about my request. Reply STOP to opt out.";
    await post({ ...ANGI, callerPhone: "+15125550184", smsConsent: { wording } });
    const consent = await db.prisma.consentRecord.findFirstOrThrow({
      where: { tenantId, phone: "+15125550184" },
    });
    expect(consent).toMatchObject({ optedOut: false, source: "api", detail: wording });
  });

  it("is in the OpenAPI document with its header, scope and answers", () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string; required?: boolean }[];
            responses: Record<string, unknown>;
            "x-scope"?: string;
          }
        >
      >;
    };
    const op = doc.paths["/api/v1/leads"]!.post!;
    expect(op["x-scope"]).toBe("leads:write");
    expect(op.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "Idempotency-Key", in: "header", required: true }),
      ]),
    );
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "201", "400", "403", "409"]));
  });
});
