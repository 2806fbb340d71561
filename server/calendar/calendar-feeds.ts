// Private calendar feeds of booked visits (iCalendar, for Google Calendar or Outlook to subscribe
// to): one for the business (every booked visit) and one per person (the visits they own). The
// URL's token is the only key, so a feed is revoked by replacing it; nothing else is exposed.
// Like API keys, the token is stored only as its SHA-256: the URL is shown once, when it is made.
import { createHash, randomBytes } from "node:crypto";
import ical from "ical-generator";
import { findCalendarFeedByTokenHash } from "@/server/db/cross-tenant-sweeps";
import { forTenant, type SystemDb } from "@/server/db/system";
import type { TenantCtx, TenantTx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { writeAudit } from "@/server/audit/write-audit";
import { tenantPerson } from "@/server/db/tenant-people";
import { callerLabel, phoneLabel } from "@/server/leads/labels";

/** Visits this far back stay in the feed, so a day's calendar is complete. */
export const FEED_PAST_DAYS = 30;
/** A booked visit shows as a one-hour block from its booked time. */
export const VISIT_MINUTES = 60;

export type FeedOwner = { userId: string | null };

export function feedUrl(token: string): string {
  return `${env.PUBLIC_BASE_URL}/api/cal/${token}.ics`;
}

export function hashFeedToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function feedJson(feed: { id: string; userId: string | null; createdAt: Date }) {
  return { id: feed.id, forBusiness: feed.userId === null, createdAt: feed.createdAt };
}

export async function getCalendarFeed(ctx: Pick<TenantCtx, "db">, owner: FeedOwner) {
  const feed = await ctx.db.calendarFeed.findFirst({
    where: { userId: owner.userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
  });
  return feed ? feedJson(feed) : null;
}

/** A new private URL, returned only here; the previous one (if any) stops working at once. */
export async function resetCalendarFeed(
  ctx: Pick<TenantCtx, "db" | "tenantId"> & { actorId: string },
  owner: FeedOwner,
  now = new Date(),
) {
  await ctx.db.calendarFeed.updateMany({
    where: { userId: owner.userId, revokedAt: null },
    data: { revokedAt: now },
  });
  const token = `cal_${randomBytes(24).toString("base64url")}`;
  const feed = await ctx.db.calendarFeed.create({
    data: {
      tenantId: ctx.tenantId,
      userId: owner.userId,
      tokenHash: hashFeedToken(token),
      createdById: ctx.actorId,
    },
  });
  await writeAudit(ctx.db, {
    tenantId: ctx.tenantId,
    actorId: ctx.actorId,
    action: "calendar_feed.created",
    target: feed.id,
    data: { forBusiness: owner.userId === null },
  });
  return { ...feedJson(feed), url: feedUrl(token) };
}

export async function revokeCalendarFeed(
  ctx: Pick<TenantCtx, "db" | "tenantId"> & { actorId: string },
  owner: FeedOwner,
  now = new Date(),
) {
  const { count } = await ctx.db.calendarFeed.updateMany({
    where: { userId: owner.userId, revokedAt: null },
    data: { revokedAt: now },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "There is no calendar link to turn off.");
  await writeAudit(ctx.db, {
    tenantId: ctx.tenantId,
    actorId: ctx.actorId,
    action: "calendar_feed.revoked",
    data: { forBusiness: owner.userId === null },
  });
}

/**
 * Ends the business's calendar link when `userId` made it (and so saw its URL), inside the caller's
 * transaction: they are leaving the business or may no longer manage its integrations. A person's
 * own link needs nothing: it ends with their membership. Returns how many links ended.
 */
export async function revokeBusinessFeedsMadeBy(tx: TenantTx, userId: string, now: Date): Promise<number> {
  const { count } = await tx.calendarFeed.updateMany({
    where: { userId: null, createdById: userId, revokedAt: null },
    data: { revokedAt: now },
  });
  return count;
}

/**
 * The feed's iCalendar text for a token, or null when the token is unknown or revoked.
 * System path: the token finds the business (like an API key), then every read is scoped to it.
 */
export async function renderCalendarFeed(
  sys: SystemDb,
  token: string,
  now = new Date(),
): Promise<string | null> {
  const feed = await findCalendarFeedByTokenHash(sys, hashFeedToken(token));
  if (!feed || feed.revokedAt) return null;
  const db = forTenant(sys, feed.tenantId);
  // A person who left the business loses their feed.
  if (
    feed.userId &&
    !(await db.membership.findFirst({
      where: { tenantId: feed.tenantId, userId: feed.userId },
      select: { id: true },
    }))
  )
    return null;
  const leads = await db.lead.findMany({
    where: {
      tenantId: feed.tenantId,
      status: "booked",
      isTest: false,
      appointmentAt: { gte: new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000) },
      ...(feed.userId ? { ownerId: feed.userId } : {}),
    },
    orderBy: { appointmentAt: "asc" },
    take: 2000,
  });
  const person = await tenantPerson(db, feed.userId);
  const calendar = ical({
    name: person ? `${feed.tenant.name} — ${person.name}'s visits` : `${feed.tenant.name} — booked visits`,
    prodId: { company: "LeadRescue", product: "Booked visits", language: "EN" },
    timezone: feed.tenant.timeZone,
    ttl: 15 * 60,
  });
  for (const lead of leads) {
    const start = lead.appointmentAt!;
    const link = `${env.PUBLIC_BASE_URL}/t/${feed.tenant.slug}/leads/${lead.id}`;
    const caller = callerLabel(lead);
    calendar.createEvent({
      id: `${lead.id}@leadrescue`,
      start,
      end: new Date(start.getTime() + VISIT_MINUTES * 60_000),
      stamp: lead.updatedAt,
      summary: `Visit: ${caller}${lead.issueSummary ? ` — ${lead.issueSummary}` : ""}`,
      location: lead.address ?? null,
      description: [
        `Caller: ${caller} (${phoneLabel(lead.callerPhone)})`,
        `Issue: ${lead.issueSummary ?? "not given"}`,
        `Address: ${lead.address ?? "not given"}`,
        `Lead: ${link}`,
      ].join("\n"),
      url: link,
    });
  }
  return calendar.toString();
}
