// The lead is updated after each customer touchpoint: a call (spoke with them, no answer, a
// voicemail), a text, or a note — optionally with the next action it leads to.
//
// A call fulfils the lead's next action: the next action and the lead's open tasks are done, and
// the lead gets the next step of how the call went, through the leads writer like every change —
// a visit booked on the call is the office's booking (`bookingChange`: booked, confirm it before
// the visit); a caller reached without a booking is followed up the next day; an unanswered call
// gets the next attempt of the call cadence (`nextStepAfterOfficeCall`), then closing. A next
// action typed by the person logging it wins over the default. Office due times fall in the
// business's hours.
import { AppError } from "@/server/errors";
import { nextStepAfterOfficeCall } from "@/server/calls/next-step";
import type { Lead } from "@/server/db/generated/client";
import type { LeadStatus } from "@/server/db/generated/enums";
import { applyLeadChange, type LeadChange, type LeadPatch, type LeadWriteCtx } from "./apply-lead-change";
import { callOutcomeOf, UNANSWERED_CALL_EVENTS, type TouchpointKind } from "./touchpoint-kinds";
import { assertDueNotPast } from "./due-time";
import { businessClock } from "./business-hours";
import { bookableSlots, bookingChange, checkCustomTime } from "./book-appointment";

export { TOUCHPOINT_KINDS, type TouchpointKind } from "./touchpoint-kinds";

export type TouchpointInput = {
  leadId: string;
  kind: TouchpointKind;
  text?: string | null;
  nextAction?: string | null;
  dueAt?: Date | null;
  /** A call that booked a visit: one of the booking slots shown, or a time the caller agreed to. */
  slotStartsAt?: string | null;
  customAt?: Date | null;
};

/** Statuses a call moves on to "Follow-up needed" (how a call was answered, or a decline). */
const MOVES_TO_FOLLOW_UP: readonly LeadStatus[] = [
  "missed",
  "answered_by_plumber",
  "answered_by_ai",
  "not_booked",
];

export async function logTouchpoint(ctx: LeadWriteCtx, input: TouchpointInput) {
  const now = ctx.now ?? new Date();
  const text = input.text?.trim() || null;
  const call = callOutcomeOf(input.kind);
  if (input.kind === "note" && !text)
    throw new AppError("BAD_REQUEST", "Write the note before saving it.", "text");
  if (text && text.length > 2000)
    throw new AppError("BAD_REQUEST", "Keep a touchpoint under 2,000 characters.", "text");
  assertDueNotPast(input.dueAt, now);
  const booking = await bookingOf(ctx, input, now);
  if (booking && call !== "reached")
    throw new AppError("BAD_REQUEST", "Only a call where you spoke with the caller books a visit.", "kind");
  const clock = call ? await businessClock(ctx.db, ctx.tenantId) : null;
  // The cadence counts the unanswered calls since the caller was last reached (this one included).
  const unanswered =
    call === "no_answer" || call === "left_voicemail" ? (await unansweredCalls(ctx, input.leadId)) + 1 : 0;
  return applyLeadChange({ ...ctx, now }, input.leadId, (lead) => {
    if (lead.status === "closed" && input.kind !== "note")
      throw new AppError(
        "BAD_REQUEST",
        "This lead is closed. Reopen it before logging customer contact, or add a note.",
      );
    const patch: LeadPatch = {};
    if (input.kind !== "note") patch.touchpoints = lead.touchpoints + 1;
    const typed = input.nextAction?.trim();
    const events: LeadChange["events"] = [];
    let booked: LeadChange | null = null;
    if (call && booking) {
      booked = bookingChange(lead, { ...booking, note: text }, now, clock!);
      Object.assign(patch, booked.patch);
    } else if (call) {
      const step = nextStepAfterOfficeCall(call, { now, unanswered, clock });
      Object.assign(patch, step);
      if (MOVES_TO_FOLLOW_UP.includes(lead.status)) patch.status = "followup_needed";
    }
    if (typed) patch.nextAction = typed;
    if (input.dueAt) patch.dueAt = input.dueAt;
    // What the call changed first; the touchpoint, with the next step it left, is the latest line.
    if (booked) events.push(...booked.events);
    else if (patch.status && patch.status !== lead.status)
      events.push({ type: "status.changed", data: { from: lead.status, to: patch.status } });
    events.push({
      type: `touchpoint.${input.kind}`,
      data: {
        text,
        ...(call ? { completed: completedOf(lead) } : {}),
        ...(call === "no_answer" || call === "left_voicemail" ? { attempt: unanswered } : {}),
        ...(patch.nextAction ? { nextAction: patch.nextAction } : {}),
        ...(patch.dueAt ? { dueAt: patch.dueAt.toISOString() } : {}),
      },
    });
    return { patch, events, completeOpenTasks: !!call };
  });
}

/** The next action a call fulfilled, as the timeline keeps it. */
function completedOf(lead: Lead): string | null {
  return lead.nextAction ?? null;
}

async function bookingOf(ctx: LeadWriteCtx, input: TouchpointInput, now: Date) {
  if (input.slotStartsAt) {
    const { slots } = await bookableSlots(ctx, now);
    const slot = slots.find((s) => s.startsAt === input.slotStartsAt);
    if (!slot)
      throw new AppError(
        "BAD_REQUEST",
        "That slot is no longer available. Pick one of the slots shown, or enter a custom time.",
        "slotStartsAt",
      );
    return { at: new Date(slot.startsAt), via: "slot" as const };
  }
  if (input.customAt) {
    checkCustomTime(input.customAt, now, "customAt");
    return { at: input.customAt, via: "custom" as const };
  }
  return null;
}

async function unansweredCalls(ctx: LeadWriteCtx, leadId: string): Promise<number> {
  const reached = await ctx.db.leadEvent.findFirst({
    where: { leadId, type: "touchpoint.called_back" },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  return ctx.db.leadEvent.count({
    where: {
      leadId,
      type: { in: UNANSWERED_CALL_EVENTS },
      ...(reached ? { createdAt: { gt: reached.createdAt } } : {}),
    },
  });
}
