// Auto-detach: 24 hours after a cancellation request the service is disabled
// (Tenant.detachedAt, which closes the service gate) and the AI bindings are cleared: the
// tenant's tracking numbers stop pointing their voice webhook at LeadRescue (Twilio REST API)
// and the AI profile is unbound. Idempotent: it fires once, whoever runs it and however often.
import type { Prisma } from "@/server/db/generated/client";
import { globalDb, type SystemDb } from "@/server/db/system";
import type { TenantDb } from "@/server/db/tenant-scope";
import type { TwilioClient } from "@/server/integrations/twilio-client";
import { writeBillingAudit } from "./billing-audit";

export type DetachDeps = { twilio: () => Promise<TwilioClient>; now?: () => Date };
export type DetachResult = "detached" | "already_detached" | "not_requested" | "not_due" | "stale_request";

type BoundNumber = { e164: string; sid: string | null; previousVoiceUrl: string | null };

/** What each number points at now, at Twilio. */
async function readBindings(twilio: TwilioClient, numbers: string[]): Promise<BoundNumber[]> {
  const out: BoundNumber[] = [];
  for (const e164 of numbers) {
    const found = await twilio.incomingPhoneNumbers.list({ phoneNumber: e164, limit: 20 });
    if (!found.length) out.push({ e164, sid: null, previousVoiceUrl: null });
    for (const n of found) out.push({ e164, sid: n.sid, previousVoiceUrl: n.voiceUrl || null });
  }
  return out;
}

/** Clears the voice webhook of each number at Twilio (safe to repeat). */
async function clearVoiceWebhooks(twilio: TwilioClient, bound: BoundNumber[]): Promise<void> {
  for (const b of bound)
    if (b.sid)
      await twilio
        .incomingPhoneNumbers(b.sid)
        .update({ voiceUrl: "", voiceFallbackUrl: "", statusCallback: "" });
}

export async function detachTenant(
  db: TenantDb,
  job: { tenantId: string; requestedAt?: string },
  deps: DetachDeps,
): Promise<DetachResult> {
  const now = deps.now?.() ?? new Date();
  const tenant = await db.tenant.findUnique({
    where: { id: job.tenantId },
    select: { cancelRequestedAt: true, detachAt: true, detachedAt: true, promptProfile: true },
  });
  if (!tenant) return "not_requested";
  if (tenant.detachedAt) return "already_detached";
  if (!tenant.cancelRequestedAt || !tenant.detachAt) return "not_requested";
  // A job from a request that was undone (and maybe requested again) must not fire.
  if (job.requestedAt && new Date(job.requestedAt).getTime() !== tenant.cancelRequestedAt.getTime())
    return "stale_request";
  if (tenant.detachAt > now) return "not_due";

  const numbers = await db.trackingNumber.findMany({
    where: { tenantId: job.tenantId },
    select: { e164: true },
    orderBy: { e164: "asc" },
  });
  const twilio = await deps.twilio();
  const bound = await readBindings(
    twilio,
    numbers.map((n) => n.e164),
  );
  // Keep what the numbers pointed at, once, before anything is cleared (a concurrent or retried
  // run reads them already cleared and must not overwrite the first snapshot).
  const snapshot = {
    numbers: bound,
    promptProfile: tenant.promptProfile,
  } as unknown as Prisma.InputJsonValue;
  await db.billingAccount.upsert({
    where: { tenantId: job.tenantId },
    create: { tenantId: job.tenantId },
    update: {},
  });
  await db.billingAccount.updateMany({
    where: { tenantId: job.tenantId, aiUnboundAt: null, unboundBindings: { equals: {} } },
    data: { unboundBindings: snapshot },
  });
  // Before the claim, and repeatable: if Twilio fails the job retries, nothing is half-done.
  await clearVoiceWebhooks(twilio, bound);

  return db.$transaction(async (tx) => {
    const claimed = await tx.tenant.updateMany({
      where: { id: job.tenantId, detachedAt: null, cancelRequestedAt: tenant.cancelRequestedAt },
      data: { detachedAt: now },
    });
    if (claimed.count === 0) return "already_detached" as const;
    await tx.billingAccount.update({
      where: { tenantId: job.tenantId },
      data: { aiUnboundAt: now, detachJobId: null },
    });
    await writeBillingAudit(tx, {
      tenantId: job.tenantId,
      actorId: null,
      action: "billing.detached",
      data: {
        requestedAt: tenant.cancelRequestedAt!.toISOString(),
        detachAt: tenant.detachAt!.toISOString(),
        numbersCleared: bound.map((c) => c.e164),
      },
    });
    return "detached" as const;
  });
}

/** Tenants whose detach time has passed but are not detached (the safety net for a lost job), from the tenant directory. */
export async function tenantsDueForDetach(sys: SystemDb, now: Date) {
  return globalDb(sys).tenant.findMany({
    where: { detachedAt: null, cancelRequestedAt: { not: null }, detachAt: { lte: now } },
    select: { id: true, cancelRequestedAt: true },
    take: 200,
  });
}
