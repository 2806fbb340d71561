// The weekly handoff QA, with I/O: on Monday each business gets a sample of last week's handoffs
// (accepted, rejected, escalated) to review; reviewers answer the five questions with a note.
import { z } from "zod";
import { globalDb, type SystemDb } from "@/server/db/system";
import type { TenantCtx, TenantDb } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { HANDOFF_QUESTIONS } from "./handoff-questions";
import { HANDOFF_EVENT_KIND, isHandoffSamplingTime, pickHandoffSample, previousWeek } from "./handoff-qa";

export async function sampleHandoffWeek(
  db: TenantDb,
  opts: { tenantId: string; now: Date },
): Promise<{ weekOf: string; sampled: number; alreadySampled: boolean }> {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: opts.tenantId },
    select: { timeZone: true },
  });
  const week = previousWeek(opts.now, tenant.timeZone);
  const existing = await db.handoffReview.count({ where: { tenantId: opts.tenantId, weekOf: week.weekOf } });
  if (existing) return { weekOf: week.weekOf, sampled: existing, alreadySampled: true };
  const events = await db.leadEvent.findMany({
    where: {
      tenantId: opts.tenantId,
      type: { in: Object.keys(HANDOFF_EVENT_KIND) },
      createdAt: { gte: week.start, lt: week.end },
      lead: { isTest: false },
    },
    select: { leadId: true, type: true },
  });
  const picked = pickHandoffSample(
    events.map((e) => ({ leadId: e.leadId, kind: HANDOFF_EVENT_KIND[e.type]! })),
    week.weekOf,
  );
  // Two workers pick the same leads (the order is a hash), so the unique key makes the second a no-op.
  if (picked.length)
    await db.handoffReview.createMany({
      data: picked.map((p) => ({
        tenantId: opts.tenantId,
        weekOf: week.weekOf,
        leadId: p.leadId,
        kind: p.kind,
        createdAt: opts.now,
      })),
      skipDuplicates: true,
    });
  return { weekOf: week.weekOf, sampled: picked.length, alreadySampled: false };
}

/** Businesses whose Monday morning has come (in their own time zone). */
export async function tenantsDueForHandoffQa(sys: SystemDb, now: Date): Promise<string[]> {
  const tenants = await globalDb(sys).tenant.findMany({ select: { id: true, timeZone: true } });
  return tenants.filter((t) => isHandoffSamplingTime(now, t.timeZone)).map((t) => t.id);
}

/** The sampled weeks, newest first, with their handoffs (the last 8 weeks). */
export async function listHandoffReviews(ctx: TenantCtx) {
  const rows = await ctx.db.handoffReview.findMany({
    orderBy: [{ weekOf: "desc" }, { kind: "asc" }, { createdAt: "asc" }],
    take: 200,
    select: {
      id: true,
      weekOf: true,
      kind: true,
      ownerCorrect: true,
      notesSufficient: true,
      waitReasonable: true,
      noRepeat: true,
      outcomeMatched: true,
      note: true,
      reviewedAt: true,
      lead: {
        select: {
          id: true,
          callerName: true,
          callerPhone: true,
          urgency: true,
          source: true,
          status: true,
          owner: { select: { name: true } },
        },
      },
    },
  });
  const weeks = [...new Set(rows.map((r) => r.weekOf))].slice(0, 8);
  return weeks.map((weekOf) => ({ weekOf, reviews: rows.filter((r) => r.weekOf === weekOf) }));
}

const answer = z.boolean({ error: "Answer yes or no." });
export const ZAnswerHandoffInput = z.object({
  reviewId: z.string().min(1).max(64),
  answers: z.object({
    ownerCorrect: answer,
    notesSufficient: answer,
    waitReasonable: answer,
    noRepeat: answer,
    outcomeMatched: answer,
  }),
  note: z.string().trim().max(1000, "Keep the note under 1,000 characters."),
});

export async function answerHandoffReview(
  ctx: TenantCtx & { reviewerId: string; now: Date },
  input: z.infer<typeof ZAnswerHandoffInput>,
) {
  const review = await ctx.db.handoffReview.findFirst({
    where: { id: input.reviewId },
    select: { id: true },
  });
  if (!review)
    throw new AppError("NOT_FOUND", "This handoff review does not exist. Reload the QA page.", "reviewId");
  const no = HANDOFF_QUESTIONS.filter((q) => !input.answers[q.key]);
  if (no.length && !input.note)
    throw new AppError("BAD_REQUEST", "Say in the note what went wrong with this handoff.", "note");
  await ctx.db.handoffReview.updateMany({
    where: { id: review.id },
    data: { ...input.answers, note: input.note || null, reviewerId: ctx.reviewerId, reviewedAt: ctx.now },
  });
  return { id: review.id };
}
