// A person changes their own password: the current one first, checked as sign-in checks it
// (throttled and audited), then the new one under the sign-up rules. The new password and the end
// of every session of theirs are one write: a cookie from before the change (on any device, this
// one included) no longer counts, and the person signs in again with the new password.
import { z } from "zod";
import { accountAuditLog } from "@/server/db/cross-tenant";
import { globalDb, type SystemDb } from "@/server/db/system";
import { AppError } from "@/server/errors";
import { writeAudit } from "@/server/audit/write-audit";
import { requirePassword } from "@/server/auth/verify-credentials";
import { sessionEnded, whileCurrent, type SessionClaims } from "@/server/auth/session-version";
import { hashPassword } from "./passwords";
import { checkPassword } from "./sign-up";

export const ZChangePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(200),
  newPassword: z.string().max(200),
});

export async function changePassword(
  sys: SystemDb,
  person: SessionClaims & { email: string },
  input: z.infer<typeof ZChangePasswordInput>,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<{ signedOut: true }> {
  checkPassword(input.newPassword, "newPassword");
  await requirePassword(
    sys,
    { email: person.email, password: input.currentPassword, ip: opts.ip },
    "currentPassword",
    new AppError("BAD_REQUEST", "That is not your current password.", "currentPassword"),
    opts.now,
  );
  // Only from a session that still counts: a refused cookie cannot change the password.
  const { count } = await globalDb(sys).user.updateMany({
    where: whileCurrent(person),
    data: { passwordHash: await hashPassword(input.newPassword), sessionVersion: { increment: 1 } },
  });
  if (!count) throw sessionEnded();
  await writeAudit(accountAuditLog(sys), {
    actorId: person.userId,
    action: "auth.password_changed",
    target: person.email,
    data: { ip: opts.ip ?? null },
  });
  return { signedOut: true };
}
