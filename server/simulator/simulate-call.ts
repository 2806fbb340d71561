// "Test your flow" (a tested sample call): a signed-in person plays the caller of a test
// call to one of their own tracking numbers. The call state travels through the browser as JSON,
// so nothing in it is trusted for the tenant: every step re-reads the call by CallSid through the
// tenant-scoped client, takes the caller and called numbers from that row, and follows only
// voice-webhook URLs under PUBLIC_BASE_URL.
import { z } from "zod";
import type { TenantDb } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { serviceGate } from "@/server/billing/service-gate";
import { setupChecklist } from "@/server/setup/checklist";
import { toE164 } from "@/server/setup/phone-numbers";
import {
  answerDial,
  hangUp,
  newSimCall,
  placeCall,
  say,
  type Pending,
  type Post,
  type SimCall,
  type SimLine,
} from "./call-driver";
import { postVoiceWebhook } from "./post-webhook";
import { OUT_OF_AREA_CANDIDATES, sampleZips } from "./sample-zips";

export type SimulatorCtx = { db: TenantDb; tenantId: string; post?: Post };

const ZUrl = z.string().max(2000);
export const ZPending = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("dial"),
    action: ZUrl.nullable(),
    number: z.string().max(40),
    whisperUrl: ZUrl.nullable(),
    purpose: z.enum(["ring_first", "transfer"]),
  }),
  z.object({ kind: z.literal("gather"), action: ZUrl, input: z.string().max(40) }),
  z.object({ kind: z.literal("ended") }),
]);
/** What the browser holds between steps (the lines it has shown are its own business). */
export const ZSimState = z.object({
  callSid: z.string().regex(/^CA[0-9a-f]{32}$/, "callSid is not a simulator call id."),
  pending: ZPending,
});
export type SimState = z.infer<typeof ZSimState>;

export const ZDialAnswer = z.enum(["answer", "voicemail", "no-answer", "busy"]);
export type DialAnswer = z.infer<typeof ZDialAnswer>;

export type SimStep = {
  state: SimState & { from: string; to: string; isTest: true };
  lines: SimLine[];
  error: string | null;
};

/** The tenant's tracking numbers, and whether the AI would answer a missed call right now. */
export async function simulatorContext(ctx: SimulatorCtx) {
  const [numbers, tenant, checklist, gate, firstZip, candidatesServed] = await Promise.all([
    ctx.db.trackingNumber.findMany({ orderBy: { createdAt: "asc" }, select: { e164: true, label: true } }),
    ctx.db.tenant.findUniqueOrThrow({
      where: { id: ctx.tenantId },
      select: { name: true, timeZone: true, plumberPhone: true, onCallPhone: true },
    }),
    setupChecklist(ctx.db, ctx.tenantId),
    serviceGate(ctx.db, ctx.tenantId),
    ctx.db.serviceZip.findFirst({ orderBy: { zip: "asc" }, select: { zip: true } }),
    ctx.db.serviceZip.findMany({
      where: { zip: { in: [...OUT_OF_AREA_CANDIDATES] } },
      select: { zip: true },
    }),
  ]);
  return {
    businessName: tenant.name,
    /** For the quick-fill phrases: a ZIP the business serves and one it does not. */
    sampleZips: sampleZips([...(firstZip ? [firstZip.zip] : []), ...candidatesServed.map((z) => z.zip)]),
    timeZone: tenant.timeZone,
    trackingNumbers: numbers,
    plumberPhone: tenant.plumberPhone,
    onCallPhone: tenant.onCallPhone,
    missingSetup: checklist.items
      .filter((i) => !i.done)
      .map((i) => ({ key: i.key, label: i.label, hint: i.hint, href: i.href })),
    gate,
  };
}

function stepOf(call: SimCall, error: string | null = null): SimStep {
  return {
    state: {
      callSid: call.callSid,
      from: call.from,
      to: call.to,
      isTest: true,
      pending: call.pending as Pending,
    },
    lines: call.lines,
    error,
  };
}

/**
 * Runs one driver step; a failed step becomes a line and an error in plain words, not a lost
 * conversation (what failed technically stays in the step's details).
 */
async function run(call: SimCall, step: () => Promise<SimCall>): Promise<SimStep> {
  try {
    return stepOf(await step());
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    call.lines.push({ who: "system", text: `The call stopped here: ${message}` });
    return stepOf(call, `The test call stopped: ${message}. Start another call to try again.`);
  }
}

/** Starts a test call from `from` to one of THIS tenant's tracking numbers (never another's). */
export async function startSimulatedCall(
  ctx: SimulatorCtx,
  input: { from: string; to: string },
): Promise<SimStep> {
  const from = toE164(input.from, "from");
  const to = toE164(input.to, "to");
  const own = await ctx.db.trackingNumber.findFirst({ where: { e164: to }, select: { id: true } });
  // Same answer for "another business's number" and "nobody's number": nothing to probe.
  if (!own)
    throw new AppError(
      "BAD_REQUEST",
      `${to} is not one of your tracking numbers. Pick one of yours, or add it under Phone numbers.`,
      "to",
    );
  if (from === to)
    throw new AppError(
      "BAD_REQUEST",
      "The caller's number must differ from the tracking number being called.",
      "from",
    );
  // Always a fresh CallSid made here, so the simulator can never step into a real call.
  const call = newSimCall({ from, to, isTest: true });
  return run(call, () => placeCall(ctx.post ?? postVoiceWebhook, call));
}

/** The call the browser names, re-read from this tenant's rows: a test call, still on one of its numbers. */
async function loadCall(ctx: SimulatorCtx, state: SimState): Promise<SimCall & { ended: boolean }> {
  const row = await ctx.db.call.findFirst({
    where: { callSid: state.callSid },
    select: { callSid: true, fromNumber: true, toNumber: true, isTest: true, endedAt: true },
  });
  if (!row || !row.isTest)
    throw new AppError(
      "NOT_FOUND",
      "This test call was not found in this business. Start another call.",
      "callSid",
    );
  const own = await ctx.db.trackingNumber.count({ where: { e164: row.toNumber } });
  if (own === 0)
    throw new AppError(
      "BAD_REQUEST",
      `${row.toNumber} is no longer one of your tracking numbers. Start another call.`,
      "to",
    );
  return {
    callSid: row.callSid,
    from: row.fromNumber,
    to: row.toNumber,
    isTest: true,
    pending: state.pending,
    lines: [],
    ended: !!row.endedAt,
  };
}

function refuseIfEnded(call: { ended: boolean }) {
  if (call.ended)
    throw new AppError("PRECONDITION_FAILED", "This test call has ended. Start another call.", "callSid");
}

/** The person being dialled (the plumber, or the on-call phone on a transfer) answers, or not. */
export async function answerSimulatedDial(
  ctx: SimulatorCtx,
  state: SimState,
  how: DialAnswer,
): Promise<SimStep> {
  const call = await loadCall(ctx, state);
  refuseIfEnded(call);
  if (call.pending.kind !== "dial")
    throw new AppError("PRECONDITION_FAILED", "Nobody is being dialled right now.", "pending");
  return run(call, () => answerDial(ctx.post ?? postVoiceWebhook, call, how));
}

/** The caller says something; an empty text is silence. */
export async function saySimulated(ctx: SimulatorCtx, state: SimState, text: string): Promise<SimStep> {
  const call = await loadCall(ctx, state);
  refuseIfEnded(call);
  if (call.pending.kind !== "gather")
    throw new AppError("PRECONDITION_FAILED", "The agent is not listening right now.", "text");
  return run(call, () => say(ctx.post ?? postVoiceWebhook, call, text));
}

export async function hangUpSimulated(ctx: SimulatorCtx, state: SimState): Promise<SimStep> {
  const call = await loadCall(ctx, state);
  if (call.ended) return stepOf({ ...call, pending: { kind: "ended" } });
  return run(call, () => hangUp(ctx.post ?? postVoiceWebhook, call));
}

/** The lead a test call produced, as the simulator's lead panel shows it. */
export async function simulatedLead(ctx: SimulatorCtx, callSid: string) {
  const call = await ctx.db.call.findFirst({
    where: { callSid, isTest: true },
    select: {
      stage: true,
      dialStatus: true,
      endedAt: true,
      modelUsed: true,
      promptProfile: true,
      lead: {
        select: {
          id: true,
          status: true,
          isTest: true,
          callerPhone: true,
          callerName: true,
          zip: true,
          inArea: true,
          issueSummary: true,
          urgency: true,
          address: true,
          appointmentAt: true,
          nextAction: true,
          dueAt: true,
          evidence: true,
          notes: true,
          closeReason: true,
          closeNote: true,
          owner: { select: { name: true, email: true } },
          tasks: {
            orderBy: { createdAt: "asc" },
            select: { id: true, kind: true, title: true, dueAt: true, doneAt: true },
          },
        },
      },
    },
  });
  if (!call)
    throw new AppError(
      "NOT_FOUND",
      "This test call was not found in this business. Start another call.",
      "callSid",
    );
  const lead = call.lead;
  return {
    call: {
      stage: call.stage,
      dialStatus: call.dialStatus,
      ended: !!call.endedAt,
      modelUsed: call.modelUsed,
      promptProfile: call.promptProfile,
    },
    lead: lead
      ? {
          ...lead,
          evidence: (lead.evidence ?? {}) as Record<string, string>,
          owner: lead.owner ? (lead.owner.name ?? lead.owner.email) : null,
        }
      : null,
  };
}
