// Daily QA of AI-handled calls: the 30-day failure rates, a day's sampled calls,
// verdict overrides, "run today's sample now", and the prompt profile switch.
import { z } from "zod";
import { zDay } from "@/server/http/safe-input";
import { PROMPT_PROFILES } from "@/server/intake/extraction";
import { setPromptProfile } from "@/server/qa/prompt-profile";
import { listQaDays, listQaReviews, overrideQaVerdict } from "@/server/qa/review-qa";
import { sampleQaDay } from "@/server/qa/sample-qa-day";
import { router, tenantProcedure } from "../init";

const review = tenantProcedure.meta({ permission: "qa.review" });
const profile = tenantProcedure.meta({ permission: "qa.profile" });

export const ZQaDayInput = z.object({ day: zDay("Day must look like 2026-03-02.") });
export const ZOverrideInput = z.object({
  reviewId: z.string().min(1),
  verdict: z.enum(["pass", "fail"]),
  note: z.string().max(1000, "Keep the note under 1,000 characters."),
});
export const ZSetProfileInput = z.object({
  profile: z.enum(PROMPT_PROFILES),
  reason: z.string().max(500, "Keep the reason under 500 characters."),
});

export const qaRouter = router({
  days: review.query(({ ctx }) => listQaDays(ctx, new Date())),
  reviews: review.input(ZQaDayInput).query(({ ctx, input }) => listQaReviews(ctx, input.day)),
  override: review
    .input(ZOverrideInput)
    .mutation(({ ctx, input }) =>
      overrideQaVerdict(ctx, { ...input, reviewerId: ctx.userId, now: new Date() }),
    ),
  runNow: review.mutation(({ ctx }) =>
    sampleQaDay(ctx.db, { tenantId: ctx.tenantId, now: new Date(), topUp: true }),
  ),
  setProfile: profile.input(ZSetProfileInput).mutation(({ ctx, input }) =>
    setPromptProfile(ctx.db, {
      tenantId: ctx.tenantId,
      actorId: ctx.userId,
      profile: input.profile,
      reason: input.reason,
    }),
  ),
});
