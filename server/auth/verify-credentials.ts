// Checks an email + password for sign-in, with throttling: after MAX_FAILURES failed attempts
// for one email within the window, further attempts are refused until it passes.
import type { PrismaClient } from "@/server/db/generated/client";
import { writeAudit } from "@/server/audit/write-audit";
import { verifyPassword } from "@/server/accounts/passwords";
import { normalizeEmail } from "@/server/accounts/sign-up";

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

export type CredentialResult = { ok: true; user: { id: string; email: string; name: string } } | { ok: false; reason: "invalid" | "throttled" };

export async function verifyCredentials(prisma: PrismaClient, input: { email: string; password: string; ip?: string | null }, now = new Date()): Promise<CredentialResult> {
  const email = normalizeEmail(input.email);
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const failures = await prisma.auditLog.count({ where: { action: "auth.sign_in_failed", target: email, createdAt: { gte: since } } });
  if (failures >= MAX_FAILURES) {
    await writeAudit(prisma, { action: "auth.sign_in_throttled", target: email, data: { ip: input.ip ?? null } });
    return { ok: false, reason: "throttled" };
  }
  const user = await prisma.user.findUnique({ where: { email } });
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : false;
  if (!user || !ok) {
    await writeAudit(prisma, { action: "auth.sign_in_failed", target: email, data: { ip: input.ip ?? null } });
    return { ok: false, reason: "invalid" };
  }
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
