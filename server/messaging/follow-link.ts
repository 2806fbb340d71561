// A caller clicked the booking link of a text: the click goes on the lead's timeline (seed 003
// report: "replies/bookings where trackable"), then the caller goes to the target stored on the
// link when the text was written. Unknown, expired and non-web links go nowhere.
import { findTrackedLink } from "@/server/db/cross-tenant";
import { forTenant, type SystemDb } from "@/server/db/system";
import { isWebAddress } from "./link-target";
import { onLinkOpened } from "@/server/followups/approval-queue";

export type FollowedLink = { target: string } | { error: "unknown" | "expired" };

export async function followLink(sys: SystemDb, token: string, now = new Date()): Promise<FollowedLink> {
  if (!/^[\w-]{10,64}$/.test(token)) return { error: "unknown" };
  const link = await findTrackedLink(sys, token);
  if (!link || !isWebAddress(link.target)) return { error: "unknown" };
  if (link.expiresAt <= now) return { error: "expired" };
  const db = forTenant(sys, link.tenantId);
  await db.leadEvent.create({ data: { tenantId: link.tenantId, leadId: link.leadId, type: "sms.link_clicked", data: { url: link.target }, createdAt: now } });
  // Opening the link is engagement: the temperature is recomputed, with the reason on the timeline.
  await onLinkOpened(db, link.tenantId, link.leadId, now);
  return { target: link.target };
}
