// Outbound webhooks end to end: a real call through the signed Twilio webhooks and REST API
// changes reach a local receiver as Standard Webhooks that the `standardwebhooks` package
// verifies; retries keep the webhook-id; disabled endpoints get nothing; tenants stay apart.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import type { PrismaClient } from "@/server/db/generated/client";
import { tenantScoped } from "@/server/db/tenant-scope";
import { systemDb } from "@/server/db/system";
import { makeApiKey, makeLead } from "@/prisma/factories";
import { startJobs, stopJobs } from "@/server/jobs/runtime";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { TwilioCall } from "@/server/test/webhook-test-kit";
import { startWebhookReceiver, type Received, type WebhookReceiver } from "@/server/test/webhook-receiver";
import { createApiKey } from "@/server/accounts/api-keys";
import { GET as listWebhooks, POST as createWebhook } from "@/app/api/v1/webhooks/route";
import { DELETE as deleteWebhook } from "@/app/api/v1/webhooks/[id]/route";
import { PATCH as patchLead } from "@/app/api/v1/leads/[id]/route";
import { makeWebhookJobs } from "./jobs";
import { deliverWebhook, DISABLE_AFTER_MS } from "./deliver";
import { recordWebhookEvent } from "./outbox";
import {
  listWebhookDeliveries,
  resendWebhookDelivery,
  rotateWebhookSecret,
  setWebhookEndpointEnabled,
} from "./endpoints";

vi.hoisted(() => {
  process.env.PUBLIC_BASE_URL = "https://rescue.example.test";
});

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
let other: TestBusiness;
let keyA: string;
let keyB: string;
let receiver: WebhookReceiver;

const api = (method: string, path: string, key: string, body?: unknown) =>
  new Request(`https://rescue.example.test${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function addEndpoint(key: string, path: string, events: string[]) {
  const res = await createWebhook(api("POST", "/api/v1/webhooks", key, { url: receiver.url(path), events }));
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; url: string; events: string[]; secret: string };
}

const typeOf = (r: Received) => (JSON.parse(r.body) as { type: string }).type;

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  receiver = await startWebhookReceiver();
  biz = await makeTestBusiness(prisma);
  other = await makeTestBusiness(prisma, { name: "Other Plumbing" });
  keyA = (await makeApiKey(prisma, biz.tenant.id)).secret;
  keyB = (await makeApiKey(prisma, other.tenant.id)).secret;
  // Backoff in milliseconds instead of minutes, so three attempts take seconds.
  await startJobs(db, makeWebhookJobs({ retryScale: 0.0001 }), { pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await stopJobs();
  await receiver?.close();
  await db?.drop();
});

describe(`outbound webhooks (${engineName})`, () => {
  it("adds an endpoint through the API and shows its whsec_ secret once", async () => {
    const created = await addEndpoint(keyA, "/created", ["lead.created"]);
    expect(created).toMatchObject({ url: receiver.url("/created"), events: ["lead.created"] });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{20,}$/);
    const list = (await (await listWebhooks(api("GET", "/api/v1/webhooks", keyA))).json()) as {
      data: Record<string, unknown>[];
    };
    const listed = list.data.find((e) => e.id === created.id);
    expect(listed).toMatchObject({ url: created.url, enabled: true });
    expect(JSON.stringify(list)).not.toContain(created.secret);
    expect(
      (await deleteWebhook(api("DELETE", `/api/v1/webhooks/${created.id}`, keyA), params(created.id))).status,
    ).toBe(204);
  });

  it("refuses a bad URL or event naming the field", async () => {
    const bad = await createWebhook(
      api("POST", "/api/v1/webhooks", keyA, { url: "ftp://example.com/x", events: ["lead.created"] }),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { message: expect.stringContaining("https://"), field: "url" },
    });
    const event = await createWebhook(
      api("POST", "/api/v1/webhooks", keyA, { url: receiver.url("/x"), events: ["lead.exploded"] }),
    );
    expect(event.status).toBe(400);
    expect(((await event.json()) as { error: { field: string } }).error.field).toBe("events.0");
  });

  it("sends lead.created and call.completed for a call, signed so standardwebhooks verifies them", async () => {
    const endpoint = await addEndpoint(keyA, "/calls", [
      "lead.created",
      "call.completed",
      "appointment.booked",
    ]);
    const call = new TwilioCall(biz.trackingNumber);
    await call.missed("no-answer");
    for (const words of [
      "my zip is seven eight seven oh one",
      "the kitchen sink is leaking under the cabinet",
      "this is Maria Lopez",
      "yes please, send someone out",
      "it's 123 Main Street",
      "the first one",
    ])
      await call.say(words);
    await call.ended();
    await expect
      .poll(() => receiver.received("/calls").map(typeOf).sort(), { timeout: 20_000, interval: 250 })
      .toEqual(["appointment.booked", "call.completed", "lead.created"]);

    const wh = new Webhook(endpoint.secret);
    const lead = await prisma.lead.findFirstOrThrow({ where: { sourceRef: call.callSid } });
    for (const r of receiver.received("/calls")) {
      const payload = wh.verify(r.body, r.headers) as {
        type: string;
        timestamp: string;
        data: { id: string; callerPhone: string };
      };
      expect(r.headers["webhook-id"]).toMatch(/^msg_/);
      expect(payload.data.id).toBe(lead.id);
      expect(payload.data.callerPhone).toBe("+15125559876");
    }
    const completed = JSON.parse(
      receiver.received("/calls").find((r) => typeOf(r) === "call.completed")!.body,
    ) as {
      data: {
        status: string;
        appointmentAt: string;
        call: { callSid: string; outcome: string; path: { step: string }[] };
      };
    };
    expect(completed.data.status).toBe("booked");
    expect(completed.data.call).toMatchObject({ callSid: call.callSid, outcome: "booked" });
    expect(completed.data.call.path.map((s) => s.step)).toEqual(["rang", "missed", "ai", "outcome"]);
    // A forged body does not verify.
    const one = receiver.received("/calls").find((r) => typeOf(r) === "call.completed")!;
    const forged = one.body.replace('"status":"booked"', '"status":"closed"');
    expect(forged).not.toBe(one.body);
    expect(() => wh.verify(forged, one.headers)).toThrow();
  });

  it("retries a receiver that answers 500 twice with the same webhook-id, then logs the success", async () => {
    receiver.answer("/flaky", [500, 500]);
    const endpoint = await addEndpoint(keyA, "/flaky", ["lead.updated"]);
    const lead = await makeLead(prisma, biz.tenant.id, {
      status: "booked",
      appointmentAt: new Date(Date.now() + 86_400_000),
    });
    const res = await patchLead(
      api("PATCH", `/api/v1/leads/${lead.id}`, keyA, {
        externalJobId: "JOB-981",
        externalJobUrl: "https://fsm.example.com/jobs/981",
      }),
      params(lead.id),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { externalJobId: string } }).data.externalJobId).toBe("JOB-981");

    await expect.poll(() => receiver.received("/flaky").length, { timeout: 30_000, interval: 250 }).toBe(3);
    const ids = receiver.received("/flaky").map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(1);
    const [log] = await listWebhookDeliveries(
      { db: tenantScoped(prisma, biz.tenant.id) },
      { endpointId: endpoint.id },
    );
    await expect
      .poll(async () => (await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: ids[0]! } })).status, {
        timeout: 5_000,
      })
      .toBe("succeeded");
    const row = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: ids[0]! } });
    expect(row).toMatchObject({ attempts: 3, responseStatus: 200, eventType: "lead.updated" });
    expect(log?.id).toBe(ids[0]);
    expect(JSON.parse(receiver.received("/flaky")[2]!.body)).toMatchObject({
      type: "lead.updated",
      data: { id: lead.id, externalJobId: "JOB-981" },
    });
  });

  it("keeps failed responses short in the log and never follows a redirect", async () => {
    receiver.answer("/moved", [302], { location: receiver.url("/elsewhere") });
    const endpoint = await addEndpoint(keyA, "/moved", ["sms.received"]);
    const lead = await makeLead(prisma, biz.tenant.id);
    const [id] = await recordWebhookEvent(prisma, { tenantId: biz.tenant.id, type: "sms.received", lead });
    const result = await deliverWebhook(systemDb(prisma), id!, { retryScale: 100 });
    expect(result).toMatchObject({ outcome: "failed" });
    expect(receiver.received("/elsewhere")).toHaveLength(0);
    const row = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: id! } });
    expect(row).toMatchObject({ status: "pending", responseStatus: 302, attempts: 1 });
    expect(row.error).toContain("redirect, not followed");

    receiver.answer("/moved", [500]);
    await prisma.webhookDelivery.update({ where: { id: id! }, data: { nextAttemptAt: new Date() } });
    await deliverWebhook(systemDb(prisma), id!, { retryScale: 100 });
    const failed = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: id! } });
    // A failed answer keeps its status and timing only, never the body (it could be an internal page).
    expect(failed).toMatchObject({ responseStatus: 500, responseBody: null });
    expect(failed.durationMs).toBeGreaterThanOrEqual(0);
    await setWebhookEndpointEnabled(
      { db: tenantScoped(prisma, biz.tenant.id), tenantId: biz.tenant.id, actorId: null },
      { id: endpoint.id, enabled: false },
    );
  });

  it("sends nothing to a disabled endpoint", async () => {
    const endpoint = await addEndpoint(keyA, "/off", ["lead.created", "sms.received"]);
    const ctx = { db: tenantScoped(prisma, biz.tenant.id), tenantId: biz.tenant.id, actorId: biz.ownerId };
    const before = await makeLead(prisma, biz.tenant.id, { isTest: false });
    await prisma.webhookDelivery.deleteMany({ where: { endpointId: endpoint.id } });
    const [queued] = await recordWebhookEvent(prisma, {
      tenantId: biz.tenant.id,
      type: "sms.received",
      lead: before,
    });
    await setWebhookEndpointEnabled(ctx, { id: endpoint.id, enabled: false });
    const call = new TwilioCall(biz.trackingNumber, "+15125554444");
    await call.incoming();
    // The row queued before the switch is skipped, and the new call records no row at all.
    expect(await deliverWebhook(systemDb(prisma), queued!)).toEqual({ outcome: "skipped" });
    expect(
      await prisma.webhookDelivery.findMany({
        where: { endpointId: endpoint.id },
        select: { eventType: true, status: true },
      }),
    ).toEqual([{ eventType: "sms.received", status: "skipped" }]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received("/off")).toHaveLength(0);
    await expect(resendWebhookDelivery({ ...ctx }, queued!)).rejects.toThrow(/Turn the endpoint back on/);
  });

  it("turns an endpoint off after 5 days of failures and tells the owner", async () => {
    receiver.answer("/down", [503]);
    const endpoint = await addEndpoint(keyA, "/down", ["sms.received"]);
    const now = new Date();
    await prisma.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { failingSince: new Date(now.getTime() - DISABLE_AFTER_MS - 60_000) },
    });
    const [id] = await recordWebhookEvent(prisma, {
      tenantId: biz.tenant.id,
      type: "sms.received",
      lead: await makeLead(prisma, biz.tenant.id),
      now: new Date(now.getTime() - 1000),
    });
    await deliverWebhook(systemDb(prisma), id!, { now: () => now, notifyEnqueue: async () => null });
    expect(await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      enabled: false,
      disabledReason: expect.stringContaining("5 days"),
    });
    const notes = await prisma.notification.findMany({
      where: { tenantId: biz.tenant.id, userId: biz.ownerId, purpose: "webhook.disabled" },
      orderBy: { channel: "asc" },
    });
    expect(notes.map((n) => n.channel).sort()).toEqual(["email", "in_app"]);
    expect(notes[0]!.body).toContain(endpoint.url);
  });

  it("signs with both secrets for 24 hours after a rotation", async () => {
    const endpoint = await addEndpoint(keyA, "/rotated", ["sms.received"]);
    const ctx = { db: tenantScoped(prisma, biz.tenant.id), tenantId: biz.tenant.id, actorId: biz.ownerId };
    const rotated = await rotateWebhookSecret(ctx, endpoint.id);
    expect(rotated.secret).not.toBe(endpoint.secret);
    const [id] = await recordWebhookEvent(prisma, {
      tenantId: biz.tenant.id,
      type: "sms.received",
      lead: await makeLead(prisma, biz.tenant.id),
    });
    await deliverWebhook(systemDb(prisma), id!);
    const got = receiver.received("/rotated").at(-1)!;
    expect(got.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(() => new Webhook(endpoint.secret).verify(got.body, got.headers)).not.toThrow();
    expect(() => new Webhook(rotated.secret).verify(got.body, got.headers)).not.toThrow();
    // Resend: the same webhook-id again.
    await resendWebhookDelivery({ ...ctx, enqueue: async () => null }, id!);
    await deliverWebhook(systemDb(prisma), id!);
    expect(receiver.received("/rotated").at(-1)!.headers["webhook-id"]).toBe(id);
  });

  it("never lets another business's key see or remove an endpoint", async () => {
    const endpoint = await addEndpoint(keyA, "/private", ["lead.created"]);
    const list = (await (await listWebhooks(api("GET", "/api/v1/webhooks", keyB))).json()) as {
      data: { id: string }[];
    };
    expect(list.data.map((e) => e.id)).not.toContain(endpoint.id);
    const del = await deleteWebhook(
      api("DELETE", `/api/v1/webhooks/${endpoint.id}`, keyB),
      params(endpoint.id),
    );
    expect(del.status).toBe(404);
    expect(await prisma.webhookEndpoint.count({ where: { id: endpoint.id } })).toBe(1);
    // Nor patch another business's lead.
    const leadA = await makeLead(prisma, biz.tenant.id);
    expect(
      (
        await patchLead(
          api("PATCH", `/api/v1/leads/${leadA.id}`, keyB, { externalJobId: "X" }),
          params(leadA.id),
        )
      ).status,
    ).toBe(404);
    expect(other.tenant.id).not.toBe(biz.tenant.id);
  });

  it("requires the webhooks:manage scope", async () => {
    const readOnly = await createApiKey(
      { db: tenantScoped(prisma, biz.tenant.id), tenantId: biz.tenant.id },
      { name: "Read only", actorId: null, scopes: ["leads:read"] },
    );
    const res = await listWebhooks(api("GET", "/api/v1/webhooks", readOnly.secret));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("webhooks:manage");
  });
});
