// One set of factories for the dev seed, the integration tests and the e2e tests. They go
// through the same domain functions the app uses, so test data is data the app could make.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/server/db/generated/client";
import type { Role } from "@/server/db/generated/enums";
import { tenantScoped } from "@/server/db/tenant-scope";
import { systemDb } from "@/server/db/system";
import { hashPassword } from "@/server/accounts/passwords";
import { createTenant, freeSlug, newTenantId } from "@/server/tenants/create-tenant";
import { addTrackingNumber, setForwardingPhones } from "@/server/setup/phone-numbers";
import { addServiceZips, lookupZip } from "@/server/setup/service-area";
import { addBookingSlot, setBusinessHours } from "@/server/setup/weekly-times";
import { createApiKey } from "@/server/accounts/api-keys";
import { setCallAnswers as saveCallAnswers, type CallAnswersInput } from "@/server/setup/call-answers";

const uniq = () => randomBytes(4).toString("hex");

export async function makeUser(
  prisma: PrismaClient,
  input: { email?: string; name?: string; password?: string } = {},
) {
  return prisma.user.create({
    data: {
      email: (input.email ?? `user-${uniq()}@example.test`).toLowerCase(),
      name: input.name ?? "Test User",
      passwordHash: await hashPassword(input.password ?? "correct-horse-battery"),
    },
  });
}

export async function makeTenant(
  prisma: PrismaClient,
  input: { name?: string; slug?: string; timeZone?: string; agencyId?: string | null; ownerId?: string } = {},
) {
  const name = input.name ?? `Plumbing ${uniq()}`;
  const slug = await freeSlug(prisma, { name, slug: input.slug });
  return createTenant(tenantScoped(prisma, newTenantId()), {
    name,
    slug,
    timeZone: input.timeZone ?? "America/Chicago",
    agencyId: input.agencyId,
    ownerId: input.ownerId,
  });
}

export async function addMember(prisma: PrismaClient, tenantId: string, userId: string, role: Role) {
  return prisma.membership.create({ data: { tenantId, userId, role } });
}

// Real Texas area codes: every one of them makes a valid number with the fictional 555-01xx range
// (a random area code is often unassigned, and then the number is rightly refused).
const FAKE_AREAS = [
  512, 737, 210, 713, 214, 469, 817, 281, 832, 346, 915, 806, 409, 254, 361, 430, 432, 325, 940, 903,
];
let fakeSeq = Math.floor(Math.random() * FAKE_AREAS.length * 100);

/** The plumber's and the on-call phone a completed setup gets unless told otherwise. */
const DEFAULT_PLUMBER_PHONE = "+15125550101";
const DEFAULT_ON_CALL_PHONE = "+15125550102";

/**
 * A valid US number in the fictional 555-01xx range; consecutive calls never repeat (2,000 before
 * wrapping). It is never one of the default forwarding phones: a tracking number equal to the
 * plumber's phone is rightly refused (every call would loop), which made a setup fail now and then.
 */
export function fakePhone(): string {
  for (;;) {
    fakeSeq = (fakeSeq + 1) % (FAKE_AREAS.length * 100);
    const phone = `+1${FAKE_AREAS[Math.floor(fakeSeq / 100)]}5550${100 + (fakeSeq % 100)}`;
    if (phone !== DEFAULT_PLUMBER_PHONE && phone !== DEFAULT_ON_CALL_PHONE) return phone;
  }
}

export type SetupInput = {
  trackingNumber?: string;
  plumberPhone?: string;
  onCallPhone?: string | null;
  zips?: string[];
  hours?: { weekday: number; start: string; end: string }[];
  slots?: { weekday: number; start: string; end: string }[];
  /** The subscription the tenant gets (a local row, no Stripe): "active" unless given; null = none. */
  subscription?: SubscriptionStatus | null;
};

/** Completes the onboarding checklist for a tenant. */
export async function completeSetup(prisma: PrismaClient, tenantId: string, input: SetupInput = {}) {
  const ctx = { db: tenantScoped(prisma, tenantId), tenantId, prisma, sys: systemDb(prisma) };
  let tracking = input.trackingNumber ?? fakePhone();
  for (let i = 0; ; i++) {
    try {
      await addTrackingNumber(ctx, { number: tracking, label: "Main line" });
      break;
    } catch (err) {
      if (input.trackingNumber || i > 5) throw err;
      tracking = fakePhone();
    }
  }
  await setForwardingPhones(ctx, {
    plumberPhone: input.plumberPhone ?? DEFAULT_PLUMBER_PHONE,
    onCallPhone: input.onCallPhone === undefined ? DEFAULT_ON_CALL_PHONE : input.onCallPhone,
  });
  await addServiceZips(
    ctx,
    (input.zips ?? ["78701", "78702", "78703"]).map((z) => lookupZip(z)),
  );
  await setBusinessHours(
    ctx,
    input.hours ?? [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "08:00", end: "17:00" })),
  );
  for (const slot of input.slots ?? [
    { weekday: 2, start: "09:00", end: "11:00" },
    { weekday: 4, start: "13:00", end: "15:00" },
  ]) {
    await addBookingSlot(ctx, slot);
  }
  if (input.subscription !== null)
    await makeBillingAccount(prisma, tenantId, { status: input.subscription ?? "active" });
  return { trackingNumber: tracking };
}

/** The business's answers to callers' questions (price wording, services). */
export async function setCallAnswers(prisma: PrismaClient, tenantId: string, input: CallAnswersInput) {
  return saveCallAnswers({ db: tenantScoped(prisma, tenantId), tenantId }, input);
}

export async function makeApiKey(prisma: PrismaClient, tenantId: string, secret?: string) {
  return createApiKey(
    { db: tenantScoped(prisma, tenantId), tenantId },
    { name: "Test key", actorId: null, secret },
  );
}

let leadSeq = 0;
/** A lead as the call flow would leave it; override any field. */
export async function makeLead(
  prisma: PrismaClient,
  tenantId: string,
  overrides: Partial<Parameters<PrismaClient["lead"]["create"]>[0]["data"]> = {},
) {
  leadSeq += 1;
  return prisma.lead.create({
    data: {
      tenantId,
      callerPhone: `+1512555${String(1000 + (leadSeq % 9000)).padStart(4, "0")}`,
      status: "answered_by_ai",
      source: "phone",
      sourceRef: `CA${randomBytes(16).toString("hex")}`,
      urgency: "normal",
      ...(overrides as object),
    } as Parameters<PrismaClient["lead"]["create"]>[0]["data"],
  });
}

// ── leads (inbox) ──
import { createLead, type CreateLeadInput } from "@/server/leads/create-lead";

/** A lead as intake captures it: routed to its owner with the source SLA's next action and due time. */
export async function makeInboxLead(
  prisma: PrismaClient,
  tenantId: string,
  input: Partial<CreateLeadInput> & { actorId?: string | null; now?: Date } = {},
) {
  const { actorId = null, now, ...rest } = input;
  leadSeq += 1;
  return createLead(
    { db: tenantScoped(prisma, tenantId), tenantId, actorId, now },
    {
      callerPhone: `+1512555${String(1000 + (leadSeq % 9000)).padStart(4, "0")}`,
      source: "phone",
      urgency: "normal",
      status: "answered_by_ai",
      sourceRef: `CA${randomBytes(16).toString("hex")}`,
      ...rest,
    },
  );
}

// ── billing ──
import type { Prisma } from "@/server/db/generated/client";
import type { SubscriptionStatus } from "@/server/db/generated/enums";

/** The tenant's subscription state as a sync from Stripe would leave it (no Stripe call). */
export async function makeBillingAccount(
  prisma: PrismaClient,
  tenantId: string,
  input: Partial<Omit<Prisma.BillingAccountUncheckedCreateInput, "tenantId">> = {},
) {
  const now = Date.now();
  const data = {
    status: "active" as const,
    planName: "LeadRescue Pro",
    baseAmount: 14900,
    perCallAmount: 400,
    currentPeriodStart: new Date(now - 5 * 86_400_000),
    currentPeriodEnd: new Date(now + 25 * 86_400_000),
    ...input,
  };
  return prisma.billingAccount.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
}

/** A usage ledger row for a call (billable unless told otherwise). */
export async function makeUsageEntry(
  prisma: PrismaClient,
  tenantId: string,
  input: Partial<Omit<Prisma.UsageLedgerEntryUncheckedCreateInput, "tenantId">> = {},
) {
  return prisma.usageLedgerEntry.create({
    data: {
      tenantId,
      callSid: `CA${randomBytes(16).toString("hex")}`,
      callerPhone: "+15125559876",
      outcome: "billable",
      meterStatus: "sent",
      occurredAt: new Date(),
      ...input,
    },
  });
}

// ── qa ──
import type { QaVerdict } from "@/server/db/generated/enums";
import { extractByRules } from "@/server/intake/rules-extract";
import {
  extractionStage,
  newCallState,
  transcriptExcerpt,
  transition,
  type CallContext,
  type CallState,
} from "@/server/voice/state-machine";

/** Plays an AI intake with the rules model, caller line by caller line (no I/O). */
export function playAiCall(
  lines: string[],
  ctx: CallContext,
  profile: "standard" | "safe" = "standard",
): CallState {
  let state = transition(newCallState(profile), { type: "start" }, ctx).state;
  for (const text of lines) {
    const stage = extractionStage(state);
    if (!stage) break;
    state = transition(
      state,
      {
        type: "heard",
        text,
        extraction: extractByRules({
          stage,
          utterance: text,
          slotsOffered: state.slotsOffered,
          slotsMentioned: state.slotsMentioned,
          slotsDeclined: state.slotsDeclined,
        }),
      },
      ctx,
    ).state;
  }
  return state;
}

/**
 * An ended AI-handled call as the voice flow stores it: Call (state + turns) and its lead with the
 * fields and evidence. `edit` changes the state before it is stored (to make a QA failure).
 */
export async function makeAiCall(
  prisma: PrismaClient,
  tenantId: string,
  input: {
    lines: string[];
    startedAt?: Date;
    isTest?: boolean;
    edit?: (s: CallState) => void;
    now?: Date;
  } = { lines: [] },
) {
  const tenant = await prisma.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    include: { serviceZips: true, bookingSlots: true, trackingNumbers: true },
  });
  const startedAt = input.startedAt ?? new Date();
  const ctx: CallContext = {
    businessName: tenant.name,
    serviceZips: tenant.serviceZips.map((z) => z.zip),
    bookingSlots: tenant.bookingSlots,
    timeZone: tenant.timeZone,
    now: input.now ?? startedAt,
    onCallPhone: null,
  };
  const state = playAiCall(input.lines, ctx, tenant.promptProfile);
  input.edit?.(state);
  const f = state.fields;
  const callSid = `CA${randomBytes(16).toString("hex")}`;
  const from = fakePhone();
  const lead = await prisma.lead.create({
    data: {
      tenantId,
      callerPhone: from,
      source: "phone",
      sourceRef: callSid,
      isTest: input.isTest ?? false,
      createdAt: startedAt,
      status: state.outcome ?? "followup_needed",
      zip: f.zip,
      inArea: f.inArea,
      issueSummary: f.issueSummary,
      urgency: f.urgency,
      callerName: f.callerName,
      address: f.address,
      appointmentAt: f.appointmentAt ? new Date(f.appointmentAt) : null,
      transcriptExcerpt: transcriptExcerpt(state),
      evidence: state.evidence,
    },
  });
  return prisma.call.create({
    data: {
      tenantId,
      leadId: lead.id,
      callSid,
      fromNumber: from,
      toNumber: tenant.trackingNumbers[0]?.e164 ?? "+15125550100",
      stage: "ended",
      dialStatus: "no-answer",
      promptProfile: tenant.promptProfile,
      state: state as object,
      modelUsed: "rules",
      isTest: input.isTest ?? false,
      startedAt,
      endedAt: startedAt,
      turns: {
        create: state.transcript.map((t, seq) => ({ tenantId, seq, speaker: t.speaker, text: t.text })),
      },
    },
  });
}

/** A QA day with one reviewed call (for the tenant gate and the page). */
export async function makeQaReview(
  prisma: PrismaClient,
  tenantId: string,
  input: { day?: string; callId?: string; verdict?: QaVerdict } = {},
) {
  const sampledOn = input.day ?? "2026-03-02";
  const verdict = input.verdict ?? "fail";
  const day = await prisma.qaDay.upsert({
    where: { tenantId_sampledOn: { tenantId, sampledOn } },
    create: { tenantId, sampledOn, sampled: 1, failed: verdict === "fail" ? 1 : 0, eligible: 1 },
    update: {},
  });
  return prisma.qaReview.create({
    data: {
      tenantId,
      dayId: day.id,
      sampledOn,
      callId: input.callId ?? `call_${uniq()}`,
      verdict,
      criteria:
        verdict === "fail"
          ? [{ criterion: "hallucinated_details", code: "price_stated", detail: "The agent stated a price." }]
          : [],
    },
  });
}

// ── not a customer ──

/**
 * A call the AI closed as not from a customer ("Sales call", "Recorded message", "Wrong number"):
 * the ended call with its words, the lead closed with that reason and note, the "AI answered" fact,
 * and the usage ledger row credited like a test call.
 */
export async function makeNotACustomerCall(
  prisma: PrismaClient,
  tenantId: string,
  input: {
    which?: string;
    lines?: string[];
    callerPhone?: string;
    ownerId?: string | null;
    startedAt?: Date;
  } = {},
) {
  const which = input.which ?? "Sales call";
  const lines = input.lines ?? [
    "Hi, this is Kevin from Local Listings Pro, I'm calling about your Google business profile. Is the owner available?",
  ];
  const tenant = await prisma.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    include: { trackingNumbers: true },
  });
  const startedAt = input.startedAt ?? new Date();
  const callSid = `CA${randomBytes(16).toString("hex")}`;
  const from = input.callerPhone ?? fakePhone();
  const transcript = [
    {
      speaker: "agent",
      text: `Thanks for calling ${tenant.name}. What's the ZIP code where you need service?`,
    },
    ...lines.map((text) => ({ speaker: "caller", text })),
  ];
  const lead = await prisma.lead.create({
    data: {
      tenantId,
      callerPhone: from,
      source: "phone",
      sourceRef: callSid,
      createdAt: startedAt,
      status: "closed",
      closeReason: "not_a_customer",
      closeNote: which,
      ownerId: input.ownerId ?? null,
      urgency: null,
      transcriptExcerpt: transcript
        .map((t) => `${t.speaker === "agent" ? "AI" : "Caller"}: ${t.text}`)
        .join("\n"),
    },
  });
  await prisma.leadEvent.createMany({
    data: [
      // The call's timeline as the call flow writes it: a call (the reports count it), missed, answered by the AI.
      { tenantId, leadId: lead.id, type: "call.received", data: { from }, createdAt: startedAt },
      {
        tenantId,
        leadId: lead.id,
        type: "call.missed",
        data: { dialStatus: "no-answer" },
        createdAt: startedAt,
      },
      { tenantId, leadId: lead.id, type: "call.ai_answered", createdAt: startedAt },
      {
        tenantId,
        leadId: lead.id,
        type: "lead.closed",
        data: {
          reason: "not_a_customer",
          label: "Not a customer",
          note: which,
          fromStatus: "answered_by_ai",
        },
        createdAt: new Date(startedAt.getTime() + 30_000),
      },
    ],
  });
  const call = await prisma.call.create({
    data: {
      tenantId,
      leadId: lead.id,
      callSid,
      fromNumber: from,
      toNumber: tenant.trackingNumbers[0]?.e164 ?? "+15125550100",
      stage: "ended",
      dialStatus: "no-answer",
      state: {
        ...newCallState(),
        stage: "ended",
        transcript: transcript.map((t) => ({ ...t, stage: "zip" })),
      } as object,
      modelUsed: "rules",
      startedAt,
      endedAt: new Date(startedAt.getTime() + 30_000),
      turns: { create: transcript.map((t, seq) => ({ tenantId, seq, speaker: t.speaker, text: t.text })) },
    },
  });
  await prisma.usageLedgerEntry.create({
    data: {
      tenantId,
      callSid,
      leadId: lead.id,
      callerPhone: from,
      outcome: "credited",
      creditReason: "not_a_customer",
      meterStatus: "not_applicable",
      occurredAt: call.endedAt!,
    },
  });
  return { lead, call };
}
