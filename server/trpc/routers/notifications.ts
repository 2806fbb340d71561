// In-app notifications for the signed-in person, and the dev outbox (owner/operator).
import { z } from "zod";
import { can } from "@/server/auth/permissions";
import {
  listNotifications,
  listOutbox,
  markAllRead,
  markRead,
  unreadCount,
} from "@/server/notifications/read-notifications";
import { router, tenantProcedure } from "../init";

const read = tenantProcedure.meta({ permission: "leads.read" });

export const notificationsRouter = router({
  list: read
    .input(z.object({ cursor: z.string().nullish(), unreadOnly: z.boolean().optional() }).optional())
    .query(({ ctx, input }) => listNotifications(ctx, ctx.userId, input ?? {})),
  unreadCount: read.query(async ({ ctx }) => ({
    count: await unreadCount(ctx, ctx.userId),
    canSeeOutbox: can(ctx.role, "outbox.read"),
  })),
  markRead: read
    .input(z.object({ id: z.string().max(40) }))
    .mutation(async ({ ctx, input }) => ({ updated: await markRead(ctx, ctx.userId, input.id) })),
  markAllRead: read.mutation(async ({ ctx }) => ({ updated: await markAllRead(ctx, ctx.userId) })),
  outbox: tenantProcedure
    .meta({ permission: "outbox.read" })
    .input(z.object({ cursor: z.string().nullish(), channel: z.enum(["sms", "email"]).nullish() }).optional())
    .query(({ ctx, input }) => listOutbox(ctx, input ?? {})),
});
