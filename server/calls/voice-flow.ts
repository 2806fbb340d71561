// The call, end to end (DESIGN.md; seed 000 §2–6), one function per Twilio webhook. Each step
// is claimed with a conditional update before it runs, and the TwiML it produced is stored, so
// Twilio's retries and duplicate deliveries get the same answer and change nothing.
import type { PrismaClient, Call, Prisma } from "@/server/db/generated/client";
import type { LeadStatus } from "@/server/db/generated/enums";
import { writeAudit } from "@/server/audit/write-audit";
import { serviceGate } from "@/server/billing/service-gate";
import type { IntakeEngine } from "@/server/intake/engine";
import { closeOnHangup, newCallState, parseCallState, transcriptExcerpt, type CallAction, type CallContext, type CallState } from "@/server/voice/state-machine";
import { takeIntakeTurn, intakeInputFromForm, type IntakeInput } from "@/server/voice/take-turn";
import { isScreenResult, isTransferResult, parseScreenBrief, politeHangupTwiml, ringFirstTwiml, screenResultTwiml, screenTwiml } from "@/server/voice/twiml";
import type { TwilioForm } from "@/server/integrations/twilio-webhook";
import { plumberAnswered } from "./dial-outcome";
import { findTenantByCalledNumber, recordIncomingCall } from "./record-call";

export type VoiceCtx = { prisma: PrismaClient; baseUrl: string; engine: Pick<IntakeEngine, "extract">; now?: () => Date };

const nowOf = (ctx: VoiceCtx) => (ctx.now ? ctx.now() : new Date());

export const MESSAGES = {
  unknownNumber: "Sorry, the number you called is not set up to take calls right now. Goodbye.",
  gateClosed: (business: string) => `Sorry we missed your call. Someone from ${business} will call you back as soon as possible. Goodbye.`,
  trouble: "Sorry, we are having trouble on our end. Someone will call you back as soon as possible. Goodbye.",
  answered: "",
} as const;

/** Waits for the step's first delivery to store its TwiML, then answers the same. */
async function replayOf(prisma: PrismaClient, callSid: string, key: string, timeoutMs = 8000): Promise<string | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const call = await prisma.call.findUnique({ where: { callSid }, select: { lastTwimlKey: true, lastTwiml: true } });
    if (call?.lastTwimlKey === key && call.lastTwiml) return call.lastTwiml;
    if (Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function remember(prisma: PrismaClient, callSid: string, key: string, twiml: string) {
  await prisma.call.update({ where: { callSid }, data: { lastTwimlKey: key, lastTwiml: twiml } });
  return twiml;
}

async function leadEvent(prisma: PrismaClient, call: Pick<Call, "tenantId" | "leadId">, type: string, data: Record<string, unknown> = {}) {
  if (!call.leadId) return;
  await prisma.leadEvent.create({ data: { tenantId: call.tenantId, leadId: call.leadId, type, data: data as Prisma.InputJsonValue } });
}

// ── POST /api/twilio/voice ──────────────────────────────────────────────────────────────────

export async function onIncomingCall(ctx: VoiceCtx, form: TwilioForm, opts: { isTest: boolean }): Promise<string> {
  const { prisma } = ctx;
  const tenant = await findTenantByCalledNumber(prisma, form.To!);
  if (!tenant) {
    await writeAudit(prisma, { action: "call.unknown_number", target: form.To, data: { from: form.From, callSid: form.CallSid } });
    return politeHangupTwiml(MESSAGES.unknownNumber);
  }
  const { call } = await recordIncomingCall(prisma, { tenantId: tenant.id, callSid: form.CallSid!, from: form.From!, to: form.To!, isTest: opts.isTest, promptProfile: tenant.promptProfile });
  if (call.lastTwimlKey === "voice" && call.lastTwiml) return call.lastTwiml;
  if (call.stage !== "ringing") return (await replayOf(prisma, call.callSid, "voice")) ?? politeHangupTwiml(MESSAGES.trouble);
  if (!tenant.plumberPhone) {
    // Nobody to ring first: treat as missed straight away.
    return onDialResult(ctx, { ...form, DialCallStatus: "no-answer" }, "voice");
  }
  return remember(prisma, call.callSid, "voice", ringFirstTwiml({ plumberPhone: tenant.plumberPhone, baseUrl: ctx.baseUrl }));
}

// ── POST /api/twilio/voice/screen ───────────────────────────────────────────────────────────

export async function onScreen(ctx: VoiceCtx, query: URLSearchParams, form: TwilioForm): Promise<string> {
  const { prisma } = ctx;
  const parentSid = form.ParentCallSid ?? "";
  if (!isScreenResult(query)) {
    const brief = parseScreenBrief(query);
    if (brief.purpose === "ring_first") {
      const parent = parentSid ? await prisma.call.findUnique({ where: { callSid: parentSid }, include: { tenant: { select: { name: true } } } }) : null;
      return screenTwiml(ctx.baseUrl, { purpose: "ring_first", businessName: parent?.tenant.name });
    }
    return screenTwiml(ctx.baseUrl, brief);
  }
  if (form.Digits?.trim() === "1" && parentSid) {
    const now = nowOf(ctx);
    // Which whisper this was follows from where the parent call is.
    await prisma.call.updateMany({ where: { callSid: parentSid, stage: "ringing", plumberAcceptedAt: null }, data: { plumberAcceptedAt: now } });
    await prisma.call.updateMany({ where: { callSid: parentSid, stage: "transferring", transferAcceptedAt: null }, data: { transferAcceptedAt: now } });
  }
  return screenResultTwiml(form.Digits);
}

// ── POST /api/twilio/voice/dial-result ──────────────────────────────────────────────────────

export async function onDialResult(ctx: VoiceCtx, form: TwilioForm, key = "dial-result"): Promise<string> {
  const { prisma } = ctx;
  const dialStatus = form.DialCallStatus ?? "no-answer";
  const claimed = await prisma.call.updateMany({ where: { callSid: form.CallSid!, stage: "ringing" }, data: { stage: "dialed", dialStatus } });
  if (claimed.count === 0) {
    const exists = await prisma.call.findUnique({ where: { callSid: form.CallSid! }, select: { id: true } });
    if (!exists) return politeHangupTwiml(MESSAGES.trouble);
    return (await replayOf(prisma, form.CallSid!, key)) ?? politeHangupTwiml(MESSAGES.trouble);
  }
  const call = await prisma.call.findUniqueOrThrow({ where: { callSid: form.CallSid! }, include: { tenant: true } });

  if (plumberAnswered(dialStatus, !!call.plumberAcceptedAt)) {
    await prisma.call.update({ where: { id: call.id }, data: { stage: "ended" } });
    await setLeadStatus(prisma, call, "answered_by_plumber");
    await leadEvent(prisma, call, "call.answered_by_plumber", { dialStatus });
    return remember(prisma, call.callSid, key, politeHangupTwiml(MESSAGES.answered));
  }

  await leadEvent(prisma, call, "call.missed", { dialStatus, screened: !!call.plumberAcceptedAt });
  const gate = await serviceGate(prisma, call.tenantId);
  if (!gate.open) {
    await prisma.call.update({ where: { id: call.id }, data: { stage: "ended" } });
    await leadEvent(prisma, call, "call.ai_blocked", { reasons: gate.reasons });
    return remember(prisma, call.callSid, key, politeHangupTwiml(MESSAGES.gateClosed(call.tenant.name)));
  }
  await setLeadStatus(prisma, call, "answered_by_ai");
  await prisma.call.update({ where: { id: call.id }, data: { stage: "intake", state: newCallState(call.promptProfile) as unknown as Prisma.InputJsonValue } });
  await leadEvent(prisma, call, "call.ai_answered", { promptProfile: call.promptProfile });
  const twiml = await runTurn(ctx, call.callSid, { kind: "start" });
  return remember(prisma, call.callSid, key, twiml);
}

// ── POST /api/twilio/voice/intake ───────────────────────────────────────────────────────────

export async function onIntake(ctx: VoiceCtx, query: URLSearchParams, form: TwilioForm): Promise<string> {
  const { prisma } = ctx;
  const callSid = form.CallSid!;
  const call = await prisma.call.findUnique({ where: { callSid } });
  if (!call) return politeHangupTwiml(MESSAGES.trouble);

  if (isTransferResult(query)) {
    const key = "transfer-result";
    const claimed = await prisma.call.updateMany({ where: { callSid, stage: "transferring" }, data: { stage: "transfer-result" } });
    if (claimed.count === 0) return (await replayOf(prisma, callSid, key)) ?? politeHangupTwiml(MESSAGES.trouble);
    const answered = ["completed", "answered"].includes(form.DialCallStatus ?? "") && !!call.transferAcceptedAt;
    return remember(prisma, callSid, key, await runTurn(ctx, callSid, { kind: "transfer_result", answered }));
  }

  const turn = Number(query.get("turn") ?? call.turn);
  const key = `intake:${turn}`;
  const claimed = await prisma.call.updateMany({ where: { callSid, turn, stage: "intake" }, data: { turn: turn + 1 } });
  if (claimed.count === 0) return (await replayOf(prisma, callSid, key)) ?? politeHangupTwiml(MESSAGES.trouble);
  return remember(prisma, callSid, key, await runTurn(ctx, callSid, intakeInputFromForm(form)));
}

// ── POST /api/twilio/voice/status ───────────────────────────────────────────────────────────

/** The call is over: a caller who hung up mid-intake becomes followup_needed (or missed). */
export async function onCallStatus(ctx: VoiceCtx, form: TwilioForm): Promise<void> {
  const { prisma } = ctx;
  const final = ["completed", "busy", "failed", "no-answer", "canceled"];
  if (!final.includes(form.CallStatus ?? "")) return;
  const claimed = await prisma.call.updateMany({ where: { callSid: form.CallSid!, endedAt: null }, data: { endedAt: nowOf(ctx) } });
  if (claimed.count === 0) return;
  const call = await prisma.call.findUniqueOrThrow({ where: { callSid: form.CallSid! } });
  await leadEvent(prisma, call, "call.ended", { callStatus: form.CallStatus, duration: form.CallDuration ?? null });
  if (call.stage === "ended" || call.stage === "ringing" || call.stage === "dialed") {
    if (call.stage !== "ended") await prisma.call.update({ where: { id: call.id }, data: { stage: "ended" } });
    return;
  }
  const state = parseCallState(call.state, call.promptProfile);
  if (state.outcome) return;
  const { status, task } = closeOnHangup(state);
  await prisma.call.update({ where: { id: call.id }, data: { stage: "ended" } });
  if (task) await applyActions(prisma, call, state, [task], nowOf(ctx));
  await setLeadStatus(prisma, call, status);
  await leadEvent(prisma, call, "call.caller_hung_up", { status });
}

// ── one intake turn, applied ────────────────────────────────────────────────────────────────

async function callContext(prisma: PrismaClient, tenantId: string, now: Date): Promise<CallContext> {
  const [tenant, zips, slots] = await Promise.all([
    prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } }),
    prisma.serviceZip.findMany({ where: { tenantId }, select: { zip: true } }),
    prisma.bookingSlot.findMany({ where: { tenantId }, select: { weekday: true, startMinute: true, endMinute: true } }),
  ]);
  return { businessName: tenant.name, serviceZips: zips.map((z) => z.zip), bookingSlots: slots, timeZone: tenant.timeZone, now, onCallPhone: tenant.onCallPhone };
}

async function runTurn(ctx: VoiceCtx, callSid: string, input: IntakeInput): Promise<string> {
  const { prisma } = ctx;
  const now = nowOf(ctx);
  const call = await prisma.call.findUniqueOrThrow({ where: { callSid } });
  const state = parseCallState(call.state, call.promptProfile);
  const before = state.transcript.length;
  const turn = await takeIntakeTurn({ state, input, ctx: await callContext(prisma, call.tenantId, now), engine: ctx.engine, baseUrl: ctx.baseUrl, intakeQuery: { turn: String(call.turn) } });
  const next = turn.result.state;
  const stage = next.stage === "ended" ? "ended" : next.stage === "transferring" ? "transferring" : "intake";
  await prisma.call.update({
    where: { id: call.id },
    data: { state: next as unknown as Prisma.InputJsonValue, stage, ...(turn.extract ? { modelUsed: turn.extract.modelUsed } : {}) },
  });
  const newTurns = next.transcript.slice(before).map((t, i) => ({ tenantId: call.tenantId, callId: call.id, seq: before + i, speaker: t.speaker, text: t.text }));
  if (newTurns.length) await prisma.callTurn.createMany({ data: newTurns, skipDuplicates: true });
  if (turn.extract?.fellBack) await leadEvent(prisma, call, "intake.model_fallback", { model: turn.extract.modelUsed, error: turn.extract.error ?? null });
  await applyActions(prisma, call, next, turn.result.actions, now);
  return turn.twiml;
}

async function setLeadStatus(prisma: PrismaClient, call: Pick<Call, "tenantId" | "leadId">, status: LeadStatus) {
  if (!call.leadId) return;
  await prisma.lead.update({ where: { id: call.leadId }, data: { status } });
}

async function applyActions(prisma: PrismaClient, call: Call, state: CallState, actions: CallAction[], now: Date) {
  if (!call.leadId) return;
  const leadId = call.leadId;
  const data: Prisma.LeadUncheckedUpdateInput = { transcriptExcerpt: transcriptExcerpt(state) };
  for (const action of actions) {
    if (action.type === "set_fields") {
      const f = action.fields;
      Object.assign(data, {
        ...(f.zip !== undefined ? { zip: f.zip } : {}),
        ...(f.inArea !== undefined ? { inArea: f.inArea } : {}),
        ...(f.issueSummary !== undefined ? { issueSummary: f.issueSummary } : {}),
        ...(f.urgency !== undefined ? { urgency: f.urgency } : {}),
        ...(f.callerName !== undefined ? { callerName: f.callerName } : {}),
        ...(f.address !== undefined ? { address: f.address } : {}),
        ...(f.appointmentAt !== undefined ? { appointmentAt: new Date(f.appointmentAt) } : {}),
      });
      data.evidence = state.evidence as Prisma.InputJsonValue;
    } else if (action.type === "create_task") {
      const dueAt = new Date(now.getTime() + action.dueInMinutes * 60_000);
      await prisma.task.create({ data: { tenantId: call.tenantId, leadId, kind: action.kind, title: action.title, dueAt } });
      await leadEvent(prisma, call, "task.created", { kind: action.kind, title: action.title, dueAt: dueAt.toISOString(), notes: action.notes });
      if (action.kind === "urgent_callback" || action.kind === "callback") {
        data.nextAction = action.title;
        data.dueAt = dueAt;
      }
    } else if (action.type === "transfer") {
      await leadEvent(prisma, call, "call.escalated", { via: "transfer", to: action.to, reason: action.reason, emergencyKind: action.emergencyKind });
    } else if (action.type === "end") {
      data.status = action.outcome;
      await leadEvent(prisma, call, "call.outcome", { outcome: action.outcome, reason: action.reason });
    }
  }
  await prisma.lead.update({ where: { id: leadId }, data });
}
