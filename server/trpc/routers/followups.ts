// Follow-ups: the approval queue (approve, edit, skip, approve all) and the sequences settings
// page (steps per source, on/off, auto-send). Each procedure calls one function in server/followups/.
import { z } from "zod";
import { can } from "@/server/auth/permissions";
import { approveAll, listApprovalQueue, sendDraft, skipDraft } from "@/server/followups/approval-queue";
import {
  listSequences,
  MAX_EMAIL_MESSAGE,
  MAX_STEPS,
  saveSequence,
  SEQUENCE_KEYS,
  SEQUENCES,
  ZStep,
} from "@/server/followups/sequences";
import { router, tenantProcedure } from "../init";

const id = z.string().min(1).max(40);

export const followupsRouter = router({
  queue: tenantProcedure
    .meta({ permission: "followups.approve" })
    .query(({ ctx }) => listApprovalQueue(ctx.db)),
  approve: tenantProcedure
    .meta({ permission: "followups.approve" })
    .input(
      z.object({
        id,
        body: z
          .string()
          .max(MAX_EMAIL_MESSAGE * 2)
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await sendDraft({ db: ctx.db, tenantId: ctx.tenantId, actorId: ctx.userId }, input.id, {
        body: input.body,
      });
      return { ok: true };
    }),
  skip: tenantProcedure
    .meta({ permission: "followups.approve" })
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await skipDraft({ db: ctx.db, tenantId: ctx.tenantId, actorId: ctx.userId }, input.id);
      return { ok: true };
    }),
  approveAll: tenantProcedure
    .meta({ permission: "followups.approve" })
    .mutation(({ ctx }) => approveAll({ db: ctx.db, tenantId: ctx.tenantId, actorId: ctx.userId })),
  sequences: tenantProcedure.meta({ permission: "setup.read" }).query(async ({ ctx }) => ({
    sequences: (await listSequences(ctx.db)).map((s) => ({
      ...s,
      name: SEQUENCES[s.key].name,
      when: SEQUENCES[s.key].when,
      defaults: SEQUENCES[s.key].steps,
    })),
    canEdit: can(ctx.role, "followups.settings"),
    maxSteps: MAX_STEPS,
  })),
  saveSequence: tenantProcedure
    .meta({ permission: "followups.settings" })
    .input(
      z.object({
        key: z.enum(SEQUENCE_KEYS),
        enabled: z.boolean().optional(),
        autoSend: z.boolean().optional(),
        steps: z
          .array(ZStep)
          .max(MAX_STEPS * 2)
          .optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      saveSequence(ctx.db, ctx.tenantId, input.key, {
        enabled: input.enabled,
        autoSend: input.autoSend,
        steps: input.steps,
      }),
    ),
});
