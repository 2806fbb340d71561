// Reading the outbox: a person's in-app notifications (newest first, unread count, mark read)
// and the dev outbox — every SMS and email the app sent or would send in local mode.
import type { Prisma } from "@/server/db/generated/client";
import type { NotificationChannel } from "@/server/db/generated/enums";
import type { TenantCtx } from "@/server/db/tenant-scope";

export const PAGE_SIZE = 25;

const inAppSelect = {
  id: true,
  purpose: true,
  leadId: true,
  subject: true,
  body: true,
  createdAt: true,
  readAt: true,
} satisfies Prisma.NotificationSelect;

/** One page of the person's in-app notifications, with the business's time zone to show their times in. */
export async function listNotifications(
  ctx: TenantCtx,
  userId: string,
  input: { cursor?: string | null; unreadOnly?: boolean },
) {
  const [rows, tenant] = await Promise.all([
    ctx.db.notification.findMany({
      where: { userId, channel: "in_app", ...(input.unreadOnly ? { readAt: null } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: inAppSelect,
      take: PAGE_SIZE + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    }),
    ctx.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { timeZone: true } }),
  ]);
  const items = rows.slice(0, PAGE_SIZE);
  return { items, nextCursor: rows.length > PAGE_SIZE ? items.at(-1)!.id : null, timeZone: tenant.timeZone };
}

export function unreadCount(ctx: TenantCtx, userId: string): Promise<number> {
  return ctx.db.notification.count({ where: { userId, channel: "in_app", readAt: null } });
}

/** Marks one of the person's own notifications read (someone else's id changes nothing). */
export async function markRead(
  ctx: TenantCtx,
  userId: string,
  id: string,
  now = new Date(),
): Promise<boolean> {
  const r = await ctx.db.notification.updateMany({
    where: { id, userId, channel: "in_app", readAt: null },
    data: { readAt: now },
  });
  return r.count === 1;
}

export async function markAllRead(ctx: TenantCtx, userId: string, now = new Date()): Promise<number> {
  return (
    await ctx.db.notification.updateMany({
      where: { userId, channel: "in_app", readAt: null },
      data: { readAt: now },
    })
  ).count;
}

export async function listOutbox(
  ctx: TenantCtx,
  input: { cursor?: string | null; channel?: Exclude<NotificationChannel, "in_app"> | null },
) {
  const rows = await ctx.db.notification.findMany({
    where: { channel: input.channel ? input.channel : { in: ["sms", "email"] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      channel: true,
      to: true,
      purpose: true,
      leadId: true,
      subject: true,
      body: true,
      status: true,
      transport: true,
      attempts: true,
      error: true,
      createdAt: true,
      sentAt: true,
      user: { select: { name: true } },
    },
    take: PAGE_SIZE + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, PAGE_SIZE);
  return { items, nextCursor: rows.length > PAGE_SIZE ? items.at(-1)!.id : null };
}
