// Cancellation and auto-detach: the request time is recorded, 24 hours later the
// service is auto-detached once (AI bindings cleared at Twilio through the real SDK and the local
// Twilio fake, audit row written), an undo before then cancels it, the durable job survives a
// worker restart, and after detach a signed call webhook gets no AI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as voiceWebhook } from "@/app/api/twilio/voice/route";
import { POST as dialResultWebhook } from "@/app/api/twilio/voice/dial-result/route";
import { completeSetup, makeTenant, makeUser } from "@/prisma/factories";
import { env } from "@/server/env";
import { stripeClientFor, setStripeHandle, stripePlan } from "@/server/integrations/stripe";
import { startStripeFake, type StripeFake } from "@/server/integrations/stripe-fake/server";
import { setTwilioHandle, twilioClientFor } from "@/server/integrations/twilio-client";
import { startTwilioFake, type TwilioFake } from "@/server/integrations/twilio-fake/server";
import { publicUrl, signTwilioRequest } from "@/server/integrations/twilio-webhook";
import { getBoss, startJobs, stopJobs } from "@/server/jobs/runtime";
import { callerFor } from "@/server/test/caller";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";
import { detachTenant, tenantsDueForDetach } from "./detach-tenant";
import { cancellationJobs, DETACH_JOB, detachJob, detachSweepJob } from "./jobs";
import {
  DETACH_DELAY_MS,
  requestCancellation,
  undoCancellation,
  type CancellationDeps,
} from "./request-cancellation";
import { seedTrialSubscription } from "./seed-subscription";
import { serviceGate } from "./service-gate";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let stripeFake: StripeFake;
let twilioFake: TwilioFake;
const T0 = new Date("2026-11-20T15:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;
const scoped = (tenantId: string) => tenantScoped(db.prisma, tenantId);

const twilio = async () => twilioClientFor(twilioFake.url);
const scheduled: { tenantId: string; requestedAt: string; detachAt: Date }[] = [];
const fakeClockDeps = (now: Date): CancellationDeps => ({
  stripe: async () => stripeClientFor(stripeFake.url),
  now: () => now,
  scheduleDetach: async (job, detachAt) => (scheduled.push({ ...job, detachAt }), `job-${scheduled.length}`),
  cancelDetachJob: async () => {},
});

let numberSeq = 0;
async function cancellableTenant(name: string) {
  const owner = await makeUser(db.prisma);
  const tenant = await makeTenant(db.prisma, { name, ownerId: owner.id });
  const trackingNumber = `+1737555${String(1000 + ++numberSeq)}`;
  await completeSetup(db.prisma, tenant.id, { trackingNumber, subscription: null });
  await seedTrialSubscription(scoped(tenant.id), tenant.id);
  const voiceUrl = publicUrl("/api/twilio/voice");
  twilioFake.addIncomingNumber(trackingNumber, {
    voice_url: voiceUrl,
    status_callback: publicUrl("/api/twilio/voice/status"),
  });
  return {
    tenant,
    owner,
    trackingNumber,
    ctx: { db: scoped(tenant.id), tenantId: tenant.id, actorId: owner.id },
  };
}
const numberAtTwilio = (e164: string) =>
  Object.values(twilioFake.state.incomingPhoneNumbers).find((n) => n.phone_number === e164)!;
const tenantRow = (id: string) => db.prisma.tenant.findUniqueOrThrow({ where: { id } });
const audits = (tenantId: string, action: string) =>
  db.prisma.auditLog.count({ where: { tenantId, action } });

beforeAll(async () => {
  db = await useTestDatabase();
  stripeFake = await startStripeFake({
    webhookUrl: "http://127.0.0.1:9/unused",
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    deliver: async () => ({ status: 200 }),
    prices: {
      baseId: stripePlan().basePriceId,
      usageId: stripePlan().usagePriceId,
      meterEventName: stripePlan().meterEventName,
    },
  });
  setStripeHandle({ stripe: stripeClientFor(stripeFake.url), mode: "local", fake: stripeFake });
  twilioFake = await startTwilioFake({ accountSid: env.TWILIO_ACCOUNT_SID });
  setTwilioHandle({ client: twilioClientFor(twilioFake.url), mode: "local", fake: twilioFake });
});
afterAll(async () => {
  await stopJobs();
  setStripeHandle(undefined);
  setTwilioHandle(undefined);
  await Promise.all([stripeFake.close(), twilioFake.close()]);
  await db.drop();
});

describe(`cancellation and auto-detach (${engineName})`, () => {
  it("Cancellation timestamp is recorded and the detach is due exactly 24 hours later", async () => {
    const { tenant, ctx } = await cancellableTenant("Recorded Plumbing");
    const state = await requestCancellation(ctx, fakeClockDeps(T0));
    expect(state).toEqual({ cancelRequestedAt: T0, detachAt: at(DETACH_DELAY_MS), detachedAt: null });
    expect(scheduled.at(-1)).toEqual({
      tenantId: tenant.id,
      requestedAt: T0.toISOString(),
      detachAt: at(24 * HOUR),
    });
    // Asking twice changes nothing.
    expect(await requestCancellation(ctx, fakeClockDeps(at(HOUR)))).toMatchObject({ cancelRequestedAt: T0 });
    expect(await audits(tenant.id, "billing.cancellation_requested")).toBe(1);
    // Stripe: the subscription ends with its period; the AI stays on until the detach.
    const account = await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(stripeFake.state.subscriptions[account.subscriptionId!]!.cancel_at_period_end).toBe(true);
    expect((await serviceGate(scoped(tenant.id), tenant.id)).open).toBe(true);
  });

  it("After 24 hours, service is auto-detached once: service disabled, AI bindings cleared, audit row written", async () => {
    const { tenant, ctx, trackingNumber } = await cancellableTenant("Detached Plumbing");
    await requestCancellation(ctx, fakeClockDeps(T0));
    const job = { tenantId: tenant.id, requestedAt: T0.toISOString() };
    expect(await detachTenant(scoped(tenant.id), job, { twilio, now: () => at(24 * HOUR - 1) })).toBe(
      "not_due",
    );
    expect(numberAtTwilio(trackingNumber).voice_url).toBe(publicUrl("/api/twilio/voice"));

    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        detachTenant(scoped(tenant.id), job, { twilio, now: () => at(24 * HOUR) }),
      ),
    );
    expect(results.filter((r) => r === "detached")).toHaveLength(1);
    expect(await detachTenant(scoped(tenant.id), job, { twilio, now: () => at(48 * HOUR) })).toBe(
      "already_detached",
    );

    expect((await tenantRow(tenant.id)).detachedAt).toEqual(at(24 * HOUR));
    expect(numberAtTwilio(trackingNumber)).toMatchObject({
      voice_url: "",
      voice_fallback_url: "",
      status_callback: "",
    });
    const account = await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(account.aiUnboundAt).toEqual(at(24 * HOUR));
    expect(account.unboundBindings).toMatchObject({
      promptProfile: "standard",
      numbers: [{ e164: trackingNumber, previousVoiceUrl: publicUrl("/api/twilio/voice") }],
    });
    expect(await audits(tenant.id, "billing.detached")).toBe(1);
    const gate = await serviceGate(scoped(tenant.id), tenant.id);
    expect(gate).toEqual({ open: false, reasons: ["The service was detached after cancellation."] });
    await expect(undoCancellation(ctx, fakeClockDeps(at(25 * HOUR)))).rejects.toThrow(
      /Too late to undo: the service was detached/,
    );
  });

  it("Undo before 24 hours cancels the detach; a job from the undone request never fires", async () => {
    const { tenant, ctx, trackingNumber } = await cancellableTenant("Undo Plumbing");
    await requestCancellation(ctx, fakeClockDeps(T0));
    expect(await undoCancellation(ctx, fakeClockDeps(at(23 * HOUR)))).toEqual({
      cancelRequestedAt: null,
      detachAt: null,
      detachedAt: null,
    });
    expect(
      await detachTenant(
        scoped(tenant.id),
        { tenantId: tenant.id, requestedAt: T0.toISOString() },
        { twilio, now: () => at(25 * HOUR) },
      ),
    ).toBe("not_requested");
    // Requested again later: the first request's job is stale, the new one fires at its own time.
    const T1 = at(30 * HOUR);
    await requestCancellation(ctx, fakeClockDeps(T1));
    expect(
      await detachTenant(
        scoped(tenant.id),
        { tenantId: tenant.id, requestedAt: T0.toISOString() },
        { twilio, now: () => at(60 * HOUR) },
      ),
    ).toBe("stale_request");
    expect((await tenantRow(tenant.id)).detachedAt).toBeNull();
    expect(numberAtTwilio(trackingNumber).voice_url).not.toBe("");
    expect(await audits(tenant.id, "billing.cancellation_undone")).toBe(1);
    const account = await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(stripeFake.state.subscriptions[account.subscriptionId!]!.cancel_at_period_end).toBe(true);
    await undoCancellation(ctx, fakeClockDeps(at(31 * HOUR)));
    expect(stripeFake.state.subscriptions[account.subscriptionId!]!.cancel_at_period_end).toBe(false);
    await expect(undoCancellation(ctx, fakeClockDeps(at(32 * HOUR)))).resolves.toMatchObject({
      cancelRequestedAt: null,
    });
  });

  it("The detach job survives a worker restart and fires once; an undone request's job is cancelled", async () => {
    const a = await cancellableTenant("Restart Plumbing");
    const b = await cancellableTenant("Undone Plumbing");
    // The request was made 24 h minus 4 s ago, so the detach is due in 4 s of real time.
    const requestedAt = new Date(Date.now() - DETACH_DELAY_MS + 4000);
    const deps = (): CancellationDeps => ({
      stripe: async () => stripeClientFor(stripeFake.url),
      now: () => requestedAt,
      ...cancellationJobs,
    });
    await startJobs(db, [detachJob], { work: false });
    await requestCancellation(a.ctx, deps());
    await requestCancellation(b.ctx, deps());
    const jobB = (await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: b.tenant.id } }))
      .detachJobId!;
    expect(jobB).toBeTruthy();
    await undoCancellation(b.ctx, deps());
    expect((await (await getBoss()).getJobById(DETACH_JOB, jobB))?.state).toBe("cancelled");
    // The app goes down before the detach time; a new worker process starts afterwards.
    await stopJobs();
    await new Promise((r) => setTimeout(r, 4500));
    await startJobs(db, [detachJob], { pollingIntervalSeconds: 0.5 });
    await expect
      .poll(async () => (await tenantRow(a.tenant.id)).detachedAt, { timeout: 30_000, interval: 250 })
      .not.toBeNull();
    expect(await audits(a.tenant.id, "billing.detached")).toBe(1);
    expect(numberAtTwilio(a.trackingNumber).voice_url).toBe("");
    expect((await tenantRow(b.tenant.id)).detachedAt).toBeNull();
    expect(numberAtTwilio(b.trackingNumber).voice_url).not.toBe("");
    await stopJobs();
  });

  it("the detach sweep catches a request whose job was lost", async () => {
    const { tenant, ctx } = await cancellableTenant("Lost Job Plumbing");
    await requestCancellation(ctx, { ...fakeClockDeps(T0), scheduleDetach: async () => null });
    expect((await tenantsDueForDetach(systemDb(db.prisma), at(24 * HOUR))).map((t) => t.id)).toContain(
      tenant.id,
    );
    await detachSweepJob.work({}, { sys: systemDb(db.prisma), now: () => at(24 * HOUR) });
    expect((await tenantRow(tenant.id)).detachedAt).toEqual(at(24 * HOUR));
  });

  it("After detach, the AI fallback path hard-stops on call handoff (signed Twilio webhooks)", async () => {
    const { tenant, ctx, trackingNumber } = await cancellableTenant("Hard Stop Plumbing");
    await requestCancellation(ctx, fakeClockDeps(T0));
    await detachTenant(scoped(tenant.id), { tenantId: tenant.id }, { twilio, now: () => at(24 * HOUR) });
    const callSid = `CA${"d".repeat(32)}`;
    const post = async (
      route: (req: Request) => Promise<Response>,
      path: string,
      form: Record<string, string>,
    ) => {
      const url = publicUrl(path);
      const res = await route(
        new Request(url, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-twilio-signature": signTwilioRequest(url, form),
          },
          body: new URLSearchParams(form).toString(),
        }),
      );
      return { status: res.status, body: await res.text() };
    };
    const base = { CallSid: callSid, From: "+15125559876", To: trackingNumber, Direction: "inbound" };
    expect((await post(voiceWebhook, "/api/twilio/voice", base)).status).toBe(200);
    const handoff = await post(dialResultWebhook, "/api/twilio/voice/dial-result", {
      ...base,
      DialCallStatus: "no-answer",
    });
    expect(handoff.status).toBe(200);
    expect(handoff.body).not.toContain("<Gather");
    expect(handoff.body).toContain("<Hangup/>");
    expect(handoff.body).toContain("Sorry we missed your call.");
    const lead = await db.prisma.lead.findFirstOrThrow({
      where: { tenantId: tenant.id, sourceRef: callSid },
    });
    expect(lead.status).toBe("missed");
    const blocked = await db.prisma.leadEvent.findFirstOrThrow({
      where: { leadId: lead.id, type: "call.ai_blocked" },
    });
    expect(blocked.data).toEqual({ reasons: ["The service was detached after cancellation."] });
  });

  it("shows the request and detach times on the billing state, and lets the owner undo through the router", async () => {
    const { owner, tenant } = await cancellableTenant("Router Plumbing");
    const caller = callerFor(db.prisma, owner.id, tenant.slug);
    const requested = await caller.billing.requestCancellation();
    expect(requested.detachAt!.getTime() - requested.cancelRequestedAt!.getTime()).toBe(DETACH_DELAY_MS);
    expect((await caller.billing.state()).cancellation).toMatchObject({
      requestedAt: requested.cancelRequestedAt,
      detachAt: requested.detachAt,
      detachedAt: null,
      canUndo: true,
    });
    await caller.billing.undoCancellation();
    expect((await caller.billing.state()).cancellation).toMatchObject({
      requestedAt: null,
      detachAt: null,
      canUndo: false,
    });
  });
});
