// The tenant's numbers: tracking numbers callers dial (unique across all tenants), the
// plumber's phone that rings first, and an optional on-call phone for emergencies.
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { AppError } from "@/server/errors";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { phoneLabel } from "@/server/leads/labels";
import { trackingNumberUse } from "@/server/db/tracking-number-use";

/** Normalises what a person typed ("(512) 555-0142") to E.164 ("+15125550142"). */
export function toE164(input: string, field: string): string {
  const trimmed = input.trim();
  if (!trimmed) throw new AppError("BAD_REQUEST", "Enter a phone number.", field);
  const parsed = parsePhoneNumberFromString(trimmed, "US");
  if (!parsed || !parsed.isValid()) {
    throw new AppError(
      "BAD_REQUEST",
      `"${trimmed}" is not a valid phone number. Use a 10-digit US number or +country code.`,
      field,
    );
  }
  return parsed.number;
}

/** Said for another business's number: it does not say whose it is (or that it is anyone's), so nothing can be probed. */
export const NUMBER_UNAVAILABLE = (e164: string) =>
  `${phoneLabel(e164)} can't be added as a tracking number. If this is your number, contact support.`;

export async function addTrackingNumber(
  { db, tenantId }: TenantCtx,
  input: { number: string; label?: string },
) {
  const e164 = toE164(input.number, "number");
  if (await db.trackingNumber.findFirst({ where: { e164 }, select: { id: true } }))
    throw new AppError("CONFLICT", `${phoneLabel(e164)} is already one of your tracking numbers.`, "number");
  // The phone that rings first (or the on-call phone) as the number callers dial: every call would ring itself.
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { plumberPhone: true, onCallPhone: true },
  });
  if (tenant.plumberPhone === e164)
    throw new AppError(
      "BAD_REQUEST",
      `${phoneLabel(e164)} is your plumber's phone. Calls to the tracking number ring the plumber's phone, so it must be a different number.`,
      "number",
    );
  if (tenant.onCallPhone === e164)
    throw new AppError(
      "BAD_REQUEST",
      `${phoneLabel(e164)} is your on-call phone. Emergencies are transferred to the on-call phone, so the tracking number must be a different number.`,
      "number",
    );
  try {
    return await db.trackingNumber.create({ data: { tenantId, e164, label: input.label?.trim() || null } });
  } catch (err) {
    // Tracking numbers are unique across all businesses (the number a caller dials decides whose
    // call it is): the unique key refuses a number another business already has, without saying so.
    if ((err as { code?: string }).code === "P2002")
      throw new AppError("CONFLICT", NUMBER_UNAVAILABLE(e164), "number");
    throw err;
  }
}

/** Removes one of the business's tracking numbers and says which it was (for the audit log). */
export async function removeTrackingNumber({ db }: Pick<TenantCtx, "db">, id: string) {
  const number = await db.trackingNumber.findFirst({ where: { id }, select: { e164: true } });
  const { count } = await db.trackingNumber.deleteMany({ where: { id } });
  if (count === 0 || !number) throw new AppError("NOT_FOUND", "That tracking number was not found.");
  return number;
}

export async function setForwardingPhones(
  { db, tenantId }: Pick<TenantCtx, "db" | "tenantId">,
  input: { plumberPhone: string; onCallPhone?: string | null },
) {
  // Every field's error at once: both phones are checked before anything is refused.
  const errors: { field: string; message: string }[] = [];
  const parse = (value: string | null | undefined, field: string): string | null => {
    if (field === "onCallPhone" && !value?.trim()) return null;
    try {
      return toE164(value ?? "", field);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      errors.push({ field, message: err.message });
      return null;
    }
  };
  const plumberPhone = parse(input.plumberPhone, "plumberPhone");
  const onCallPhone = parse(input.onCallPhone, "onCallPhone");
  // A phone that is a tracking number (ours or any business's) would send every call round in a loop.
  for (const [field, e164, what] of [
    ["plumberPhone", plumberPhone, "plumber's phone"],
    ["onCallPhone", onCallPhone, "on-call phone"],
  ] as const) {
    if (!e164) continue;
    const owner = await trackingNumberUse(db, e164);
    if (owner === "ours")
      errors.push({
        field,
        message: `${phoneLabel(e164)} is one of your tracking numbers. The ${what} must be a different phone, or every call would ring itself in a loop.`,
      });
    else if (owner)
      errors.push({
        field,
        message: `${phoneLabel(e164)} can't be used as the ${what}. Use the mobile or office phone that should ring.`,
      });
  }
  if (errors.length || !plumberPhone)
    throw new AppError("BAD_REQUEST", errors.map((e) => e.message).join(" "), errors[0]?.field, errors);
  return db.tenant.update({
    where: { id: tenantId },
    data: { plumberPhone, onCallPhone },
    select: { plumberPhone: true, onCallPhone: true },
  });
}
