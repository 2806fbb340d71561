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

/** A weekly booking slot as stored: weekday 0 = Sunday, minutes after local midnight. */
export type WeeklyWindow = { weekday: number; startMinute: number; endMinute: number };

function clock(minutes: number, withSuffix: boolean): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const time = m === 0 ? `${h12}` : `${h12}:${String(m).padStart(2, "0")}`;
  return withSuffix ? `${time} ${h < 12 ? "AM" : "PM"}` : time;
}

/**
 * The visit as the customer was promised it, in the tenant's time zone: a time that starts one of
 * the business's booking slots is that slot's window, "Tue, Dec 8, between 9 and 11 AM" (the AI
 * offers windows and the plumber comes some time inside it, so "at 9:00 AM" would promise more);
 * any other time is the custom time the office agreed, "Tue, Dec 8 at 9:00 AM".
 */
export function formatAppointment(at: Date, timeZone: string, slots: readonly WeeklyWindow[] = []): string {
  const local = new TZDate(at.getTime(), timeZone);
  const day = format(local, "EEE, MMM d");
  const start = local.getHours() * 60 + local.getMinutes();
  const slot = slots.find(
    (s) => s.weekday === local.getDay() && s.startMinute === start && s.endMinute > start,
  );
  if (!slot) return `${day} at ${format(local, "h:mm a")}`;
  const sameHalf = Math.floor(start / 720) === Math.floor(slot.endMinute / 720) && slot.endMinute < 24 * 60;
  return `${day}, between ${clock(start, !sameHalf)} and ${clock(slot.endMinute, true)}`;
}

export type ComposeInput = {
  purpose: TemplatePurpose;
  settings: Settings;
  tenant: { name: string; timeZone: string };
  lead: { id: string; callerName: string | null; appointmentAt: Date | null };
  /** The business's booking slots: a visit booked into one is named by its window. */
  slots?: readonly WeeklyWindow[];
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
    appointment: lead.appointmentAt
      ? formatAppointment(lead.appointmentAt, tenant.timeZone, input.slots)
      : null,
    // Said as people write it: "(512) 555-0100", not "+15125550100".
    phone: phoneLabel(settings.contactPhone ?? input.from),
  });
}
