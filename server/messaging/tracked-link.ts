// The booking / quote link in a text-back goes through /r/<token>, so a click lands on the lead's
// timeline before the caller is sent on to the tenant's page. The token is the lead id with an
// HMAC (AUTH_SECRET): nothing to store, and nobody can forge a click for another lead.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/server/env";
import { publicUrl } from "@/server/integrations/twilio-webhook";

function mac(leadId: string, secret: string): string {
  return createHmac("sha256", secret).update(`lead-link:${leadId}`).digest("base64url").slice(0, 16);
}

export function linkToken(leadId: string, secret = env.AUTH_SECRET): string {
  return `${leadId}.${mac(leadId, secret)}`;
}

/** The lead id, or null when the token was not made by us. */
export function leadIdFromToken(token: string, secret = env.AUTH_SECRET): string | null {
  const [leadId, sig, extra] = token.split(".");
  if (!leadId || !sig || extra !== undefined || !/^[a-z0-9]{10,40}$/i.test(leadId)) return null;
  const want = Buffer.from(mac(leadId, secret));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got) ? leadId : null;
}

export function trackedLinkUrl(leadId: string): string {
  return publicUrl(`/r/${linkToken(leadId)}`);
}
