// Builds the body of a templated text for a lead: the tenant's template (or the default), its
// variables filled in, STOP wording guaranteed.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { phoneLabel } from "@/server/leads/labels";
import { firstName, renderTemplate, type TemplatePurpose } from "./render-template";
import type { Settings } from "./messaging-settings";
import { repeatableName } from "@/server/text/caller-words";

/** Used when the tenant has no booking link yet: nothing to link, so ask for a reply instead. */
export const TEXT_BACK_WITHOUT_LINK =
  "Hi{name_prefix}, this is {business}. Sorry we missed your call! Reply to this text or call us back at {phone} and we'll help right away.";

/** "Tue, Dec 1 at 9:00 AM" in the tenant's time zone. */
export function formatAppointment(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), "EEE, MMM d 'at' h:mm a");
}

export type ComposeInput = {
  purpose: TemplatePurpose;
  settings: Settings;
  tenant: { name: string; timeZone: string };
  lead: { id: string; callerName: string | null; appointmentAt: Date | null };
  /** The number the text comes from (the tracking number); HELP/contact default. */
  from: string;
  /** The tracked /r/ link for this text (createTrackedLink), when the business has a booking link. */
  link?: string | null;
};

/** The template a text is built from: the default text-back becomes the reply-or-call-back one while there is no booking link. The settings preview uses the same choice. */
export function effectiveTemplate(
  purpose: TemplatePurpose,
  template: string,
  o: { bookingUrl: string | null; customized: boolean },
): string {
  return purpose === "text_back" && !o.bookingUrl && !o.customized ? TEXT_BACK_WITHOUT_LINK : template;
}

export function composeText(input: ComposeInput): string {
  const { settings, lead, tenant } = input;
  const template = effectiveTemplate(input.purpose, settings.templates[input.purpose], {
    bookingUrl: settings.bookingUrl,
    customized: settings.customized.includes(input.purpose),
  });
  return renderTemplate(template, {
    business: tenant.name,
    name: repeatableName(firstName(lead.callerName)),
    link: settings.bookingUrl ? (input.link ?? null) : null,
    appointment: lead.appointmentAt ? formatAppointment(lead.appointmentAt, tenant.timeZone) : null,
    // Said as people write it: "(512) 555-0100", not "+15125550100".
    phone: phoneLabel(settings.contactPhone ?? input.from),
  });
}
