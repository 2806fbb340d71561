// How many businesses one address may sign up: each sign-up makes an account, a business and a
// trial, so an unlimited form is a free way to fill the database (and to try emails at speed).
import { countRequest, RateLimited } from "@/server/api/api-auth";
import { globalDb, type SystemDb } from "@/server/db/system";
import { addressLimitKey } from "@/server/http/client-address";
import { AppError } from "@/server/errors";

export const SIGN_UPS_PER_ADDRESS_PER_HOUR = 10;
const HOUR = 3600_000;

/**
 * Counts one sign-up attempt from the client's address (the connection's own, or the trusted
 * proxy's report: server/http/client-address.ts; an IPv6 address counts by its /64) and refuses
 * past the hourly limit. Without a
 * known address nothing is counted, as with the sign-in throttle.
 */
export async function countSignUpAttempt(sys: SystemDb, ip: string | null, now = new Date()): Promise<void> {
  if (!ip) return;
  try {
    await countRequest(
      globalDb(sys),
      `sign-up-ip:${addressLimitKey(ip)}`,
      now,
      SIGN_UPS_PER_ADDRESS_PER_HOUR,
      HOUR,
    );
  } catch (err) {
    if (!(err instanceof RateLimited)) throw err;
    const minutes = Math.max(1, Math.ceil(err.retryAfterSeconds / 60));
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `Too many sign-ups from your connection in the last hour. Try again in ${minutes} minutes, or sign in if you already have an account.`,
    );
  }
}
