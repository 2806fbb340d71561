// POST /api/v1/leads: a lead from a marketplace (Angi, Thumbtack, Google Local Services — through
// Zapier or their webhooks), a website's own form or an automation. It goes through the one
// leads writer like every other lead: routed, owned, due within its source's response time, on
// the timeline, `lead.created` to webhooks. The Idempotency-Key header makes retries safe: the
// same key answers the same lead (200 instead of 201); the same key with another body is refused
// (409), so two different leads never hide behind one key.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { LeadSource } from "@/server/db/generated/enums";
import type { TenantDb } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { MAX_EMAIL_LENGTH, normalizeEmail } from "@/server/leads/caller-email";
import { insertLead } from "@/server/leads/create-lead";
import { zipServed } from "@/server/leads/service-area-check";
import { recordConsent } from "@/server/messaging/consent";
import { toE164 } from "@/server/setup/phone-numbers";
import { lookupZip } from "@/server/setup/service-area";
import { enqueueWebhookDeliveries } from "@/server/webhooks/outbox";
import { leadJson } from "./lead-json";

/** What a caller may send as `source`, and the lead source each becomes. */
export const API_LEAD_SOURCES = {
  web_form: "web_form",
  referral: "referral",
  marketplace: "marketplace",
  angi: "marketplace",
  thumbtack: "marketplace",
  google_lsa: "marketplace",
  homeadvisor: "marketplace",
  yelp: "marketplace",
  nextdoor: "marketplace",
} as const satisfies Record<string, LeadSource>;
export type ApiLeadSource = keyof typeof API_LEAD_SOURCES;
const SOURCE_NAMES = Object.keys(API_LEAD_SOURCES) as [ApiLeadSource, ...ApiLeadSource[]];

export const ZIdempotencyHeaders = z.object({
  "Idempotency-Key": z
    .string({
      message:
        "The Idempotency-Key header is required: send a unique value per lead (e.g. the marketplace's lead id or a UUID).",
    })
    .trim()
    .min(
      1,
      "The Idempotency-Key header is required: send a unique value per lead (e.g. the marketplace's lead id or a UUID).",
    )
    .max(200, "The Idempotency-Key header is longer than 200 characters.")
    .regex(/^[\x21-\x7e]+$/, "The Idempotency-Key header may hold only visible ASCII characters, no spaces.")
    .meta({
      description:
        "A unique value per lead. Retrying with the same key answers the same lead (200); the same key with a different body is refused (409).",
    }),
});

const text = (field: string, max: number) =>
  z
    .string({ message: `${field} must be text` })
    .trim()
    .max(max, `${field} is longer than ${max} characters`);

export const ZPostLeadInput = z
  .object({
    source: z.enum(SOURCE_NAMES, { message: `source must be one of ${SOURCE_NAMES.join(", ")}` }).meta({
      description:
        "web_form, referral, or the marketplace (angi, thumbtack, google_lsa, homeadvisor, yelp, nextdoor, marketplace)",
    }),
    callerPhone: text("callerPhone", 40)
      .min(1, "callerPhone is required")
      .meta({ description: "A US number in any format, or +country code" }),
    callerName: text("callerName", 200).optional(),
    callerEmail: z
      .email({ message: "callerEmail must be an email address, like name@example.com" })
      .max(MAX_EMAIL_LENGTH, `callerEmail is longer than ${MAX_EMAIL_LENGTH} characters`)
      .optional()
      .meta({ description: "The customer's email address, for follow-up emails" }),
    zip: text("zip", 10)
      .optional()
      .meta({ description: "5 digits; checked against the service area (inArea)" }),
    issueSummary: text("issueSummary", 2000)
      .optional()
      .meta({ description: "The problem, in the customer's words" }),
    address: text("address", 300).optional(),
    preferredTime: text("preferredTime", 200).optional(),
    referredBy: text("referredBy", 200)
      .optional()
      .meta({ description: "Required with source referral: who referred the customer" }),
    notes: text("notes", 4000).optional(),
    smsConsent: z
      .object({
        wording: text("smsConsent.wording", 1000).min(
          10,
          "smsConsent.wording must be the exact consent text the customer agreed to",
        ),
      })
      .strict()
      .optional()
      .meta({
        description:
          "Only when the customer agreed to texts: the exact words they agreed to, stored with the consent record",
      }),
  })
  .strict()
  .meta({ id: "LeadCreate" });
export type PostLeadInput = z.infer<typeof ZPostLeadInput>;

/** The request's fingerprint: the validated body with its keys in a fixed order. */
function requestHash(input: PostLeadInput): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;
  return createHash("sha256")
    .update(JSON.stringify(canonical(input)))
    .digest("hex");
}

export async function postLead(
  ctx: { db: TenantDb; tenantId: string; keyId: string; now?: Date },
  idempotencyKey: string,
  input: PostLeadInput,
): Promise<Response> {
  const now = ctx.now ?? new Date();
  const source = API_LEAD_SOURCES[input.source];
  const callerPhone = toE164(input.callerPhone, "callerPhone");
  const zip = input.zip ? lookupZip(input.zip, "zip").zip : null;
  if (source === "referral" && !input.referredBy)
    throw new AppError(
      "BAD_REQUEST",
      "referredBy is required with source referral: referral leads keep who referred them.",
      "referredBy",
    );
  const hash = requestHash(input);
  const notes =
    [
      input.referredBy ? `Referred by ${input.referredBy}.` : null,
      input.preferredTime ? `Preferred time: ${input.preferredTime}.` : null,
      input.notes || null,
    ]
      .filter(Boolean)
      .join("\n") || null;
  const inArea = zip ? await zipServed(ctx.db, zip) : null;
  const channel = source === "marketplace" && input.source !== "marketplace" ? input.source : null;

  const result = await ctx.db.$transaction(async (tx) => {
    const written = await insertLead(
      tx,
      { tenantId: ctx.tenantId, actorId: `api_key:${ctx.keyId}`, now },
      {
        source,
        sourceRef: `api:${idempotencyKey}`,
        callerPhone,
        callerName: input.callerName || null,
        callerEmail: normalizeEmail(input.callerEmail),
        zip,
        inArea,
        issueSummary: input.issueSummary || null,
        address: input.address || null,
        notes,
      },
      {
        once: true,
        createdData: {
          via: "api",
          requestHash: hash,
          ...(channel ? { channel } : {}),
          smsConsent: Boolean(input.smsConsent),
          ...(input.smsConsent ? { consentWording: input.smsConsent.wording } : {}),
        },
      },
    );
    if (!written.created) {
      const created = await tx.leadEvent.findFirst({
        where: { leadId: written.lead.id, type: "lead.created" },
        select: { data: true },
      });
      if ((created?.data as { requestHash?: string } | null)?.requestHash !== hash) {
        throw new AppError(
          "CONFLICT",
          "This Idempotency-Key was already used for a different lead. Send a new key for a new lead, or repeat the original request exactly.",
          "Idempotency-Key",
        );
      }
    } else if (input.smsConsent) {
      await recordConsent(tx, {
        tenantId: ctx.tenantId,
        phone: callerPhone,
        optedOut: false,
        source: "api",
        detail: input.smsConsent.wording,
        at: now,
      });
    }
    return written;
  });
  await enqueueWebhookDeliveries(result.webhookIds);
  return Response.json({ data: leadJson(result.lead) }, { status: result.created ? 201 : 200 });
}
