// The booking / quote link in a text goes through /r/<token>, so a click lands on the lead's
// timeline before the caller is sent on. The target is fixed when the text is written (stored on
// the link, never read from today's settings), only http(s) targets are allowed, and a link
// expires (90 days by default). The token is 128 random bits: nobody can guess another lead's link.
import { randomBytes } from "node:crypto";
import type { TenantDb } from "@/server/db/tenant-scope";
import { publicUrl } from "@/server/integrations/twilio-webhook";
import { isWebAddress } from "./link-target";

export const LINK_LIFETIME_DAYS = 90;

export type NewTrackedLink = {
  tenantId: string;
  leadId: string;
  target: string;
  now?: Date;
  lifetimeDays?: number;
};

/** Stores a link for this lead and target; returns its public /r/<token> address. */
export async function createTrackedLink(
  db: Pick<TenantDb, "trackedLink">,
  link: NewTrackedLink,
): Promise<string> {
  if (!isWebAddress(link.target))
    throw new Error(`Booking link "${link.target.slice(0, 60)}" is not an http(s) address.`);
  const now = link.now ?? new Date();
  const token = randomBytes(16).toString("base64url");
  const expiresAt = new Date(now.getTime() + (link.lifetimeDays ?? LINK_LIFETIME_DAYS) * 86_400_000);
  await db.trackedLink.create({
    data: {
      token,
      tenantId: link.tenantId,
      leadId: link.leadId,
      target: link.target,
      createdAt: now,
      expiresAt,
    },
  });
  return publicUrl(`/r/${token}`);
}
