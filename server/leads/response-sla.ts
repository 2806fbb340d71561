// Source-specific response SLAs: how soon the first
// next action is due. Missed calls and phone leads: immediately; web forms: within 15 minutes;
// referrals: gently, within a day; marketplace leads (Angi, Thumbtack, Google Local Services):
// aggressively, within 5 minutes, because the same request went to other plumbers too.
import type { LeadSource } from "@/server/db/generated/enums";

export const RESPONSE_SLA_MINUTES: Record<LeadSource, number> = {
  phone: 0,
  sms: 0,
  web_form: 15,
  referral: 24 * 60,
  manual: 60,
  marketplace: 5,
};

export function firstResponseDueAt(source: LeadSource, createdAt: Date): Date {
  return new Date(createdAt.getTime() + RESPONSE_SLA_MINUTES[source] * 60_000);
}

export function firstNextAction(source: LeadSource): string {
  if (source === "web_form") return "Reply to the web form inquiry";
  if (source === "referral") return "Call the referred customer personally";
  if (source === "sms") return "Reply to the text";
  if (source === "marketplace") return "Reply to the marketplace request now";
  return "Call the customer back";
}
