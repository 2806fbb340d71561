// The tenant's numbers: tracking numbers callers dial (unique across all tenants), the
// plumber's phone that rings first, and an optional on-call phone for emergencies.
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { AppError } from "@/server/errors";
import type { TenantCtx } from "@/server/db/tenant-scope";

/** Normalises what a person typed ("(512) 555-0142") to E.164 ("+15125550142"). */
export function toE164(input: string, field: string): string {
  const trimmed = input.trim();
  if (!trimmed) throw new AppError("BAD_REQUEST", "Enter a phone number.", field);
  const parsed = parsePhoneNumberFromString(trimmed, "US");
  if (!parsed || !parsed.isValid()) {
    throw new AppError("BAD_REQUEST", `"${trimmed}" is not a valid phone number. Use a 10-digit US number or +country code.`, field);
  }
  return parsed.number;
}

/** Said for another business's number: it does not say the number is anyone's, so nothing can be probed. */
export const NUMBER_UNAVAILABLE = (e164: string) => `${e164} can't be added. If this is your number, contact support.`;

export async function addTrackingNumber({ db, tenantId }: TenantCtx, input: { number: string; label?: string }) {
  const e164 = toE164(input.number, "number");
  if (await db.trackingNumber.findFirst({ where: { e164 }, select: { id: true } })) throw new AppError("CONFLICT", `${e164} is already one of your tracking numbers.`, "number");
  try {
    return await db.trackingNumber.create({ data: { tenantId, e164, label: input.label?.trim() || null } });
  } catch (err) {
    // Tracking numbers are unique across all businesses (the number a caller dials decides whose
    // call it is): the unique key refuses a number another business already has, without saying so.
    if ((err as { code?: string }).code === "P2002") throw new AppError("CONFLICT", NUMBER_UNAVAILABLE(e164), "number");
    throw err;
  }
}

export async function removeTrackingNumber({ db }: Pick<TenantCtx, "db">, id: string) {
  const { count } = await db.trackingNumber.deleteMany({ where: { id } });
  if (count === 0) throw new AppError("NOT_FOUND", "That tracking number was not found.");
}

export async function setForwardingPhones(
  { db, tenantId }: Pick<TenantCtx, "db" | "tenantId">,
  input: { plumberPhone: string; onCallPhone?: string | null },
) {
  const plumberPhone = toE164(input.plumberPhone, "plumberPhone");
  const onCallPhone = input.onCallPhone?.trim() ? toE164(input.onCallPhone, "onCallPhone") : null;
  return db.tenant.update({ where: { id: tenantId }, data: { plumberPhone, onCallPhone }, select: { plumberPhone: true, onCallPhone: true } });
}
