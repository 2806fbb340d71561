// The dev messages page (local mode): every SMS the local Twilio fake accepted from this
// business's numbers, and the outbox rows still waiting (quiet hours, reminders) with a
// "send now" for trying the flow without waiting a day.
import type { TenantCtx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { getTwilioHandle } from "@/server/integrations/twilio-client";
import { fakeMessages } from "@/server/integrations/twilio-fake/messages";
import { enqueueMessage, type Enqueue } from "./queue-message";

export const DEV_PAGE_SIZE = 50;

export async function listDevMessages(ctx: TenantCtx, input: { cursor?: string | null }) {
  const handle = await getTwilioHandle().catch(() => null);
  const numbers = new Set(
    (await ctx.db.trackingNumber.findMany({ select: { e164: true } })).map((n) => n.e164),
  );
  const all = handle?.fake
    ? fakeMessages(handle.fake.state).filter((m) => numbers.has(m.from) || numbers.has(m.to))
    : [];
  const newest = [...all].reverse();
  const start = input.cursor ? newest.findIndex((m) => m.sid === input.cursor) + 1 : 0;
  const sent = newest.slice(start, start + DEV_PAGE_SIZE).map((m) => ({
    sid: m.sid,
    to: m.to,
    from: m.from,
    body: m.body,
    status: m.status,
    errorCode: m.error_code,
    at: new Date(m.received_at_ms),
  }));
  const waiting = await ctx.db.message.findMany({
    where: { direction: "outbound", status: "pending" },
    orderBy: [{ sendAfter: "asc" }, { id: "asc" }],
    take: DEV_PAGE_SIZE,
    select: { id: true, purpose: true, toNumber: true, body: true, sendAfter: true, leadId: true },
  });
  return {
    mode: handle?.mode ?? "unavailable",
    sent,
    nextCursor: start + DEV_PAGE_SIZE < newest.length ? (sent.at(-1)?.sid ?? null) : null,
    waiting,
    total: all.length,
  };
}

/** Local mode only: a waiting text goes out now (consent and the appointment are still checked by the send job). */
export async function sendWaitingNow(ctx: TenantCtx & { enqueue?: Enqueue; now?: Date }, id: string) {
  const handle = await getTwilioHandle().catch(() => null);
  if (handle?.mode !== "local")
    throw new AppError(
      "PRECONDITION_FAILED",
      "Send now is only for local mode (the Twilio fake). Real texts go out at their time.",
    );
  const now = ctx.now ?? new Date();
  const { count } = await ctx.db.message.updateMany({
    where: { id, direction: "outbound", status: "pending" },
    data: { sendAfter: now },
  });
  if (count === 0)
    throw new AppError("NOT_FOUND", "That text is no longer waiting: it was sent or cancelled.", "id");
  await enqueueMessage({ id, tenantId: ctx.tenantId }, now, ctx.enqueue);
  return { id };
}
