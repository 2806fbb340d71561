// Work people do is due while the office is open. The business's weekly hours (minutes after
// local midnight, 0 = Sunday) and its time zone decide when that is; every due time of office work
// (a confirmation, a routine callback, the next call attempt) goes through `officeDueAt`, so
// none lands at 11 PM on a Sunday. Emergencies and urgent callbacks are the on-call plumber's and
// stay immediate: their callers never go through here. Computed on the local wall clock with
// `@date-fns/tz`, so days when the clocks change are right.
import { TZDate } from "@date-fns/tz";
import type { TenantDb, TenantTx } from "@/server/db/tenant-scope";

export type WeeklyHours = readonly { weekday: number; openMinute: number; closeMinute: number }[];

/** The business's clock: its time zone and its weekly opening hours (none set = always open). */
export type BusinessClock = { timeZone: string; hours: WeeklyHours };

function localParts(at: Date, timeZone: string) {
  const local = new TZDate(at.getTime(), timeZone);
  return {
    local,
    weekday: local.getDay(),
    minute: local.getHours() * 60 + local.getMinutes(),
  };
}

/** The instant of `minute` after local midnight on the local day `days` after `local`'s. */
function atLocalMinute(local: TZDate, days: number, minute: number, timeZone: string): Date {
  const d = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() + days,
    Math.floor(minute / 60),
    minute % 60,
    0,
    timeZone,
  );
  return new Date(d.getTime());
}

/** Whether the office is open at `at` (always, when no hours are set). */
export function isOfficeOpen(at: Date, clock: BusinessClock): boolean {
  if (!clock.hours.length) return true;
  const { weekday, minute } = localParts(at, clock.timeZone);
  const day = clock.hours.find((h) => h.weekday === weekday);
  return !!day && minute >= day.openMinute && minute < day.closeMinute;
}

/**
 * The first instant at or after `at` when the office is open: `at` itself while it is open (or when
 * no hours are set), else the next opening — later today, or on the next open day.
 */
export function nextOfficeOpening(at: Date, clock: BusinessClock): Date {
  if (isOfficeOpen(at, clock)) return at;
  const { local, weekday, minute } = localParts(at, clock.timeZone);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const day = clock.hours.find((h) => h.weekday === (weekday + ahead) % 7);
    if (!day || (ahead === 0 && minute >= day.openMinute)) continue;
    return atLocalMinute(local, ahead, day.openMinute, clock.timeZone);
  }
  return at;
}

/**
 * When office work is due that would be due at `at`, created at `from`: `at` itself while the
 * office is open; past closing on the same local day the work was created during opening hours,
 * at closing (it can still be done today); otherwise at the next opening.
 */
export function officeDueAt(from: Date, at: Date, clock: BusinessClock): Date {
  if (isOfficeOpen(at, clock)) return at;
  if (at.getTime() > from.getTime() && isOfficeOpen(from, clock)) {
    const start = localParts(from, clock.timeZone);
    const end = localParts(at, clock.timeZone).local;
    const sameDay =
      end.getFullYear() === start.local.getFullYear() &&
      end.getMonth() === start.local.getMonth() &&
      end.getDate() === start.local.getDate();
    const day = clock.hours.find((h) => h.weekday === start.weekday);
    if (sameDay && day) return atLocalMinute(start.local, 0, day.closeMinute, clock.timeZone);
  }
  return nextOfficeOpening(at, clock);
}

/**
 * The office's last open moment at or before `at` (the closing time of the last open day, or `at`
 * itself while open), or null when the office was not open in the week before.
 */
export function lastOfficeMomentBefore(at: Date, clock: BusinessClock): Date | null {
  if (isOfficeOpen(at, clock)) return at;
  if (!clock.hours.length) return at;
  const { local, weekday, minute } = localParts(at, clock.timeZone);
  for (let back = 0; back <= 7; back++) {
    const day = clock.hours.find((h) => h.weekday === (weekday - back + 7) % 7);
    if (!day || (back === 0 && minute < day.closeMinute)) continue;
    return atLocalMinute(local, -back, day.closeMinute, clock.timeZone);
  }
  return null;
}

/** The business's clock, read once: its time zone and weekly hours. */
export async function businessClock(db: TenantDb | TenantTx, tenantId: string): Promise<BusinessClock> {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: {
      timeZone: true,
      businessHours: { select: { weekday: true, openMinute: true, closeMinute: true } },
    },
  });
  return { timeZone: tenant.timeZone, hours: tenant.businessHours };
}
