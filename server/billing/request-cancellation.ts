// Cancellation: the owner asks to cancel → the time is recorded, the detach is
// scheduled exactly 24 hours later (a durable pg-boss job) and the Stripe subscription is set
// to end with its period. Undo before the detach time clears both.
import type Stripe from "stripe";
import type { TenantDb } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { writeBillingAudit } from "./billing-audit";

export const DETACH_DELAY_MS = 24 * 3_600_000;

export type CancellationDeps = {
  stripe: () => Promise<Stripe>;
  now?: () => Date;
  /** Queues the detach job at detachAt; returns its id (null when it could not be queued — the sweep covers it). */
  scheduleDetach: (job: { tenantId: string; requestedAt: string }, detachAt: Date) => Promise<string | null>;
  cancelDetachJob: (jobId: string) => Promise<void>;
};
type Ctx = { db: TenantDb; tenantId: string; actorId: string | null };

export type CancellationState = {
  cancelRequestedAt: Date | null;
  detachAt: Date | null;
  detachedAt: Date | null;
};

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

async function setCancelAtPeriodEnd(
  db: TenantDb,
  tenantId: string,
  stripe: () => Promise<Stripe>,
  value: boolean,
) {
  const account = await db.billingAccount.findUnique({
    where: { tenantId },
    select: { subscriptionId: true, status: true, stripeAccountId: true },
  });
  if (!account?.subscriptionId || account.status === "canceled" || account.status === "incomplete_expired")
    return;
  // SaaS mode: the subscription lives on the agency's Stripe account.
  await (
    await stripe()
  ).subscriptions.update(
    account.subscriptionId,
    { cancel_at_period_end: value },
    account.stripeAccountId ? { stripeAccount: account.stripeAccountId } : undefined,
  );
  await db.billingAccount.update({ where: { tenantId }, data: { cancelAtPeriodEnd: value } });
}

export async function requestCancellation(ctx: Ctx, deps: CancellationDeps): Promise<CancellationState> {
  const now = deps.now?.() ?? new Date();
  const tenant = await ctx.db.tenant.findUniqueOrThrow({
    where: { id: ctx.tenantId },
    select: { cancelRequestedAt: true, detachAt: true, detachedAt: true },
  });
  if (tenant.detachedAt)
    throw new AppError(
      "PRECONDITION_FAILED",
      `The service was already detached on ${when(tenant.detachedAt)}.`,
    );
  if (tenant.cancelRequestedAt) return tenant;
  const detachAt = new Date(now.getTime() + DETACH_DELAY_MS);
  const claimed = await ctx.db.tenant.updateMany({
    where: { id: ctx.tenantId, cancelRequestedAt: null, detachedAt: null },
    data: { cancelRequestedAt: now, detachAt },
  });
  if (claimed.count === 0)
    return ctx.db.tenant.findUniqueOrThrow({
      where: { id: ctx.tenantId },
      select: { cancelRequestedAt: true, detachAt: true, detachedAt: true },
    });
  try {
    await setCancelAtPeriodEnd(ctx.db, ctx.tenantId, deps.stripe, true);
  } catch (err) {
    await ctx.db.tenant.updateMany({
      where: { id: ctx.tenantId, cancelRequestedAt: now },
      data: { cancelRequestedAt: null, detachAt: null },
    });
    throw new AppError(
      "BAD_REQUEST",
      `Stripe could not schedule the cancellation (${(err as Error).message}). Nothing changed; try again.`,
    );
  }
  const jobId = await deps.scheduleDetach(
    { tenantId: ctx.tenantId, requestedAt: now.toISOString() },
    detachAt,
  );
  await ctx.db.billingAccount.upsert({
    where: { tenantId: ctx.tenantId },
    create: { tenantId: ctx.tenantId, detachJobId: jobId },
    update: { detachJobId: jobId },
  });
  await writeBillingAudit(ctx.db, {
    tenantId: ctx.tenantId,
    actorId: ctx.actorId,
    action: "billing.cancellation_requested",
    data: { requestedAt: now.toISOString(), detachAt: detachAt.toISOString() },
  });
  return { cancelRequestedAt: now, detachAt, detachedAt: null };
}

export async function undoCancellation(ctx: Ctx, deps: CancellationDeps): Promise<CancellationState> {
  const now = deps.now?.() ?? new Date();
  const tenant = await ctx.db.tenant.findUniqueOrThrow({
    where: { id: ctx.tenantId },
    select: { cancelRequestedAt: true, detachAt: true, detachedAt: true },
  });
  if (tenant.detachedAt)
    throw new AppError(
      "PRECONDITION_FAILED",
      `Too late to undo: the service was detached on ${when(tenant.detachedAt)}.`,
    );
  if (!tenant.cancelRequestedAt) return tenant;
  if (tenant.detachAt && tenant.detachAt <= now)
    throw new AppError(
      "PRECONDITION_FAILED",
      `Too late to undo: the service detaches at ${when(tenant.detachAt)}.`,
    );
  const undone = await ctx.db.tenant.updateMany({
    where: { id: ctx.tenantId, cancelRequestedAt: tenant.cancelRequestedAt, detachedAt: null },
    data: { cancelRequestedAt: null, detachAt: null },
  });
  if (undone.count === 0)
    return ctx.db.tenant.findUniqueOrThrow({
      where: { id: ctx.tenantId },
      select: { cancelRequestedAt: true, detachAt: true, detachedAt: true },
    });
  const account = await ctx.db.billingAccount.findUnique({
    where: { tenantId: ctx.tenantId },
    select: { detachJobId: true },
  });
  // The detach job also checks the request time, so a job that was not cancelled does nothing.
  if (account?.detachJobId) await deps.cancelDetachJob(account.detachJobId).catch(() => {});
  await ctx.db.billingAccount.updateMany({ where: { tenantId: ctx.tenantId }, data: { detachJobId: null } });
  await setCancelAtPeriodEnd(ctx.db, ctx.tenantId, deps.stripe, false).catch((err) => {
    console.error(
      `Undo cancellation: Stripe still has cancel_at_period_end for tenant ${ctx.tenantId}:`,
      err,
    );
  });
  await writeBillingAudit(ctx.db, {
    tenantId: ctx.tenantId,
    actorId: ctx.actorId,
    action: "billing.cancellation_undone",
    data: { requestedAt: tenant.cancelRequestedAt.toISOString() },
  });
  return { cancelRequestedAt: null, detachAt: null, detachedAt: null };
}
