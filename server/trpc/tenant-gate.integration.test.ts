// The one tenant gate, proved for every procedure: a member of tenant A cannot read or change
// tenant B's rows, outsiders cannot enter A at all, and staff cannot do owner-only things.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { callProcedure as call, callerFor, errorCode } from "@/server/test/caller";
import { appRouter } from "@/server/trpc/root";
import { TENANT_MODELS } from "@/server/db/tenant-scope";
import { tenantScoped } from "@/server/db/tenant-scope";
import { createInvite } from "@/server/accounts/invites";
import {
  addMember,
  completeSetup,
  makeApiKey,
  makeLead,
  makeTenant,
  makeUsageEntry,
  makeUser,
} from "@/prisma/factories";
import { makeQaReview } from "@/prisma/factories"; // ── qa ──
import { createWebhookEndpoint } from "@/server/webhooks/endpoints"; // ── integrations ──
import { recordWebhookEvent } from "@/server/webhooks/outbox"; // ── integrations ──
import { resetCalendarFeed } from "@/server/calendar/calendar-feeds"; // ── integrations ──
import { can, PERMISSIONS } from "@/server/auth/permissions";
import { createCallerFactory, router, tenantProcedure, type Meta } from "./init";
import { systemDb } from "@/server/db/system";
import { SAAS_AGENCY_PROCEDURES } from "@/server/saas/saas-procedures"; // ── saas ──

type Fixture = Awaited<ReturnType<typeof setup>>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let fx: Fixture;

async function setup() {
  const prisma = db.prisma;
  const ownerA = await makeUser(prisma, { name: "Owner A" });
  const staffA = await makeUser(prisma, { name: "Staff A" });
  const managerA = await makeUser(prisma, { name: "Manager A" });
  const ownerB = await makeUser(prisma, { name: "Owner B" });
  const staffB = await makeUser(prisma, { name: "Staff B" });
  const a = await makeTenant(prisma, { name: "Alpha Plumbing", ownerId: ownerA.id });
  const b = await makeTenant(prisma, {
    name: "Bravo Plumbing",
    ownerId: ownerB.id,
    timeZone: "America/Anchorage",
  });
  await addMember(prisma, a.id, staffA.id, "staff");
  await addMember(prisma, a.id, managerA.id, "manager");
  // A second owner of A who signed out: their sessions from before it no longer count.
  const signedOutOwnerA = await makeUser(prisma, { name: "Signed-out Owner A" });
  await addMember(prisma, a.id, signedOutOwnerA.id, "owner");
  await prisma.user.update({ where: { id: signedOutOwnerA.id }, data: { sessionVersion: 1 } });
  await addMember(prisma, b.id, staffB.id, "staff");
  await completeSetup(prisma, a.id);
  // B's data uses values A never has, so a leak is visible in any answer.
  await completeSetup(prisma, b.id, {
    trackingNumber: "+19075550123",
    plumberPhone: "+19075550124",
    onCallPhone: "+19075550125",
    zips: ["99501", "99502"],
  });
  const keyB = await makeApiKey(prisma, b.id);
  const inviteB = await createInvite(
    { db: tenantScoped(prisma, b.id), tenantId: b.id },
    { email: "new@bravo.test", role: "staff", actorId: ownerB.id, actorRole: "owner" },
  );
  const trackingB = await prisma.trackingNumber.findFirstOrThrow({ where: { tenantId: b.id } });
  const slotB = await prisma.bookingSlot.findFirstOrThrow({ where: { tenantId: b.id } });
  const leadB = await makeLead(prisma, b.id, {
    callerName: "Bravo Caller",
    zip: "99501",
    ownerId: staffB.id,
    nextAction: "Call back",
    dueAt: new Date(),
  });
  const usageB = await makeUsageEntry(prisma, b.id, { callerPhone: "+19075550124" });
  const qaReviewB = await makeQaReview(prisma, b.id, { day: "2026-03-02" }); // ── qa ──
  const handoffReviewB = await prisma.handoffReview.create({
    data: { tenantId: b.id, weekOf: "2026-03-02", leadId: leadB.id, kind: "accepted" },
  }); // ── reports ──
  // ── integrations ──
  const webhookB = await createWebhookEndpoint(
    { db: tenantScoped(prisma, b.id), tenantId: b.id, actorId: ownerB.id },
    { url: "https://hooks.bravo.test/lr", events: ["lead.created"] },
  );
  const [deliveryB] = await recordWebhookEvent(prisma, { tenantId: b.id, type: "lead.created", lead: leadB });
  const feedB = await resetCalendarFeed(
    { db: tenantScoped(prisma, b.id), tenantId: b.id, actorId: ownerB.id },
    { userId: null },
  );
  // ── follow-ups ── a draft waiting in B's approval queue
  const enrollmentB = await prisma.followUpEnrollment.create({
    data: { tenantId: b.id, leadId: leadB.id, sequenceKey: "web_form", nextDueAt: null },
  });
  const draftB = await prisma.followUpDraft.create({
    data: {
      tenantId: b.id,
      leadId: leadB.id,
      enrollmentId: enrollmentB.id,
      sequenceKey: "web_form",
      generation: 1,
      step: 0,
      channel: "text",
      body: "Hi Bravo Caller",
      writtenBy: "ai",
    },
  });
  return {
    draftB,
    a,
    b,
    ownerA,
    signedOutOwnerA,
    staffA,
    managerA,
    ownerB,
    staffB,
    keyB,
    inviteB: inviteB.invite,
    trackingB,
    slotB,
    leadB,
    usageB,
    qaReviewB,
    handoffReviewB,
    webhookB,
    deliveryB: deliveryB!,
    feedB,
  };
}

/** A sample input per tenant procedure, aimed at tenant B's rows. Every procedure must have one. */
const SAMPLES: Record<string, (f: Fixture) => unknown> = {
  "setup.checklist": () => undefined,
  "setup.business": () => undefined,
  "setup.updateBusiness": () => ({ name: "Renamed", timeZone: "America/Chicago" }),
  "setup.phones": () => undefined,
  "setup.addTrackingNumber": () => ({ number: "+19075550123" }),
  "setup.removeTrackingNumber": (f) => ({ id: f.trackingB.id }),
  "setup.connection": () => undefined,
  "setup.connectNumber": (f) => ({ id: f.trackingB.id }),
  "setup.setForwardingPhones": () => ({ plumberPhone: "+15125550177" }),
  "setup.zips": () => ({ search: "995" }),
  "setup.previewZips": () => ({ mode: "one", zip: "78701" }),
  "setup.addZips": () => ({ zips: ["78704"] }),
  "setup.removeZips": () => ({ zips: ["99501", "99502"] }),
  "setup.weeklyTimes": () => undefined,
  "setup.setBusinessHours": () => ({ days: [{ weekday: 1, start: "07:00", end: "15:00" }] }),
  "setup.addBookingSlot": () => ({ weekday: 1, start: "10:00", end: "12:00" }),
  "setup.callGreeting": () => undefined,
  "setup.setCallGreeting": () => ({ on: false }),
  "setup.callAnswers": () => undefined,
  "setup.setCallAnswers": () => ({
    priceAnswer: "Prices are given on site.",
    servicesOffered: ["Water heaters"],
    servicesNotOffered: [],
  }),
  "setup.removeBookingSlot": (f) => ({ id: f.slotB.id }),
  "team.members": () => undefined,
  "team.invite": () => ({ email: "someone@alpha.test", role: "staff" }),
  "team.revokeInvite": (f) => ({ id: f.inviteB.id }),
  "team.changeRole": (f) => ({ userId: f.staffB.id, role: "manager" }),
  "team.removeMember": (f) => ({ userId: f.staffB.id }),
  "team.apiKeys": () => undefined,
  "team.createApiKey": () => ({ name: "Alpha key" }),
  "team.revokeApiKey": (f) => ({ id: f.keyB.id }),
  "team.auditLog": () => ({}),
  // ── calls ──
  "simulator.context": () => undefined,
  "simulator.start": (f) => ({ from: "+15125550142", to: f.trackingB.e164 }),
  "simulator.answerDial": () => ({
    state: {
      callSid: `CA${"b".repeat(32)}`,
      pending: {
        kind: "dial",
        action: "http://localhost:3000/api/twilio/voice/dial-result",
        number: "+15125550199",
        whisperUrl: null,
        purpose: "ring_first",
      },
    },
    how: "answer",
  }),
  "simulator.say": () => ({
    state: {
      callSid: `CA${"b".repeat(32)}`,
      pending: {
        kind: "gather",
        action: "http://localhost:3000/api/twilio/voice/intake?turn=0",
        input: "speech",
      },
    },
    text: "My ZIP is 99501",
  }),
  "simulator.hangUp": () => ({ state: { callSid: `CA${"b".repeat(32)}`, pending: { kind: "ended" } } }),
  "simulator.lead": () => ({ callSid: `CA${"b".repeat(32)}` }),
  // ── leads ──
  "leads.inbox": () => ({ q: "99501" }),
  "leads.counts": () => ({}),
  "leads.owners": () => undefined,
  "leads.get": (f) => ({ id: f.leadB.id }),
  // Bravo's caller's number: the duplicate check must not find (or name) Bravo's lead.
  "leads.add": () => ({ kind: "walk_in", callerName: "Walk-in", callerPhone: "+19075550124", zip: "78701" }),
  "leads.assign": (f) => ({
    leadId: f.leadB.id,
    ownerId: f.ownerA.id,
    nextAction: "Take it",
    dueAt: new Date(),
  }),
  "leads.updateDetails": (f) => ({ leadId: f.leadB.id, urgency: "high" }),
  "leads.accept": (f) => ({
    leadId: f.leadB.id,
    confirmations: { sawNotes: true, understandsNextStep: true, knowsDeadline: true, enoughContext: true },
  }),
  "leads.reject": (f) => ({ leadId: f.leadB.id, missingField: "address", reason: "No address" }),
  "leads.logTouchpoint": (f) => ({ leadId: f.leadB.id, kind: "note", text: "Peek" }),
  "leads.changeStatus": (f) => ({ leadId: f.leadB.id, status: "followup_needed" }),
  "leads.book": (f) => ({ leadId: f.leadB.id, customAt: new Date(Date.now() + 86_400_000) }),
  "leads.close": (f) => ({ leadId: f.leadB.id, reason: "spam" }),
  "leads.markRealCustomer": (f) => ({ leadId: f.leadB.id }),
  "leads.stale": () => ({ idleDays: 1 }),
  "leads.clearTestCalls": () => undefined,
  "leads.closeStale": (f) => ({ leadIds: [f.leadB.id], reason: "spam" }),
  "leads.routing": () => undefined,
  "leads.setRouting": (f) => ({ kind: "standard", userId: f.staffB.id }),
  "notifications.list": () => ({ unreadOnly: false }),
  "notifications.unreadCount": () => undefined,
  "notifications.markRead": (f) => ({ id: f.leadB.id }),
  "notifications.markAllRead": () => undefined,
  "notifications.outbox": () => ({ channel: "sms" }),
  "routines.summary": () => undefined,
  "routines.section": () => ({ section: "review" }),
  // ── billing ──
  "billing.state": () => undefined,
  "billing.startCheckout": () => undefined,
  "billing.openPortal": () => undefined,
  "billing.requestCancellation": () => undefined,
  "billing.undoCancellation": () => undefined,
  "billing.usageLedger": (f) => ({ cursor: f.usageB.id, limit: 5 }),
  // ── messaging ──
  "messaging.thread": (f) => ({ leadId: f.leadB.id }),
  "messaging.reply": (f) => ({ leadId: f.leadB.id, body: "Peek at Bravo" }),
  "messaging.settings": () => undefined,
  "messaging.updateSettings": () => ({ bookingUrl: "https://alpha.example/book", windowHours: 12 }),
  "messaging.preview": () => ({
    purpose: "text_back",
    template: "{business} {link}",
    bookingUrl: "https://alpha.example/book",
  }),
  "messaging.devMessages": (f) => ({ cursor: f.leadB.id }),
  "messaging.sendNow": (f) => ({ id: f.leadB.id }),
  // ── qa ──
  "qa.days": () => undefined,
  "qa.reviews": () => ({ day: "2026-03-02" }),
  "qa.override": (f) => ({ reviewId: f.qaReviewB.id, verdict: "pass", note: "Peek at Bravo" }),
  "qa.runNow": () => undefined,
  "qa.setProfile": () => ({ profile: "safe", reason: "Peeking at Bravo" }),
  // ── reports ──
  "reports.report": () => ({ kind: "this_month" }),
  "reports.csv": () => ({ kind: "custom", from: "2026-03-01", to: "2026-03-31" }),
  "leads.recordOutcome": (f) => ({ leadId: f.leadB.id, visitOutcome: "showed" }),
  "reports.handoffReviews": () => undefined,
  "reports.answerHandoff": (f) => ({
    reviewId: f.handoffReviewB.id,
    answers: {
      ownerCorrect: false,
      notesSufficient: false,
      waitReasonable: false,
      noRepeat: false,
      outcomeMatched: false,
    },
    note: "Peek at Bravo",
  }),
  // ── integrations ──
  "integrations.webhookEvents": () => undefined,
  "integrations.webhooks": () => undefined,
  "integrations.createWebhook": () => ({ url: "https://hooks.alpha.test/lr", events: ["lead.created"] }),
  "integrations.deleteWebhook": (f) => ({ id: f.webhookB.id }),
  "integrations.setWebhookEnabled": (f) => ({ id: f.webhookB.id, enabled: false }),
  "integrations.rotateWebhookSecret": (f) => ({ id: f.webhookB.id }),
  "integrations.webhookDeliveries": (f) => ({ endpointId: f.webhookB.id }),
  "integrations.resendWebhook": (f) => ({ id: f.deliveryB }),
  "integrations.myCalendarFeed": () => undefined,
  "integrations.resetMyCalendarFeed": () => undefined,
  "integrations.revokeMyCalendarFeed": () => undefined,
  "integrations.businessCalendarFeed": () => undefined,
  "integrations.resetBusinessCalendarFeed": () => undefined,
  "integrations.revokeBusinessCalendarFeed": () => undefined,
  // ── follow-ups ──
  "followups.queue": () => undefined,
  "followups.approve": (f) => ({ id: f.draftB.id, body: "Peek at Bravo" }),
  "followups.skip": (f) => ({ id: f.draftB.id }),
  "followups.approveAll": () => undefined,
  "followups.sequences": () => undefined,
  "followups.saveSequence": () => ({ key: "web_form", autoSend: true }),
};

type Proc = { _def: { type: "query" | "mutation"; meta?: Meta } };
const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, Proc> } })._def.procedures,
);
const tenantProcedures = procedures.filter(([, p]) => p._def.meta?.permission);

async function snapshotTenant(tenantId: string) {
  const out: Record<string, unknown> = {
    tenant: await db.prisma.tenant.findUnique({ where: { id: tenantId } }),
  };
  for (const model of TENANT_MODELS) {
    const delegate = (db.prisma as unknown as Record<string, { findMany(a: unknown): Promise<unknown[]> }>)[
      model[0]!.toLowerCase() + model.slice(1)
    ]!;
    out[model] = await delegate.findMany({ where: { tenantId }, orderBy: { id: "asc" } });
  }
  return JSON.stringify(out);
}

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await setup();
});
afterAll(() => db.drop());

describe(`tenant gate (${engineName})`, () => {
  it("finds the procedures to check", () => {
    expect(tenantProcedures.length).toBeGreaterThanOrEqual(Object.keys(SAMPLES).length);
  });

  it("has a cross-tenant sample for every tenant procedure", () => {
    expect(tenantProcedures.map(([path]) => path).filter((p) => !SAMPLES[p])).toEqual([]);
  });

  it("gives every procedure that is not a tenant procedure a reason to be public", () => {
    const others = procedures
      .filter(([, p]) => !p._def.meta?.permission)
      .map(([path]) => path)
      .sort();
    expect(others).toEqual(
      [
        "account.acceptInvite",
        "account.changePassword",
        "account.inviteInfo",
        "account.me",
        // "Forgot password?": for people who cannot sign in; the same answer for any email, rate-limited
        "account.passwordResetUsable",
        "account.requestPasswordReset",
        "account.resetPassword",
        "account.signOutEverywhere",
        "account.signUp",
        // ── agency ── operators only, through the agency gate (server/agency/agency-gate.integration.test.ts)
        "agency.createTenant",
        "agency.overview",
        "agency.pause",
        "agency.resume",
        "agency.reports",
        // ── saas ── operators only, through the agency gate (server/saas/saas-gate.integration.test.ts)
        ...SAAS_AGENCY_PROCEDURES,
      ].sort(),
    );
  });

  it.each(tenantProcedures.map(([path]) => path))("%s refuses a signed-out caller", async (path) => {
    expect(await errorCode(call(callerFor(db.prisma, null, fx.a.slug), path, SAMPLES[path]?.(fx)))).toBe(
      "UNAUTHORIZED",
    );
  });

  it.each(tenantProcedures.map(([path]) => path))(
    "%s refuses an owner's session that was signed out, as if signed out, and changes nothing",
    async (path) => {
      const before = await snapshotTenant(fx.a.id);
      const signedOut = { userId: fx.signedOutOwnerA.id, sessionVersion: 0 };
      expect(
        await errorCode(call(callerFor(db.prisma, signedOut, fx.a.slug), path, SAMPLES[path]?.(fx))),
      ).toBe("UNAUTHORIZED");
      expect(await snapshotTenant(fx.a.id)).toBe(before);
    },
  );

  it.each(tenantProcedures.map(([path]) => path))("%s refuses a member of another tenant", async (path) => {
    const before = await snapshotTenant(fx.a.id);
    expect(
      await errorCode(call(callerFor(db.prisma, fx.ownerB.id, fx.a.slug), path, SAMPLES[path]?.(fx))),
    ).toBe("FORBIDDEN");
    expect(await snapshotTenant(fx.a.id)).toBe(before);
  });

  it.each(tenantProcedures.map(([path]) => path))(
    "%s never reads or changes another tenant's rows",
    async (path) => {
      const before = await snapshotTenant(fx.b.id);
      let result: unknown;
      try {
        result = await call(callerFor(db.prisma, fx.ownerA.id, fx.a.slug), path, SAMPLES[path]?.(fx));
      } catch (err) {
        result = { error: (err as Error).message };
      }
      expect(await snapshotTenant(fx.b.id)).toBe(before);
      const text = JSON.stringify(result ?? null);
      const integrationSecrets = [fx.webhookB.id, fx.webhookB.secret, fx.deliveryB, fx.feedB.url]; // ── integrations ──
      for (const secret of [
        fx.b.id,
        "Bravo Plumbing",
        "99501",
        "+19075550124",
        fx.trackingB.id,
        fx.slotB.id,
        fx.keyB.id,
        fx.inviteB.id,
        "new@bravo.test",
        ...integrationSecrets,
      ]) {
        expect(text).not.toContain(secret);
      }
    },
  );

  const staffDenied = tenantProcedures
    .filter(([, p]) => !can("staff", p._def.meta!.permission!))
    .map(([path]) => path);
  it("staff are refused at least the owner-only settings", () => {
    expect(staffDenied).toEqual(
      expect.arrayContaining(["team.changeRole", "team.createApiKey", "setup.addZips", "team.auditLog"]),
    );
  });
  it.each(staffDenied)("%s refuses staff (owner/manager only)", async (path) => {
    const before = await snapshotTenant(fx.a.id);
    expect(
      await errorCode(call(callerFor(db.prisma, fx.staffA.id, fx.a.slug), path, SAMPLES[path]?.(fx))),
    ).toBe("FORBIDDEN");
    expect(await snapshotTenant(fx.a.id)).toBe(before);
  });

  it("lets an agency operator into every tenant of their agency and no other", async () => {
    const agency = await db.prisma.agency.create({ data: { name: "Gamma Agency" } });
    const operator = await makeUser(db.prisma, { name: "Operator" });
    await db.prisma.agencyMember.create({ data: { agencyId: agency.id, userId: operator.id } });
    const t1 = await makeTenant(db.prisma, { name: "Gamma One", agencyId: agency.id });
    const t2 = await makeTenant(db.prisma, { name: "Gamma Two", agencyId: agency.id });
    for (const t of [t1, t2]) {
      expect(
        await errorCode(call(callerFor(db.prisma, operator.id, t.slug), "setup.checklist", undefined)),
      ).toBe("OK");
    }
    expect(
      await errorCode(call(callerFor(db.prisma, operator.id, fx.a.slug), "setup.checklist", undefined)),
    ).toBe("FORBIDDEN");
    const me = (await callerFor(db.prisma, operator.id).account.me()) as { tenants: { slug: string }[] };
    expect(me.tenants.map((t) => t.slug).sort()).toEqual([t1.slug, t2.slug].sort());
  });

  it("hands a tenant procedure its tenant's client only: no system handle, no global tables", async () => {
    const probe = router({
      ctx: tenantProcedure.meta({ permission: "leads.read" }).query(async ({ ctx }) => ({
        sys: ctx.sys === undefined ? "absent" : "present",
        leads: (await ctx.db.lead.findMany({ select: { tenantId: true } })).map((l) => l.tenantId),
        users: await (ctx.db as unknown as { user: { findMany(): Promise<unknown[]> } }).user.findMany().then(
          () => "read",
          (err: Error) => err.message,
        ),
      })),
    });
    await makeLead(db.prisma, fx.a.id, { callerName: "Alpha Caller" });
    const caller = createCallerFactory(probe)({
      sys: systemDb(db.prisma),
      session: { userId: fx.ownerA.id, sessionVersion: 0 },
      tenantSlug: fx.a.slug,
      ip: null,
    });
    const seen = await caller.ctx();
    expect(seen.sys).toBe("absent");
    expect(new Set(seen.leads)).toEqual(new Set([fx.a.id]));
    expect(seen.users).toMatch(/User is not tenant data/);
  });

  it("uses the role map for every permission", () => {
    for (const roles of Object.values(PERMISSIONS)) expect(roles.length).toBeGreaterThan(0);
  });
});
