// A next action's due time is now or later: a due time already past would make a lead overdue the
// moment it is handed over. A few minutes' grace covers the time spent filling in the form.
import { AppError } from "@/server/errors";

export const DUE_TIME_GRACE_MS = 5 * 60_000;

export function assertDueNotPast(dueAt: Date | null | undefined, now: Date, field = "dueAt"): void {
  if (!dueAt) return;
  if (Number.isNaN(dueAt.getTime()))
    throw new AppError("BAD_REQUEST", "The due time is not a valid date and time.", field);
  if (dueAt.getTime() < now.getTime() - DUE_TIME_GRACE_MS)
    throw new AppError("BAD_REQUEST", "The due time is in the past. Pick a time from now on.", field);
}
