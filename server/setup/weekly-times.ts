// Weekly times: business hours per weekday and the booking slots the AI may offer, both in
// minutes after midnight in the tenant's time zone (0 = Sunday).
import { AppError } from "@/server/errors";
import type { TenantCtx } from "@/server/db/tenant-scope";

export const WEEKDAYS = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;

export function parseClock(value: string, field: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) throw new AppError("BAD_REQUEST", `"${value}" is not a time like 09:00.`, field);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0))
    throw new AppError("BAD_REQUEST", `"${value}" is not a time of day.`, field);
  return h * 60 + min;
}

export function formatClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** "9:00 AM" style, for people. */
export function formatClock12(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  const suffix = h < 12 ? "AM" : "PM";
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}:${String(m).padStart(2, "0")} ${suffix}`;
}

export type WeeklyWindow = { weekday: number; start: string; end: string };

function toWindow(w: WeeklyWindow, index: number) {
  if (!Number.isInteger(w.weekday) || w.weekday < 0 || w.weekday > 6)
    throw new AppError("BAD_REQUEST", "Weekday must be 0 (Sunday) to 6 (Saturday).", `${index}.weekday`);
  const start = parseClock(w.start, `${index}.start`);
  const end = parseClock(w.end, `${index}.end`);
  if (end <= start)
    throw new AppError(
      "BAD_REQUEST",
      `${WEEKDAYS[w.weekday]}: the end time must be after the start time.`,
      `${index}.end`,
    );
  return { weekday: w.weekday, start, end };
}

/** Replaces the week's business hours; days not listed are closed. */
export async function setBusinessHours({ db, tenantId }: TenantCtx, days: WeeklyWindow[]) {
  const windows = days.map(toWindow);
  const seen = new Set<number>();
  windows.forEach((w, i) => {
    if (seen.has(w.weekday))
      throw new AppError("BAD_REQUEST", `${WEEKDAYS[w.weekday]} is listed twice.`, `${i}.weekday`);
    seen.add(w.weekday);
  });
  const open = new Set(windows.map((w) => w.weekday));
  const slots = windows.length
    ? await db.bookingSlot.findMany({ select: { weekday: true, startMinute: true, endMinute: true } })
    : [];
  const stranded = slots.find((b) => !open.has(b.weekday));
  if (stranded) {
    throw new AppError(
      "BAD_REQUEST",
      `${WEEKDAYS[stranded.weekday]} has booking slots. Remove them below before closing ${WEEKDAYS[stranded.weekday]}, so no caller is booked on a closed day.`,
      "weekday",
    );
  }
  const outside = slots.find((b) =>
    windows.some((w) => w.weekday === b.weekday && (b.startMinute < w.start || b.endMinute > w.end)),
  );
  if (outside) {
    throw new AppError(
      "BAD_REQUEST",
      `The booking slot ${WEEKDAYS[outside.weekday]} ${formatClock12(outside.startMinute)}–${formatClock12(outside.endMinute)} would fall outside these hours. Remove or change it below first.`,
      "weekday",
    );
  }
  await db.businessHours.deleteMany({});
  if (windows.length) {
    await db.businessHours.createMany({
      data: windows.map((w) => ({ tenantId, weekday: w.weekday, openMinute: w.start, closeMinute: w.end })),
    });
  }
}

export async function addBookingSlot({ db, tenantId }: TenantCtx, slot: WeeklyWindow) {
  const w = toWindow(slot, 0);
  // A visit is never booked on a day the office is closed (once hours are set).
  const hours = await db.businessHours.findMany({
    select: { weekday: true, openMinute: true, closeMinute: true },
  });
  if (hours.length && !hours.some((h) => h.weekday === w.weekday)) {
    throw new AppError(
      "BAD_REQUEST",
      `You're closed on ${WEEKDAYS[w.weekday]}s. Open ${WEEKDAYS[w.weekday]} in your business hours first, or pick a day you're open.`,
      "weekday",
    );
  }
  // On an open day, a visit is booked inside the day's hours (no 7 PM visit on a 9-to-5 day).
  const day = hours.find((h) => h.weekday === w.weekday);
  if (day && (w.start < day.openMinute || w.end > day.closeMinute)) {
    throw new AppError(
      "BAD_REQUEST",
      `${WEEKDAYS[w.weekday]} ${formatClock12(w.start)}–${formatClock12(w.end)} is outside your hours that day (${formatClock12(day.openMinute)}–${formatClock12(day.closeMinute)}). Pick a slot inside them, or change your business hours first.`,
      w.start < day.openMinute ? "start" : "end",
    );
  }
  const overlapping = await db.bookingSlot.findFirst({
    where: { weekday: w.weekday, startMinute: { lt: w.end }, endMinute: { gt: w.start } },
  });
  if (overlapping) {
    throw new AppError(
      "CONFLICT",
      `${WEEKDAYS[w.weekday]} ${formatClock12(w.start)}–${formatClock12(w.end)} overlaps the slot ${formatClock12(overlapping.startMinute)}–${formatClock12(overlapping.endMinute)}.`,
      "start",
    );
  }
  return db.bookingSlot.create({
    data: { tenantId, weekday: w.weekday, startMinute: w.start, endMinute: w.end },
  });
}

export async function removeBookingSlot({ db }: Pick<TenantCtx, "db">, id: string) {
  const { count } = await db.bookingSlot.deleteMany({ where: { id } });
  if (count === 0) throw new AppError("NOT_FOUND", "That booking slot was not found.");
}
