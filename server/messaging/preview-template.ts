// The live preview on the settings page: a template rendered with this business's name and a
// sample caller, plus what a person needs to know (length in texts, unknown variables).
import { TZDate } from "@date-fns/tz";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { upcomingSlots, type WeeklySlot } from "@/server/voice/booking-slots";
import { effectiveTemplate, formatAppointment } from "./compose-text";
import { DEFAULT_TEMPLATES, renderTemplate, unknownVariables, type TemplatePurpose } from "./render-template";
import { publicUrl } from "@/server/integrations/twilio-webhook";
import { phoneLabel } from "@/server/leads/labels";

/** A link of the real /r/<token> form (16 random bytes, base64url) for the preview. */
const SAMPLE_LINK_TOKEN = "Xq3v9LbT0aZk2mPw8RyN1c";

export const SAMPLE_CALLER = { name: "Maria" };
/** Where the preview's {phone} stands while the business has no tracking or contact number. */
export const NO_NUMBER_YET = "[your tracking number]";

/** The preview's visit: the business's next booking slot a day or more away, else 10 AM its time two days out. */
export function sampleVisitAt(slots: readonly WeeklySlot[], timeZone: string, now: Date): Date {
  const [slot] = upcomingSlots(slots, { timeZone, now, count: 1, minNoticeMinutes: 24 * 60 });
  if (slot) return new Date(slot.startsAt);
  const today = new TZDate(now.getTime(), timeZone);
  return new Date(
    new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + 2, 10, 0, 0, 0, timeZone).getTime(),
  );
}

/** GSM-7 texts split at 153 characters per part once longer than 160. */
export function segmentsOf(text: string): number {
  return text.length <= 160 ? 1 : Math.ceil(text.length / 153);
}

export async function previewTemplate(
  ctx: TenantCtx,
  input: { purpose: TemplatePurpose; template: string; bookingUrl?: string | null },
  now: Date = new Date(),
) {
  const tenant = await ctx.db.tenant.findUniqueOrThrow({
    where: { id: ctx.tenantId },
    select: { name: true, timeZone: true },
  });
  const tracking = await ctx.db.trackingNumber.findFirst({
    orderBy: { createdAt: "asc" },
    select: { e164: true },
  });
  const settings = await ctx.db.messagingSettings.findUnique({
    where: { tenantId: ctx.tenantId },
    select: { contactPhone: true },
  });
  const slots = await ctx.db.bookingSlot.findMany({
    select: { weekday: true, startMinute: true, endMinute: true },
  });
  const callBackAt = settings?.contactPhone ?? tracking?.e164 ?? null;
  // Exactly what would be sent: the same template choice and a link of the real form.
  const template = effectiveTemplate(input.purpose, input.template, {
    bookingUrl: input.bookingUrl ?? null,
    customized: input.template !== DEFAULT_TEMPLATES[input.purpose],
  });
  const text = renderTemplate(template, {
    business: tenant.name,
    name: SAMPLE_CALLER.name,
    link: input.bookingUrl ? publicUrl(`/r/${SAMPLE_LINK_TOKEN}`) : null,
    appointment: formatAppointment(sampleVisitAt(slots, tenant.timeZone, now), tenant.timeZone, slots),
    // No number yet: a stand-in that cannot be taken for a real one (never another business's number).
    phone: callBackAt ? phoneLabel(callBackAt) : NO_NUMBER_YET,
  });
  return {
    purpose: input.purpose,
    text,
    length: text.length,
    segments: segmentsOf(text),
    unknown: unknownVariables(input.template),
    missingLink: input.purpose === "text_back" && !!input.bookingUrl && !input.template.includes("{link}"),
    /** The text gives a number to call, and the business has none yet. */
    noNumberYet: !callBackAt && text.includes(NO_NUMBER_YET),
  };
}
