// The daily routine views: morning, midday and end of day, in the tenant's time zone.
import { z } from "zod";
import { ROUTINE_SECTIONS, routineSection, routineSummary } from "@/server/routines/daily-routines";
import { router, tenantProcedure } from "../init";

const read = tenantProcedure.meta({ permission: "leads.read" });
const viewerCtx = <
  T extends { userId: string; role: Parameters<typeof routineSummary>[0]["viewer"]["role"] },
>(
  ctx: T,
) => ({ ...ctx, viewer: { userId: ctx.userId, role: ctx.role }, now: new Date() });

export const routinesRouter = router({
  summary: read.query(({ ctx }) => routineSummary(viewerCtx(ctx))),
  section: read
    .input(z.object({ section: z.enum(ROUTINE_SECTIONS), cursor: z.string().nullish() }))
    .query(({ ctx, input }) => routineSection(viewerCtx(ctx), input.section, input.cursor)),
});
