// Reports: the missed-lead report and the KPIs for a period, and its CSV. Thin: the figures come
// from server/reports/. Staff may open it and see their own leads' numbers only.
import { getReport } from "@/server/reports/query-report";
import { reportCsv } from "@/server/reports/figures";
import { ZReportPeriodInput } from "@/server/reports/period";
import {
  answerHandoffReview,
  listHandoffReviews,
  ZAnswerHandoffInput,
} from "@/server/reports/sample-handoffs";
import { router, tenantProcedure } from "../init";

const read = tenantProcedure.meta({ permission: "reports.read" });
const review = tenantProcedure.meta({ permission: "qa.review" });

type Ctx = Parameters<Parameters<typeof read.query>[0]>[0]["ctx"];
const reportCtx = (ctx: Ctx) => ({
  db: ctx.db,
  tenantId: ctx.tenantId,
  viewer: { userId: ctx.userId, role: ctx.role },
});

export const reportsRouter = router({
  report: read
    .input(ZReportPeriodInput)
    .query(({ ctx, input }) => getReport(reportCtx(ctx), input, new Date())),
  csv: read.input(ZReportPeriodInput).query(async ({ ctx, input }) => {
    const report = await getReport(reportCtx(ctx), input, new Date());
    return {
      filename: `report-${report.period.firstDay}-to-${report.period.lastDay}.csv`,
      csv: reportCsv(report),
    };
  }),
  // ── weekly handoff QA (shown on the QA page) ──
  handoffReviews: review.query(({ ctx }) => listHandoffReviews(ctx)),
  answerHandoff: review
    .input(ZAnswerHandoffInput)
    .mutation(({ ctx, input }) =>
      answerHandoffReview({ ...ctx, reviewerId: ctx.userId, now: new Date() }, input),
    ),
});
