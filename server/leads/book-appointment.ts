// Booking a visit from the office: one of the tenant's own booking slots, or a custom time the
// customer agreed to. The next action becomes confirming it, 24 hours before the visit, while the
// office is open (`confirmDueAt`).
import { AppError } from "@/server/errors";
import { upcomingSlots } from "@/server/voice/booking-slots";
import type { Lead } from "@/server/db/generated/client";
import { applyLeadChange, type LeadChange, type LeadWriteCtx } from "./apply-lead-change";
import { checkStatusTransition } from "./status-transitions";
import {
  businessClock,
  isOfficeOpen,
  lastOfficeMomentBefore,
  nextOfficeOpening,
  type BusinessClock,
} from "./business-hours";

export type BookInput = {
  leadId: string;
  slotStartsAt?: string | null;
  customAt?: Date | null;
  note?: string | null;
};

/** The next bookable slots for this tenant (up to 3, at least an hour away). */
export async function bookableSlots(ctx: Pick<LeadWriteCtx, "db" | "tenantId">, now: Date) {
  const [tenant, slots] = await Promise.all([
    ctx.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { timeZone: true } }),
    ctx.db.bookingSlot.findMany({ select: { weekday: true, startMinute: true, endMinute: true } }),
  ]);
  return { timeZone: tenant.timeZone, slots: upcomingSlots(slots, { timeZone: tenant.timeZone, now }) };
}

export async function bookAppointment(ctx: LeadWriteCtx, input: BookInput) {
  const now = ctx.now ?? new Date();
  let at: Date;
  let via: "slot" | "custom";
  if (input.slotStartsAt) {
    const { slots } = await bookableSlots(ctx, now);
    const slot = slots.find((s) => s.startsAt === input.slotStartsAt);
    if (!slot)
      throw new AppError(
        "BAD_REQUEST",
        "That slot is no longer available. Pick one of the slots shown, or enter a custom time.",
        "slotStartsAt",
      );
    at = new Date(slot.startsAt);
    via = "slot";
  } else if (input.customAt) {
    at = input.customAt;
    checkCustomTime(at, now, "customAt");
    via = "custom";
  } else {
    throw new AppError("BAD_REQUEST", "Pick a booking slot or enter a custom time.", "slotStartsAt");
  }
  const clock = await businessClock(ctx.db, ctx.tenantId);
  return applyLeadChange({ ...ctx, now }, input.leadId, (lead) =>
    bookingChange(lead, { at, via, note: input.note }, now, clock),
  );
}

/** A time the customer agreed to must be a real date and time from now on; `field` names it in the refusal. */
export function checkCustomTime(at: Date, now: Date, field: string): void {
  if (Number.isNaN(at.getTime()))
    throw new AppError("BAD_REQUEST", "The custom time is not a valid date and time.", field);
  if (at.getTime() <= now.getTime())
    throw new AppError("BAD_REQUEST", "The appointment time is in the past. Pick a time from now on.", field);
}

/**
 * When the office confirms a visit at `visitAt`: 24 hours before it, while the office is open. A
 * day before that falls when the office is closed moves back to the last closing before it (a
 * Monday 8 AM visit is confirmed by Friday's closing); when that has passed, at the next opening,
 * and never after the visit itself.
 */
export function confirmDueAt(now: Date, visitAt: Date, clock: BusinessClock): Date {
  const target = new Date(Math.max(now.getTime(), visitAt.getTime() - 24 * 3_600_000));
  if (isOfficeOpen(target, clock)) return target;
  const before = lastOfficeMomentBefore(target, clock);
  if (before && before.getTime() >= now.getTime()) return before;
  const after = nextOfficeOpening(target, clock);
  return after.getTime() < visitAt.getTime() ? after : visitAt;
}

/** The change that books `lead` at `at` (refused if its status cannot become booked); writes nothing. */
export function bookingChange(
  lead: Pick<Lead, "status">,
  booking: { at: Date; via: "slot" | "custom"; note?: string | null },
  now: Date,
  clock: BusinessClock,
): LeadChange {
  const check = checkStatusTransition(lead.status, "booked", "book");
  if (!check.ok) throw new AppError("BAD_REQUEST", check.reason, "status");
  const confirmBy = confirmDueAt(now, booking.at, clock);
  return {
    patch: {
      status: "booked",
      appointmentAt: booking.at,
      nextAction: "Confirm the appointment with the customer",
      dueAt: confirmBy,
    },
    events: [
      {
        type: lead.status === "booked" ? "appointment.rescheduled" : "appointment.booked",
        data: {
          appointmentAt: booking.at.toISOString(),
          via: booking.via,
          ...(booking.note?.trim() ? { note: booking.note.trim() } : {}),
        },
      },
    ],
  };
}
