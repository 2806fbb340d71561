// The public request form (`/q/<slug>`): a visitor asks for a plumber. The submission goes
// through the one leads writer as a `web_form` lead (routed, owned, due within the web form's
// 15 minutes, on the timeline, `lead.created`), with the SMS consent wording the visitor agreed
// to stored as a consent record. Spam is refused without outside services — a hidden field only
// bots fill, a minimum fill time proved by a signed token, and per-address and per-phone limits
// counted in the database — and every refusal says what to do; the page keeps what was typed.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "@/server/env";
import { findRequestFormBusiness } from "@/server/db/cross-tenant";
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
import { AppError } from "@/server/errors";
import { countRequest, RateLimited } from "@/server/api/api-auth";
import { addressLimitKey } from "@/server/http/client-address";
import { recordConsent } from "@/server/messaging/consent";
import { toE164 } from "@/server/setup/phone-numbers";
import { lookupZip } from "@/server/setup/service-area";
import { enqueueWebhookDeliveries } from "@/server/webhooks/outbox";
import { insertLead } from "./create-lead";
import { normalizeEmail, zCallerEmail } from "./caller-email";
import { phoneLabel } from "./labels";
import { outOfAreaDecline, zipServed } from "./service-area-check";
import { businessClock, officeDueAt } from "./business-hours";

export const FORM_LIMITS = {
  /** Faster than this from page load to Send is a script, not a person. */
  minFillMs: 3_000,
  /** Requests per connection (IP address; an IPv6 /64) per hour: an office or a family may share one. */
  perIpPerHour: 10,
  /** Requests per phone number per hour. */
  perPhonePerHour: 3,
};
const HOUR = 60 * 60_000;

export const PREFERRED_TIMES = [
  "As soon as possible",
  "Morning",
  "Afternoon",
  "Evening",
  "Any time",
] as const;

/** The exact words next to the checkbox; stored with the consent record when it is ticked. */
export function smsConsentWording(business: string): string {
  return `Yes, ${business} may send me text messages about this request at the number above. Message and data rates may apply. Reply STOP to opt out at any time.`;
}

export const ZRequestFormInput = z.object({
  name: z
    .string({ message: "Enter your name." })
    .trim()
    .min(1, "Enter your name.")
    .max(200, "Keep your name under 200 characters."),
  phone: z
    .string({ message: "Enter your phone number." })
    .trim()
    .min(1, "Enter your phone number.")
    .max(40, "That phone number is too long."),
  email: zCallerEmail("Enter your email address like name@example.com, or leave it empty.").default(""),
  zip: z
    .string({ message: "Enter your ZIP code." })
    .trim()
    .min(1, "Enter your ZIP code.")
    .max(10, "A ZIP code is 5 digits."),
  problem: z
    .string({ message: "Tell us briefly what the problem is." })
    .trim()
    .min(3, "Tell us briefly what the problem is.")
    .max(2000, "Keep the description under 2,000 characters."),
  preferredTime: z.enum(PREFERRED_TIMES, { message: "Pick a preferred time." }),
  smsConsent: z.boolean().default(false),
  /** The hidden field: people never see it, scripts fill it in. */
  website: z.string().max(500).default(""),
  /** Signed when the page was shown (formToken). */
  token: z.string().max(200).default(""),
});
export type RequestFormInput = z.input<typeof ZRequestFormInput>;

export type FormRefusalReason = "honeypot" | "too_fast" | "ip_limit" | "phone_limit";

/** A refused submission: nothing was stored, and the message tells a person what to do. */
export class FormRefusal extends AppError {
  constructor(
    readonly reason: FormRefusalReason,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(reason === "ip_limit" || reason === "phone_limit" ? "TOO_MANY_REQUESTS" : "BAD_REQUEST", message);
  }
}

const sign = (slug: string, shownAt: number) =>
  createHmac("sha256", env.AUTH_SECRET).update(`request-form|${slug}|${shownAt}`).digest("base64url");

/** The token the page carries: when it was shown, signed, so a script cannot claim it waited. */
export function formToken(slug: string, shownAt = Date.now()): string {
  return `${shownAt}.${sign(slug, shownAt)}`;
}

/** When the form was shown, or null for a missing or forged token. */
function shownAtOf(slug: string, token: string): number | null {
  const [at, mac] = token.split(".");
  const shownAt = Number(at);
  if (!Number.isSafeInteger(shownAt) || !mac) return null;
  const expected = Buffer.from(sign(slug, shownAt));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? shownAt : null;
}

export type RequestFormBusiness = NonNullable<Awaited<ReturnType<typeof findRequestFormBusiness>>>;

export type RequestFormResult =
  | { outcome: "received"; leadId: string; business: string }
  | { outcome: "out_of_area"; leadId: string; business: string; message: string };

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export async function submitRequestForm(
  ctx: { sys: SystemDb; business: RequestFormBusiness; ip: string | null; now?: Date },
  raw: unknown,
): Promise<RequestFormResult> {
  const now = ctx.now ?? new Date();
  const { business } = ctx;
  const callUs = business.phone
    ? `call ${business.name} at ${phoneLabel(business.phone)}`
    : `call ${business.name}`;
  const input = ZRequestFormInput.parse(raw);

  if (input.website.trim()) {
    throw new FormRefusal(
      "honeypot",
      `This request was not sent because a hidden field was filled in, which usually means it came from an automated program. If you are a person, please ${callUs}.`,
    );
  }
  // A person's typo is named at its field first; the timing and the limits come after.
  const phone = toE164(input.phone, "phone");
  const zip = lookupZip(input.zip, "zip").zip;
  const shownAt = shownAtOf(business.slug, input.token);
  if (shownAt === null || now.getTime() - shownAt < FORM_LIMITS.minFillMs) {
    throw new FormRefusal(
      "too_fast",
      "That was sent faster than a person can fill in the form, so it was not sent. Check your details and press Send request again.",
    );
  }

  // Counted only for a complete request, so fixing a typo never uses up a visitor's tries.
  const global = globalDb(ctx.sys);
  try {
    if (ctx.ip)
      await countRequest(
        global,
        `form-ip:${business.id}:${addressLimitKey(ctx.ip)}`,
        now,
        FORM_LIMITS.perIpPerHour,
        HOUR,
      );
  } catch (err) {
    if (!(err instanceof RateLimited)) throw err;
    throw new FormRefusal(
      "ip_limit",
      `We have received many requests from your connection in the last hour, so this one was not sent. Please try again in ${minutes(err.retryAfterSeconds)} minutes, or ${callUs}.`,
      err.retryAfterSeconds,
    );
  }
  try {
    await countRequest(global, `form-phone:${business.id}:${phone}`, now, FORM_LIMITS.perPhonePerHour, HOUR);
  } catch (err) {
    if (!(err instanceof RateLimited)) throw err;
    throw new FormRefusal(
      "phone_limit",
      `We already have several requests from ${phoneLabel(phone)} in the last hour, so this one was not sent. We will be in touch; if it is urgent, please ${callUs}.`,
      err.retryAfterSeconds,
    );
  }

  const db = forTenant(ctx.sys, business.id);
  const inArea = await zipServed(db, zip);
  const clock = await businessClock(db, business.id);
  const wording = smsConsentWording(business.name);
  const { lead, webhookIds } = await db.$transaction(async (tx) => {
    const written = await insertLead(
      tx,
      { tenantId: business.id, actorId: null, now },
      {
        source: "web_form",
        sourceRef: `form:${randomUUID()}`,
        callerPhone: phone,
        callerName: input.name,
        callerEmail: normalizeEmail(input.email),
        zip,
        inArea,
        issueSummary: input.problem,
        notes: `Preferred time: ${input.preferredTime}.`,
        // An out-of-area visitor is declined politely on the page, like a caller; the lead is
        // kept so the office sees it, with the next step to close it.
        ...(inArea
          ? {}
          : {
              status: "not_booked" as const,
              nextAction: "Close as out of area (the visitor was declined politely on the form)",
              dueAt: officeDueAt(now, new Date(now.getTime() + 24 * HOUR), clock),
            }),
      },
      {
        createdData: {
          via: "request_form",
          smsConsent: input.smsConsent,
          ...(input.smsConsent ? { consentWording: wording } : {}),
        },
      },
    );
    if (input.smsConsent)
      await recordConsent(tx, {
        tenantId: business.id,
        phone,
        optedOut: false,
        source: "web_form",
        detail: wording,
        at: now,
      });
    return written;
  });
  await enqueueWebhookDeliveries(webhookIds);
  return inArea
    ? { outcome: "received", leadId: lead.id, business: business.name }
    : {
        outcome: "out_of_area",
        leadId: lead.id,
        business: business.name,
        message: outOfAreaDecline(business.name, zip),
      };
}
