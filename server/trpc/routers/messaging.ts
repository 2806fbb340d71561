// SMS: a lead's thread and staff replies, the texting settings with a live template preview, and
// the dev messages page (local mode). Each procedure calls one function in server/messaging/.
import { z } from "zod";
import { zText } from "@/server/http/safe-input";
import { can } from "@/server/auth/permissions";
import { listDevMessages, sendWaitingNow } from "@/server/messaging/dev-messages";
import { getMessagingSettings, updateMessagingSettings } from "@/server/messaging/messaging-settings";
import { previewTemplate } from "@/server/messaging/preview-template";
import { readThread } from "@/server/messaging/read-thread";
import { MAX_TEMPLATE_LENGTH, MESSAGE_PURPOSES } from "@/server/messaging/render-template";
import { MAX_REPLY_LENGTH, replyToLead } from "@/server/messaging/reply-to-lead";
import { router, tenantProcedure } from "../init";

const id = z.string().min(1).max(40);
const viewer = (ctx: { userId: string; role: "owner" | "manager" | "staff" | "operator" }) => ({
  userId: ctx.userId,
  role: ctx.role,
});
const template = z
  .string()
  .max(MAX_TEMPLATE_LENGTH * 2)
  .nullable();

export const ZMessagingSettingsInput = z.object({
  textBackEnabled: z.boolean().optional(),
  textTestCalls: z.boolean().optional(),
  remindersEnabled: z.boolean().optional(),
  bookingUrl: z.string().trim().max(500).nullable().optional(),
  windowHours: z.number().int().optional(),
  quietStartMinute: z.number().int().optional(),
  quietEndMinute: z.number().int().optional(),
  contactPhone: z.string().trim().max(20).nullable().optional(),
  templates: z
    .object(
      Object.fromEntries(MESSAGE_PURPOSES.map((p) => [p, template.optional()])) as Record<
        (typeof MESSAGE_PURPOSES)[number],
        z.ZodOptional<typeof template>
      >,
    )
    .optional(),
});

export const messagingRouter = router({
  thread: tenantProcedure
    .meta({ permission: "leads.read" })
    .input(z.object({ leadId: id }))
    .query(({ ctx, input }) => readThread({ ...ctx, viewer: viewer(ctx) }, input.leadId)),
  reply: tenantProcedure
    .meta({ permission: "leads.work" })
    .input(z.object({ leadId: id, body: zText(MAX_REPLY_LENGTH * 2, { multiline: true }) }))
    .mutation(({ ctx, input }) => replyToLead({ ...ctx, viewer: viewer(ctx) }, input)),
  settings: tenantProcedure.meta({ permission: "setup.read" }).query(async ({ ctx }) => ({
    ...(await getMessagingSettings(ctx.db, ctx.tenantId)),
    canEdit: can(ctx.role, "messaging.settings"),
  })),
  updateSettings: tenantProcedure
    .meta({ permission: "messaging.settings" })
    .input(ZMessagingSettingsInput)
    .mutation(({ ctx, input }) =>
      updateMessagingSettings(ctx.db, ctx.tenantId, {
        ...input,
        bookingUrl: input.bookingUrl || (input.bookingUrl === undefined ? undefined : null),
        contactPhone: input.contactPhone || (input.contactPhone === undefined ? undefined : null),
      }),
    ),
  preview: tenantProcedure
    .meta({ permission: "setup.read" })
    .input(
      z.object({
        purpose: z.enum(MESSAGE_PURPOSES),
        template: z.string().max(MAX_TEMPLATE_LENGTH * 2),
        bookingUrl: z.string().max(500).nullish(),
      }),
    )
    .query(({ ctx, input }) => previewTemplate(ctx, input)),
  devMessages: tenantProcedure
    .meta({ permission: "outbox.read" })
    .input(z.object({ cursor: z.string().max(40).nullish() }).optional())
    .query(({ ctx, input }) => listDevMessages(ctx, input ?? {})),
  sendNow: tenantProcedure
    .meta({ permission: "outbox.read" })
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => sendWaitingNow(ctx, input.id)),
});
