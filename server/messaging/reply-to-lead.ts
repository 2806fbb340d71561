// A staff reply from the lead page: queued in the SMS outbox from the number the caller knows
// (the tracking number they called or texted), refused at once when the caller opted out.
// A conversational reply carries no STOP footer: the first text of the thread already did.
import { randomUUID } from "node:crypto";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import type { Viewer } from "@/server/leads/lead-access";
import { isOptedOut } from "./consent";
import { queueMessage, type Enqueue } from "./queue-message";
import { visibleLead } from "./read-thread";

export const MAX_REPLY_LENGTH = 640;

export async function replyToLead(
  ctx: TenantCtx & { viewer: Viewer; enqueue?: Enqueue; now?: Date },
  input: { leadId: string; body: string },
) {
  const body = input.body.trim();
  if (!body) throw new AppError("BAD_REQUEST", "Write a message before sending.", "body");
  if (body.length > MAX_REPLY_LENGTH)
    throw new AppError(
      "BAD_REQUEST",
      `The message is ${body.length} characters; keep it under ${MAX_REPLY_LENGTH}.`,
      "body",
    );
  const lead = await visibleLead(ctx, input.leadId);
  if (await isOptedOut(ctx.db, ctx.tenantId, lead.callerPhone)) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "This caller replied STOP and cannot be texted. Call them instead; they can text START to opt back in.",
      "body",
    );
  }
  // The number the caller knows: the one they last texted, else the one they called, else the main line.
  const lastInbound = await ctx.db.message.findFirst({
    where: { leadId: lead.id, direction: "inbound" },
    orderBy: { createdAt: "desc" },
    select: { toNumber: true },
  });
  const lastCall = lastInbound
    ? null
    : await ctx.db.call.findFirst({
        where: { leadId: lead.id },
        orderBy: { startedAt: "desc" },
        select: { toNumber: true },
      });
  const main =
    lastInbound || lastCall
      ? null
      : await ctx.db.trackingNumber.findFirst({ orderBy: { createdAt: "asc" }, select: { e164: true } });
  const from = lastInbound?.toNumber ?? lastCall?.toNumber ?? main?.e164;
  if (!from)
    throw new AppError(
      "PRECONDITION_FAILED",
      "Add a tracking number in Phone numbers first: texts are sent from it.",
      "body",
    );
  const res = await queueMessage(ctx.db, {
    tenantId: ctx.tenantId,
    leadId: lead.id,
    purpose: "reply",
    from,
    to: lead.callerPhone,
    body,
    key: `reply:${randomUUID()}`,
    isTest: lead.isTest,
    authorId: ctx.viewer.userId,
    enqueue: ctx.enqueue,
  });
  const now = ctx.now ?? new Date();
  await ctx.db.leadEvent.create({
    data: {
      tenantId: ctx.tenantId,
      leadId: lead.id,
      type: "sms.sent_by_staff",
      actorId: ctx.viewer.userId,
      data: { messageId: res.id },
      createdAt: now,
    },
  });
  await ctx.db.lead.update({ where: { id: lead.id }, data: { lastActivityAt: now } });
  return { id: res.id };
}
