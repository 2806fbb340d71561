// A caller clicked the booking link of a text: the click goes on the lead's timeline (the
// report counts replies and bookings where trackable), once per link per hour, then the caller goes to the target stored on the
// link when the text was written. Unknown, expired and non-web links go nowhere.
import { findTrackedLink } from "@/server/db/cross-tenant";
import { forTenant, type SystemDb } from "@/server/db/system";
import { isWebAddress } from "./link-target";
import { onLinkOpened } from "@/server/followups/approval-queue";
import { retryOnConflict } from "@/server/leads/apply-lead-change";
import { enqueueWebhookDeliveries } from "@/server/webhooks/outbox";

/** A link's clicks go on the timeline at most once in this long. */
export const CLICK_EVENT_EVERY_MS = 3_600_000;

export type FollowedLink = { target: string } | { error: "unknown" | "expired" };

export async function followLink(sys: SystemDb, token: string, now = new Date()): Promise<FollowedLink> {
  if (!/^[\w-]{10,64}$/.test(token)) return { error: "unknown" };
  const link = await findTrackedLink(sys, token);
  if (!link || !isWebAddress(link.target)) return { error: "unknown" };
  if (link.expiresAt <= now) return { error: "expired" };
  // One click event per link per hour: the claim of the hour is one conditional update, so a
  // caller tapping twice, a link preview and a prefetch add one event between them. Opening the
  // link is engagement: with the claim, the click and the lead's change (the temperature, with its
  // reason on the timeline) go through the leads writer, read again if the lead changed meanwhile.
  const db = forTenant(sys, link.tenantId);
  const webhookIds = await retryOnConflict(() =>
    db.$transaction(async (tx) => {
      const claimed = await tx.trackedLink.updateMany({
        where: {
          id: link.id,
          OR: [
            { lastClickAt: null },
            { lastClickAt: { lte: new Date(now.getTime() - CLICK_EVENT_EVERY_MS) } },
          ],
        },
        data: { lastClickAt: now },
      });
      if (claimed.count === 0) return [];
      return onLinkOpened(tx, { tenantId: link.tenantId, now }, link.leadId, {
        type: "sms.link_clicked",
        data: { url: link.target },
      });
    }),
  );
  await enqueueWebhookDeliveries(webhookIds);
  return { target: link.target };
}
