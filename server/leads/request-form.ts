// The public request form (`/q/<slug>`): a visitor asks for a plumber. The submission goes
// through the one leads writer as a `web_form` lead (routed, owned, due within the web form's
// 15 minutes, on the timeline, `lead.created`), with the SMS consent wording the visitor agreed
// to stored as a consent record. Spam is refused without outside services — a hidden field only
// bots fill, a minimum fill time proved by a signed token, and per-address and per-phone limits
// counted in the database — and every refusal says what to do; the page keeps what was typed.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
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
  /** A page shown longer ago than this no longer sends: its token is out of date. */
  tokenMaxAgeMs: 24 * 60 * 60_000,
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

export type FormRefusalReason =
  "honeypot" | "too_fast" | "page_expired" | "already_sent" | "ip_limit" | "phone_limit";

/** A refused submission: nothing was stored, and the message tells a person what to do. */
export class FormRefusal extends AppError {
  constructor(
    readonly reason: FormRefusalReason,
    message: string,
    readonly retryAfterSeconds?: number,
    /** A fresh token for the page, when pressing Send again should work (an out-of-date page). */
    readonly token?: string,
  ) {
    super(
      reason === "ip_limit" || reason === "phone_limit"
        ? "TOO_MANY_REQUESTS"
        : reason === "already_sent"
          ? "CONFLICT"
          : "BAD_REQUEST",
      message,
    );
  }
}

const sign = (slug: string, shownAt: number, nonce: string) =>
  createHmac("sha256", env.AUTH_SECRET)
    .update(`request-form|${slug}|${shownAt}|${nonce}`)
    .digest("base64url");

/**
 * The token the page carries: when it was shown and a random name for this one request, signed,
 * so a script can neither claim it waited nor make up a fresh request. One token makes one lead:
 * sending it again (a double-click, a retry after a lost answer) answers with that same lead.
 */
export function formToken(slug: string, shownAt = Date.now()): string {
  const nonce = randomBytes(12).toString("base64url");
  return `${shownAt}.${nonce}.${sign(slug, shownAt, nonce)}`;
}

/** When the form was shown and the request's name, or null for a missing, forged or older-style token. */
function readToken(slug: string, token: string): { shownAt: number; nonce: string } | null {
  const [at, nonce, mac, ...rest] = token.split(".");
  const shownAt = Number(at);
  if (!Number.isSafeInteger(shownAt) || !nonce || !mac || rest.length || !/^[\w-]{16}$/.test(nonce))
    return null;
  const expected = Buffer.from(sign(slug, shownAt, nonce));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { shownAt, nonce } : null;
}

/** What a repeat of this request must match to be the same request (the token and hidden field aside). */
function requestHash(input: z.output<typeof ZRequestFormInput>, phone: string, zip: string): string {
  const { name, email, problem, preferredTime, smsConsent } = input;
  return createHash("sha256")
    .update(JSON.stringify([name, phone, email, zip, problem, preferredTime, smsConsent]))
    .digest("base64url");
}

export type RequestFormBusiness = NonNullable<Awaited<ReturnType<typeof findRequestFormBusiness>>>;

export type RequestFormResult = (
  | { outcome: "received"; leadId: string; business: string }
  | {
      outcome: "out_of_area";
      leadId: string;
      business: string;
      message: string;
      /** The page's token for a corrected request (the visitor fixes a mistyped ZIP and sends again). */
      token: string;
    }
) & {
  /** False when this was the same request again (same token, same words): the first one's lead. */
  created: boolean;
};

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
  const token = readToken(business.slug, input.token);
  if (token === null || now.getTime() - token.shownAt < FORM_LIMITS.minFillMs) {
    throw new FormRefusal(
      "too_fast",
      "That was sent faster than a person can fill in the form, so it was not sent. Check your details and press Send request again.",
      undefined,
      // A page from before a deploy (or a made-up token) gets one that works a few seconds from
      // now, as loading the page again would give, so pressing Send again is not refused forever.
      token === null ? formToken(business.slug, now.getTime()) : undefined,
    );
  }
  const db = forTenant(ctx.sys, business.id);
  const sourceRef = `form:${token.nonce}`;
  const hash = requestHash(input, phone, zip);
  const answer = (lead: { id: string; inArea: boolean | null }, created: boolean): RequestFormResult =>
    lead.inArea === false
      ? {
          outcome: "out_of_area",
          leadId: lead.id,
          business: business.name,
          message: outOfAreaDecline(business.name, zip),
          // The visitor already waited on this page: a corrected request may go at once.
          token: formToken(business.slug, token.shownAt),
          created,
        }
      : { outcome: "received", leadId: lead.id, business: business.name, created };
  /** The same request again answers with its lead; anything else sent under its token is refused. */
  const sentBefore = async (
    lead: { id: string; inArea: boolean | null },
    tx: Pick<typeof db, "leadEvent"> = db,
  ) => {
    const created = await tx.leadEvent.findFirst({
      where: { leadId: lead.id, type: "lead.created" },
      select: { data: true },
    });
    if ((created?.data as { requestHash?: string } | null)?.requestHash === hash) return answer(lead, false);
    throw new FormRefusal(
      "already_sent",
      `This page already sent a request. To send another one, reload the page, or ${callUs}.`,
    );
  };
  const earlier = await db.lead.findFirst({ where: { sourceRef }, select: { id: true, inArea: true } });
  if (earlier) return sentBefore(earlier);
  if (now.getTime() - token.shownAt > FORM_LIMITS.tokenMaxAgeMs) {
    throw new FormRefusal(
      "page_expired",
      "This page was open too long to send, so the request was not sent. Your details are still here: press Send request again.",
      undefined,
      formToken(business.slug, now.getTime() - FORM_LIMITS.minFillMs),
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

  const inArea = await zipServed(db, zip);
  const clock = await businessClock(db, business.id);
  const wording = smsConsentWording(business.name);
  const written = await db.$transaction(async (tx) => {
    const written = await insertLead(
      tx,
      { tenantId: business.id, actorId: null, now },
      {
        source: "web_form",
        sourceRef,
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
        // Two copies of one request at once (a double-click) make one lead: the database's unique
        // key on the lead's source reference decides.
        once: true,
        createdData: {
          via: "request_form",
          requestHash: hash,
          smsConsent: input.smsConsent,
          ...(input.smsConsent ? { consentWording: wording } : {}),
        },
      },
    );
    if (!written.created) return { ...written, repeat: await sentBefore(written.lead, tx) };
    if (input.smsConsent)
      await recordConsent(tx, {
        tenantId: business.id,
        phone,
        optedOut: false,
        source: "web_form",
        detail: wording,
        at: now,
      });
    return { ...written, repeat: null };
  });
  if (written.repeat) return written.repeat;
  await enqueueWebhookDeliveries(written.webhookIds);
  return answer(written.lead, true);
}
