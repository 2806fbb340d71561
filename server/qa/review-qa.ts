// What the QA page reads and the one thing a reviewer writes: the last 30 days, a day's sampled
// calls with their failed criteria, and a verdict override with a note.
import type { QaVerdict } from "@/server/db/generated/enums";
import type { TenantDb } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { enqueueNotification } from "@/server/notifications/outbox";
import { QA_CRITERIA, QA_CRITERION_LABEL, type QaCriterion, type QaFinding } from "./check-call";
import { exceedsThreshold, failureRate, localDay, recentDays } from "./qa-day";
import { currentProfile, writeQaAudit } from "./prompt-profile";
import { applyThreshold, recountDay } from "./sample-qa-day";
import { tenantPeople } from "@/server/db/tenant-people";
import { afterCallFlagsOf } from "./after-call-check";

type Ctx = { db: TenantDb; tenantId: string };

export type QaDaySummary = {
  day: string;
  sampled: number;
  failed: number;
  rate: number;
  eligible: number;
  overThreshold: boolean;
  isSampled: boolean;
  safeSwitched: boolean;
};

/** The last 30 tenant-local days, oldest first (the chart's order); unsampled days have zeros. */
export async function listQaDays(ctx: Ctx, now: Date) {
  const tenant = await ctx.db.tenant.findUniqueOrThrow({
    where: { id: ctx.tenantId },
    select: { timeZone: true },
  });
  const days = recentDays(now, tenant.timeZone).reverse();
  const rows = await ctx.db.qaDay.findMany({
    where: { sampledOn: { gte: days[0]!, lte: days[days.length - 1]! } },
  });
  const byDay = new Map(rows.map((r) => [r.sampledOn, r]));
  const summaries: QaDaySummary[] = days.map((day) => {
    const r = byDay.get(day);
    return {
      day,
      sampled: r?.sampled ?? 0,
      failed: r?.failed ?? 0,
      rate: failureRate(r?.failed ?? 0, r?.sampled ?? 0),
      eligible: r?.eligible ?? 0,
      overThreshold: exceedsThreshold(r?.failed ?? 0, r?.sampled ?? 0),
      isSampled: !!r,
      safeSwitched: !!r?.safeSwitchedAt,
    };
  });
  const aiCalls = await ctx.db.call.count({ where: { isTest: false, NOT: { state: { equals: {} } } } });
  return {
    today: localDay(now, tenant.timeZone),
    timeZone: tenant.timeZone,
    days: summaries,
    hasAiCalls: aiCalls > 0,
    profile: await currentProfile(ctx.db, ctx.tenantId),
  };
}

const asFindings = (json: unknown): QaFinding[] =>
  Array.isArray(json)
    ? (json as QaFinding[]).filter(
        (f) => f && typeof f === "object" && (QA_CRITERIA as readonly string[]).includes(f.criterion),
      )
    : [];

/** A day's sampled calls, failures first, each with the criteria it failed and who overrode it. */
export async function listQaReviews(ctx: Ctx, day: string) {
  const reviews = await ctx.db.qaReview.findMany({
    where: { sampledOn: day },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const calls = reviews.length
    ? await ctx.db.call.findMany({
        where: { id: { in: reviews.map((r) => r.callId) } },
        select: {
          id: true,
          startedAt: true,
          fromNumber: true,
          promptProfile: true,
          modelUsed: true,
          lead: { select: { id: true, callerName: true, status: true, urgency: true } },
        },
      })
    : [];
  const callById = new Map(calls.map((c) => [c.id, c]));
  const reviewerIds = [...new Set(reviews.map((r) => r.reviewerId).filter((id): id is string => !!id))];
  const reviewers = await tenantPeople(ctx.db, reviewerIds);
  const nameOf = new Map(reviewers.map((u) => [u.id, u.name]));
  const items = reviews.map((r) => {
    const call = callById.get(r.callId);
    const findings = asFindings(r.criteria);
    return {
      id: r.id,
      callId: r.callId,
      leadId: call?.lead?.id ?? r.leadId,
      callerName: call?.lead?.callerName ?? null,
      callerPhone: call?.fromNumber ?? null,
      leadStatus: call?.lead?.status ?? null,
      urgency: call?.lead?.urgency ?? null,
      startedAt: call?.startedAt ?? null,
      promptProfile: call?.promptProfile ?? null,
      modelUsed: call?.modelUsed ?? null,
      verdict: r.verdict,
      reviewerVerdict: r.reviewerVerdict,
      effectiveVerdict: r.reviewerVerdict ?? r.verdict,
      reviewerNote: r.reviewerNote,
      reviewerName: r.reviewerId ? (nameOf.get(r.reviewerId) ?? "A former member") : null,
      reviewedAt: r.reviewedAt,
      findings: findings.map((f) => ({ ...f, label: QA_CRITERION_LABEL[f.criterion as QaCriterion] })),
    };
  });
  items.sort((a, b) =>
    a.effectiveVerdict === b.effectiveVerdict ? 0 : a.effectiveVerdict === "fail" ? -1 : 1,
  );
  const failed = items.filter((i) => i.effectiveVerdict === "fail").length;
  return {
    day,
    sampled: items.length,
    failed,
    rate: failureRate(failed, items.length),
    items,
    afterCall: await listAfterCallFlags(ctx, day),
  };
}

/** Every call of the day the after-call check flagged (not only the sampled ones), newest first. */
export async function listAfterCallFlags(ctx: Ctx, day: string) {
  const rows = await ctx.db.afterCallReview.findMany({
    where: { callDay: day, NOT: { flags: { equals: [] } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const calls = rows.length
    ? await ctx.db.call.findMany({
        where: { id: { in: rows.map((r) => r.callId) } },
        select: {
          id: true,
          startedAt: true,
          fromNumber: true,
          lead: { select: { id: true, callerName: true } },
        },
      })
    : [];
  const byId = new Map(calls.map((c) => [c.id, c]));
  return rows.map((r) => {
    const call = byId.get(r.callId);
    return {
      id: r.id,
      callId: r.callId,
      leadId: r.leadId,
      callerName: call?.lead?.callerName ?? null,
      callerPhone: call?.fromNumber ?? null,
      startedAt: call?.startedAt ?? null,
      upgraded: r.upgraded,
      readBy: r.readBy,
      flags: afterCallFlagsOf(r.flags),
    };
  });
}

/** A reviewer confirms or overturns the automated verdict, with a note saying why. */
export async function overrideQaVerdict(
  ctx: Ctx,
  input: { reviewId: string; verdict: QaVerdict; note: string; reviewerId: string; now: Date },
) {
  const note = input.note.trim();
  if (note.length < 3)
    throw new AppError("BAD_REQUEST", "Add a note that says why (at least 3 characters).", "note");
  const review = await ctx.db.qaReview.findFirst({ where: { id: input.reviewId } });
  if (!review)
    throw new AppError(
      "NOT_FOUND",
      "That QA review was not found. Reload the page and try again.",
      "reviewId",
    );
  const ids = await ctx.db.$transaction(async (tx) => {
    await tx.qaReview.update({
      where: { id: review.id, tenantId: ctx.tenantId },
      data: {
        reviewerVerdict: input.verdict,
        reviewerNote: note,
        reviewerId: input.reviewerId,
        reviewedAt: input.now,
      },
    });
    await writeQaAudit(tx, {
      tenantId: ctx.tenantId,
      actorId: input.reviewerId,
      action: "qa.verdict_overridden",
      target: review.callId,
      data: {
        day: review.sampledOn,
        from: review.reviewerVerdict ?? review.verdict,
        to: input.verdict,
        note,
      },
    });
    const counts = await recountDay(tx, ctx.tenantId, review.dayId);
    // A confirmed failure can push the day over 5 %; the switch still happens once per day.
    return counts.safeSwitchedAt
      ? null
      : applyThreshold(tx, {
          tenantId: ctx.tenantId,
          dayId: review.dayId,
          day: review.sampledOn,
          failed: counts.failed,
          sampled: counts.sampled,
          now: input.now,
        });
  });
  for (const id of ids ?? []) await enqueueNotification(id);
  return { id: review.id, switchedToSafe: !!ids };
}
