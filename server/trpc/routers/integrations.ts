// Integrations: outbound webhook endpoints (with their delivery log) and private calendar feeds.
import { z } from "zod";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  resendWebhookDelivery,
  rotateWebhookSecret,
  setWebhookEndpointEnabled,
  ZCreateWebhookInput,
} from "@/server/webhooks/endpoints";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from "@/server/webhooks/events";
import { getCalendarFeed, resetCalendarFeed, revokeCalendarFeed } from "@/server/calendar/calendar-feeds";
import { router, tenantProcedure } from "../init";

const ZId = z.object({ id: z.string().min(1) });
const manage = tenantProcedure.meta({ permission: "integrations.manage" });
/** Any member manages their own calendar link. */
const own = tenantProcedure.meta({ permission: "leads.read" });

export const integrationsRouter = router({
  webhookEvents: manage.query(() =>
    WEBHOOK_EVENTS.map((type) => ({ type, label: WEBHOOK_EVENT_LABELS[type] })),
  ),
  webhooks: manage.query(({ ctx }) => listWebhookEndpoints(ctx)),
  createWebhook: manage
    .input(ZCreateWebhookInput)
    .mutation(({ ctx, input }) => createWebhookEndpoint({ ...ctx, actorId: ctx.userId }, input)),
  deleteWebhook: manage
    .input(ZId)
    .mutation(({ ctx, input }) => deleteWebhookEndpoint({ ...ctx, actorId: ctx.userId }, input.id)),
  setWebhookEnabled: manage
    .input(ZId.extend({ enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setWebhookEndpointEnabled({ ...ctx, actorId: ctx.userId }, input)),
  rotateWebhookSecret: manage
    .input(ZId)
    .mutation(({ ctx, input }) => rotateWebhookSecret({ ...ctx, actorId: ctx.userId }, input.id)),
  webhookDeliveries: manage
    .input(z.object({ endpointId: z.string().min(1) }))
    .query(({ ctx, input }) => listWebhookDeliveries(ctx, { endpointId: input.endpointId })),
  resendWebhook: manage
    .input(ZId)
    .mutation(({ ctx, input }) => resendWebhookDelivery({ ...ctx, actorId: ctx.userId }, input.id)),
  myCalendarFeed: own.query(({ ctx }) => getCalendarFeed(ctx, { userId: ctx.userId })),
  resetMyCalendarFeed: own.mutation(({ ctx }) =>
    resetCalendarFeed({ ...ctx, actorId: ctx.userId }, { userId: ctx.userId }),
  ),
  revokeMyCalendarFeed: own.mutation(({ ctx }) =>
    revokeCalendarFeed({ ...ctx, actorId: ctx.userId }, { userId: ctx.userId }),
  ),
  businessCalendarFeed: manage.query(({ ctx }) => getCalendarFeed(ctx, { userId: null })),
  resetBusinessCalendarFeed: manage.mutation(({ ctx }) =>
    resetCalendarFeed({ ...ctx, actorId: ctx.userId }, { userId: null }),
  ),
  revokeBusinessCalendarFeed: manage.mutation(({ ctx }) =>
    revokeCalendarFeed({ ...ctx, actorId: ctx.userId }, { userId: null }),
  ),
});
