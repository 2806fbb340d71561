// "Forgot password?": a person asks for a reset link by email and sets a new password with it.
// - The answer to a request is always the same, whether or not an account has that email, so the
//   form tells nobody who uses LeadRescue; the email goes out after the answer is decided.
// - Requests are counted per client address and per email (the rate counter every throttle of the
//   app shares), whether or not an account exists.
// - The link's token is random; only its SHA-256 is stored. It works once, for an hour; asking for
//   a new link ends the ones before it.
// - The new password follows the sign-up rules; setting it ends every session of the person (their
//   session version moves on) and every other reset link of theirs, in one transaction.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { countRequest, RateLimited } from "@/server/api/api-auth";
import { writeAudit } from "@/server/audit/write-audit";
import { accountAuditLog } from "@/server/db/cross-tenant";
import { globalDb, type SystemDb } from "@/server/db/system";
import { AppError } from "@/server/errors";
import { addressLimitKey } from "@/server/http/client-address";
import { sendAccountEmail } from "@/server/integrations/email";
import { hashToken } from "./invites";
import { hashPassword } from "./passwords";
import { checkPassword, normalizeEmail } from "./sign-up";

export const RESET_LINK_MINUTES = 60;
export const RESETS_PER_ADDRESS_PER_HOUR = 10;
export const RESETS_PER_EMAIL_PER_HOUR = 3;
const HOUR = 3_600_000;

/** The one answer to every request, account or not. */
export const RESET_REQUESTED =
  "If an account exists for that email, we sent a link to reset the password. It works for 1 hour.";
export const RESET_LINK_UNUSABLE = "This reset link has expired or was already used. Ask for a new one.";

export const ZRequestResetInput = z.object({
  email: z.string().trim().max(200).pipe(z.email("Enter a valid email address.")),
});
export const ZResetPasswordInput = z.object({
  token: z.string().min(10, RESET_LINK_UNUSABLE).max(200),
  password: z.string().max(200),
});

export async function requestPasswordReset(
  sys: SystemDb,
  input: z.infer<typeof ZRequestResetInput>,
  opts: { ip?: string | null; baseUrl: string; now?: Date },
): Promise<{ message: string }> {
  const now = opts.now ?? new Date();
  const email = normalizeEmail(input.email);
  const global = globalDb(sys);
  try {
    if (opts.ip)
      await countRequest(
        global,
        `reset-ip:${addressLimitKey(opts.ip)}`,
        now,
        RESETS_PER_ADDRESS_PER_HOUR,
        HOUR,
      );
    await countRequest(global, `reset-email:${email}`, now, RESETS_PER_EMAIL_PER_HOUR, HOUR);
  } catch (err) {
    if (!(err instanceof RateLimited)) throw err;
    const minutes = Math.max(1, Math.ceil(err.retryAfterSeconds / 60));
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `Too many reset requests in the last hour. Try again in ${minutes} minutes; a link already sent still works until it expires.`,
    );
  }
  const user = await global.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return { message: RESET_REQUESTED };
  const token = randomBytes(32).toString("base64url");
  await global.$transaction(async (tx) => {
    // One live link at a time: the ones asked for before stop working.
    await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await tx.passwordReset.create({
      data: {
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000),
        createdAt: now,
      },
    });
  });
  await writeAudit(accountAuditLog(sys), {
    actorId: user.id,
    action: "auth.password_reset_requested",
    target: user.email,
    data: { ip: opts.ip ?? null },
  });
  const link = `${opts.baseUrl.replace(/\/$/, "")}/reset-password/${token}`;
  // Not waited for: the answer takes as long whether or not the account exists.
  void sendAccountEmail({
    to: user.email,
    subject: "Reset your LeadRescue password",
    text: `Someone (we hope you) asked to reset the password of your LeadRescue account.\n\nSet a new password: ${link}\n\nThe link works once, for 1 hour. If you did not ask for it, ignore this email: your password stays as it is.`,
  }).catch((err) => console.error("Password reset email failed:", (err as Error).message));
  return { message: RESET_REQUESTED };
}

/** Whether a reset link can still be used (the page says so before the person types a password). */
export async function resetLinkUsable(sys: SystemDb, token: string, now = new Date()): Promise<boolean> {
  const row = await globalDb(sys).passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true },
  });
  return !!row && !row.usedAt && row.expiresAt > now;
}

/**
 * Sets the new password with a reset link: the link is claimed (once, unexpired) in the same
 * transaction that writes the password and ends every session and other link of the person.
 */
export async function resetPassword(
  sys: SystemDb,
  input: z.infer<typeof ZResetPasswordInput>,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<{ email: string }> {
  const now = opts.now ?? new Date();
  // The rules first: a password refused does not use up the link.
  checkPassword(input.password, "password");
  const global = globalDb(sys);
  const tokenHash = hashToken(input.token);
  // Then the link, before the password is hashed: hashing costs a core tens of milliseconds, and
  // anyone may send this without an account, so a made-up link must cost no more than a lookup.
  // The transaction below still claims the link, once.
  if (!(await resetLinkUsable(sys, input.token, now)))
    throw new AppError("BAD_REQUEST", RESET_LINK_UNUSABLE, "token");
  const passwordHash = await hashPassword(input.password);
  const user = await global.$transaction(async (tx) => {
    const link = await tx.passwordReset.findUnique({
      where: { tokenHash },
      select: { id: true, userId: true },
    });
    const claimed = link
      ? await tx.passwordReset.updateMany({
          where: { id: link.id, usedAt: null, expiresAt: { gt: now } },
          data: { usedAt: now },
        })
      : { count: 0 };
    if (!link || claimed.count === 0) return null;
    await tx.passwordReset.updateMany({
      where: { userId: link.userId, usedAt: null },
      data: { usedAt: now },
    });
    return tx.user.update({
      where: { id: link.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { id: true, email: true },
    });
  });
  if (!user) throw new AppError("BAD_REQUEST", RESET_LINK_UNUSABLE, "token");
  await writeAudit(accountAuditLog(sys), {
    actorId: user.id,
    action: "auth.password_reset",
    target: user.email,
    data: { ip: opts.ip ?? null },
  });
  return { email: user.email };
}
