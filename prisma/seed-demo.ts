// The demo data a fresh embedded database starts with (README "Demo logins"). Idempotent:
// it only seeds an empty database.
import type { PrismaClient } from "@/server/db/generated/client";
import { previousWeek } from "@/server/reports/handoff-qa";
import {
  addMember,
  completeSetup,
  makeApiKey,
  makeInboxLead,
  makeNotACustomerCall,
  makeTenant,
  makeUser,
  setCallAnswers,
} from "./factories";
import { seedTrialSubscription } from "@/server/billing/seed-subscription";
import { tenantScoped } from "@/server/db/tenant-scope";
import { parseClock } from "@/server/setup/weekly-times";
import { upcomingSlots } from "@/server/voice/booking-slots";

export const DEMO = {
  password: "demo-password-1",
  owner: { email: "owner@demo-plumbing.test", name: "Dana Owner" },
  staff: { email: "staff@demo-plumbing.test", name: "Sam Staff" },
  operator: { email: "operator@demo-agency.test", name: "Olive Operator" },
  secondOwner: { email: "owner@hill-country-plumbing.test", name: "Hattie Owner" },
  agency: "Demo Agency",
  tenant: { name: "Demo Plumbing", slug: "demo-plumbing", timeZone: "America/Chicago" },
  secondTenant: { name: "Hill Country Plumbing", slug: "hill-country-plumbing", timeZone: "America/Chicago" },
  trackingNumber: "+15125550100",
  plumberPhone: "+15125550101",
  onCallPhone: "+15125550102",
  zips: ["78701", "78702", "78703", "78704", "78705", "78712", "78721", "78722", "78723", "78751", "78756"],
  apiKey: "lr_live_demo_key_for_local_use_only_0001",
  callAnswers: {
    priceAnswer:
      "Our plumber gives you an exact price on site before any work starts, and there's no charge to book the visit.",
    servicesOffered: [
      "Leak repair",
      "Drain cleaning",
      "Water heaters",
      "Toilets and faucets",
      "Sewer lines",
      "Gas lines",
      "Garbage disposals",
    ],
    servicesNotOffered: ["Commercial buildings", "Septic tanks", "Well pumps"],
  },
};

/** The demo business's booking slots (weekday 0 = Sunday), inside its 8-to-5 weekday hours. */
const DEMO_SLOTS = [
  { weekday: 2, start: "09:00", end: "11:00" },
  { weekday: 3, start: "13:00", end: "15:00" },
  { weekday: 4, start: "09:00", end: "11:00" },
];
const weeklySlot = (s: { weekday: number; start: string; end: string }) => ({
  weekday: s.weekday,
  startMinute: parseClock(s.start, "start"),
  endMinute: parseClock(s.end, "end"),
});

type DemoCallLead = { id: string; sourceRef: string | null; callerPhone: string };

/**
 * The call behind a demo phone lead, as the call flow leaves it: the Call row (its CallSid is the
 * lead's sourceRef), the conversation, and the call's timeline — so every demo phone lead counts as
 * a call in the reports, the way a real one does.
 */
async function recordDemoCall(
  prisma: PrismaClient,
  tenantId: string,
  lead: DemoCallLead,
  call: {
    startedAt: Date;
    minutes: number;
    /** No AI: the call was missed and nobody talked (a robocall the office closed). */
    aiAnswered?: boolean;
    turns?: readonly (readonly ["agent" | "caller", string])[];
    /** Timeline entries after the AI answered (escalation, outcome). */
    events?: { type: string; data?: object; afterMinutes: number }[];
  },
) {
  const at = (m: number) => new Date(call.startedAt.getTime() + m * 60_000);
  const created = await prisma.call.create({
    data: {
      tenantId,
      leadId: lead.id,
      callSid: lead.sourceRef ?? `CAdemo${lead.id}`,
      fromNumber: lead.callerPhone,
      toNumber: DEMO.trackingNumber,
      stage: "ended",
      dialStatus: "no-answer",
      startedAt: call.startedAt,
      endedAt: at(call.minutes),
    },
  });
  if (call.turns?.length)
    await prisma.callTurn.createMany({
      data: call.turns.map(([speaker, text], seq) => ({ tenantId, callId: created.id, seq, speaker, text })),
    });
  await prisma.leadEvent.createMany({
    data: [
      {
        tenantId,
        leadId: lead.id,
        type: "call.received",
        data: { from: lead.callerPhone },
        createdAt: at(0),
      },
      {
        tenantId,
        leadId: lead.id,
        type: "call.missed",
        data: { dialStatus: "no-answer" },
        createdAt: at(0.2),
      },
      ...(call.aiAnswered === false
        ? []
        : [{ tenantId, leadId: lead.id, type: "call.ai_answered", data: {}, createdAt: at(0.2) }]),
      ...(call.events ?? []).map((e) => ({
        tenantId,
        leadId: lead.id,
        type: e.type,
        data: e.data ?? {},
        createdAt: at(e.afterMinutes),
      })),
    ],
  });
  return created;
}

export async function seedDemoIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.tenant.count()) > 0) return false;
  await seedDemo(prisma);
  return true;
}

export async function seedDemo(prisma: PrismaClient, now = new Date()) {
  const agency = await prisma.agency.create({ data: { name: DEMO.agency, slug: "demo-agency" } });
  const owner = await makeUser(prisma, { ...DEMO.owner, password: DEMO.password });
  const staff = await makeUser(prisma, { ...DEMO.staff, password: DEMO.password });
  const operator = await makeUser(prisma, { ...DEMO.operator, password: DEMO.password });
  await prisma.agencyMember.create({ data: { agencyId: agency.id, userId: operator.id } });

  const tenant = await makeTenant(prisma, { ...DEMO.tenant, agencyId: agency.id, ownerId: owner.id });
  await addMember(prisma, tenant.id, staff.id, "staff");
  await completeSetup(prisma, tenant.id, {
    trackingNumber: DEMO.trackingNumber,
    plumberPhone: DEMO.plumberPhone,
    onCallPhone: DEMO.onCallPhone,
    zips: [...DEMO.zips],
    slots: DEMO_SLOTS,
  });
  await makeApiKey(prisma, tenant.id, DEMO.apiKey);
  await setCallAnswers(prisma, tenant.id, DEMO.callAnswers);
  // Billing: a 14-day trial through the local Stripe fake keeps the AI on (gate open).
  await seedTrialSubscription(tenantScoped(prisma, tenant.id), tenant.id, { email: DEMO.owner.email });

  // Its own owner too: a business nobody works in has nobody for routing and escalations to reach.
  const secondOwner = await makeUser(prisma, { ...DEMO.secondOwner, password: DEMO.password });
  const second = await makeTenant(prisma, {
    ...DEMO.secondTenant,
    agencyId: agency.id,
    ownerId: secondOwner.id,
  });
  await completeSetup(prisma, second.id, {
    trackingNumber: "+15125550200",
    plumberPhone: "+15125550201",
    onCallPhone: null,
    zips: ["78610", "78620", "78676"],
  });
  await seedTrialSubscription(tenantScoped(prisma, second.id), second.id, { email: DEMO.secondOwner.email });
  await seedDemoLeads(prisma, { tenantId: tenant.id, ownerId: owner.id, staffId: staff.id }, now);
  return { agency, owner, staff, operator, tenant, second, secondOwner };
}

// ── leads (inbox) ──
/** A realistic morning in the inbox: one lead per queue group, a test call and a closed one. */
export async function seedDemoLeads(
  prisma: PrismaClient,
  ids: { tenantId: string; ownerId: string; staffId: string },
  now = new Date(),
) {
  const { tenantId, ownerId, staffId } = ids;
  const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
  // A visit at a believable hour: the business's next booking slot at least 12 hours away (never 12:50 AM).
  const [visit] = upcomingSlots(DEMO_SLOTS.map(weeklySlot), {
    timeZone: DEMO.tenant.timeZone,
    now,
    count: 1,
    minNoticeMinutes: 12 * 60,
  });
  const visitAt = new Date(visit!.startsAt);
  const emergency = await makeInboxLead(prisma, tenantId, {
    callerName: "Maria Lopez",
    callerPhone: "+15125550143",
    zip: "78704",
    inArea: true,
    issueSummary: "Burst pipe under the kitchen sink, water on the floor",
    urgency: "emergency",
    status: "followup_needed",
    ownerId: staffId,
    nextAction: "Call Maria back now: water is still running, walk her to the shut-off valve",
    dueAt: minutes(-4),
    createdAt: minutes(-9),
    evidence: {
      zip: "I'm in 78704",
      issueSummary: "a pipe burst under my kitchen sink and there's water all over the floor",
      urgency: "water is still coming out, it's flooding",
      callerName: "this is Maria Lopez",
    },
    transcriptExcerpt: "Caller: a pipe burst under my kitchen sink and there's water all over the floor",
  });
  await recordDemoCall(prisma, tenantId, emergency, {
    startedAt: minutes(-9),
    minutes: 2,
    turns: [
      [
        "agent",
        "Thanks for calling Demo Plumbing. Sorry we missed you. What's the ZIP code where you need service?",
      ],
      ["caller", "I'm in 78704"],
      ["agent", "Thanks. What's going on with your plumbing?"],
      [
        "caller",
        "a pipe burst under my kitchen sink and there's water all over the floor, water is still coming out, it's flooding",
      ],
      ["agent", "That sounds urgent. I'm alerting our on-call plumber right now. Can I get your name?"],
      ["caller", "this is Maria Lopez"],
      [
        "agent",
        "Thank you, Maria. Someone will call you back within five minutes. If you can, turn off the main water valve.",
      ],
    ],
    events: [
      { type: "call.escalated", data: { via: "callback", reason: "emergency" }, afterMinutes: 1.5 },
      { type: "call.outcome", data: { outcome: "followup_needed" }, afterMinutes: 2 },
    ],
  });
  await prisma.task.create({
    data: {
      tenantId,
      leadId: emergency.id,
      kind: "urgent_callback",
      title: "Urgent callback: burst pipe, flooding",
      assigneeId: staffId,
      dueAt: minutes(-4),
    },
  });

  const james = await makeInboxLead(prisma, tenantId, {
    callerName: "James Carter",
    callerPhone: "+15125550144",
    zip: "78702",
    inArea: true,
    issueSummary: "Water heater leaking from the bottom",
    urgency: "high",
    ownerId: staffId,
    nextAction: "Call back to schedule a water heater inspection",
    dueAt: minutes(20),
    createdAt: minutes(-25),
    evidence: {
      zip: "78702",
      issueSummary: "my water heater is leaking from the bottom",
      urgency: "it's getting worse",
    },
  });
  // An "Answered by AI" lead has the conversation that made it.
  await recordDemoCall(prisma, tenantId, james, {
    startedAt: minutes(-25),
    minutes: 2,
    turns: [
      [
        "agent",
        "Thanks for calling Demo Plumbing. Sorry we missed you. What's the ZIP code where you need service?",
      ],
      ["caller", "78702"],
      ["agent", "Thanks. What's going on with your plumbing?"],
      ["caller", "my water heater is leaking from the bottom and it's getting worse"],
      ["agent", "I'm sorry to hear that. Can I get your name?"],
      ["caller", "James Carter"],
      [
        "agent",
        "Thanks, James. Someone from the office will call you back shortly to schedule an inspection.",
      ],
    ],
  });
  const booked = await makeInboxLead(prisma, tenantId, {
    callerName: "Priya Patel",
    callerPhone: "+15125550145",
    zip: "78701",
    inArea: true,
    issueSummary: "Slow bathroom drain",
    address: "412 Congress Ave",
    status: "booked",
    appointmentAt: visitAt,
    ownerId: staffId,
    nextAction: "Confirm the appointment with the customer",
    dueAt: new Date(Math.min(minutes(2 * 60).getTime(), visitAt.getTime() - 60 * 60_000)),
    createdAt: minutes(-3 * 60),
  });
  await prisma.lead.update({ where: { id: booked.id }, data: { acceptedAt: minutes(-170) } });
  // A phone lead came in by a call: the AI answered it and booked the visit.
  await recordDemoCall(prisma, tenantId, booked, {
    startedAt: minutes(-3 * 60),
    minutes: 3,
    turns: [
      [
        "agent",
        "Thanks for calling Demo Plumbing. Sorry we missed you. What's the ZIP code where you need service?",
      ],
      ["caller", "78701"],
      ["agent", "Thanks. What's going on with your plumbing?"],
      ["caller", "my bathroom drain is really slow"],
      ["agent", "Got it. Can I get your name?"],
      ["caller", "Priya Patel"],
      ["agent", "Thanks, Priya. Would you like us to come out and take a look?"],
      ["caller", "yes please, 412 Congress Ave"],
      ["agent", "You're booked. The plumber will see you then."],
    ],
    events: [{ type: "call.outcome", data: { outcome: "booked" }, afterMinutes: 3 }],
  });
  await makeInboxLead(prisma, tenantId, {
    callerName: "Tom Nguyen",
    callerPhone: "+15125550146",
    zip: "78751",
    issueSummary: "Toilet keeps running (web form)",
    source: "web_form",
    sourceRef: "Website contact form",
    status: "followup_needed",
    ownerId: staffId,
    nextAction: "Reply to the web form inquiry",
    dueAt: minutes(-30),
    createdAt: minutes(-45),
  });
  // ── follow-ups ── two fresh leads whose sequences are under way: a web form request whose
  // caller ticked the texting box (its first follow-up text waits in the approval queue), and a
  // referral (a personal call first, never an automatic text).
  await makeInboxLead(prisma, tenantId, {
    callerName: "Ray Ortiz",
    callerPhone: "+15125550151",
    zip: "78704",
    issueSummary: "Garbage disposal hums but won't spin",
    source: "referral",
    sourceRef: "Referred by Priya Patel",
    status: "followup_needed",
    notes: "Referred by Priya Patel.",
    ownerId: staffId,
    createdAt: minutes(-8),
  });
  await prisma.consentRecord.create({
    data: {
      tenantId,
      phone: "+15125550152",
      optedOut: false,
      source: "web_form",
      detail: 'Web form: "Yes, text me about my request."',
      at: minutes(-5),
    },
  });
  await makeInboxLead(prisma, tenantId, {
    callerName: "Grace Kim",
    callerPhone: "+15125550152",
    zip: "78705",
    inArea: true,
    issueSummary: "Kitchen faucet drips all night",
    source: "web_form",
    status: "followup_needed",
    ownerId: staffId,
    createdAt: minutes(-5),
  });
  await makeInboxLead(prisma, tenantId, {
    callerName: "Linda Brooks",
    callerPhone: "+15125550147",
    zip: "78756",
    issueSummary: "Wants an estimate for repiping a 1960s house",
    source: "referral",
    sourceRef: "Referred by the Hendersons",
    status: "not_booked",
    notes: "Referred by the Hendersons (repipe job on Shoal Creek, 2025). Prefers email.",
    isEstimate: true,
    followUpAt: minutes(3 * 24 * 60),
    ownerId,
    createdAt: minutes(-26 * 60),
  });
  await makeInboxLead(prisma, tenantId, {
    callerName: "Test Caller",
    callerPhone: "+15125550199",
    zip: "78610",
    inArea: false,
    issueSummary: "Simulator: out-of-area caller",
    status: "not_booked",
    urgency: "low",
    ownerId: staffId,
    isTest: true,
    createdAt: minutes(-60),
  });
  const spam = await makeInboxLead(prisma, tenantId, {
    callerPhone: "+18005550148",
    status: "missed",
    urgency: null,
    ownerId,
    createdAt: minutes(-2 * 24 * 60),
  });
  await prisma.lead.update({
    where: { id: spam.id },
    data: { status: "closed", closeReason: "spam", closeNote: "Robocall" },
  });
  // The robocall rang the tracking number like any call: a call, never a lead.
  await recordDemoCall(prisma, tenantId, spam, {
    startedAt: minutes(-2 * 24 * 60),
    minutes: 1,
    aiAnswered: false,
  });
  // A salesperson the AI closed as not a customer: the inbox's "Not a customer" filter shows it.
  await makeNotACustomerCall(prisma, tenantId, {
    which: "Sales call",
    callerPhone: "+15125550166",
    ownerId,
    startedAt: minutes(-3 * 60),
  });
  // The demo's calls reached the tracking number, so it is "Receiving calls" since the first of them.
  const firstCall = await prisma.call.findFirst({
    where: { tenantId, toNumber: DEMO.trackingNumber, isTest: false },
    orderBy: { startedAt: "asc" },
    select: { startedAt: true },
  });
  await prisma.trackingNumber.updateMany({
    where: { tenantId, e164: DEMO.trackingNumber, receivingCallsAt: null },
    data: { receivingCallsAt: firstCall?.startedAt ?? now },
  });
  // Last week's handoff QA sample (the Monday job's work), waiting for a reviewer on the QA page.
  const { timeZone } = await prisma.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { timeZone: true },
  });
  await prisma.handoffReview.create({
    data: { tenantId, weekOf: previousWeek(now, timeZone).weekOf, leadId: booked.id, kind: "accepted" },
  });
}
