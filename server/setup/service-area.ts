// The service area: ZIP codes the business serves, added one by one, pasted as a list, or as
// "every ZIP within N miles of ZIP X". City and state come from the zipcodes data set.
import zipcodes from "zipcodes";
import { AppError } from "@/server/errors";
import type { TenantCtx } from "@/server/db/tenant-scope";

export type ZipInfo = { zip: string; city: string; state: string };

export const MAX_RADIUS_MILES = 100;

export function lookupZip(raw: string, field = "zip"): ZipInfo {
  const zip = raw.trim();
  if (!/^\d{5}$/.test(zip))
    throw new AppError("BAD_REQUEST", `ZIP ${zip || "(blank)"} is not 5 digits.`, field);
  const hit = zipcodes.lookup(zip);
  if (!hit || hit.country !== "US")
    throw new AppError("BAD_REQUEST", `ZIP ${zip} is not a known US ZIP code.`, field);
  return { zip, city: hit.city, state: hit.state };
}

/** Splits a pasted list on commas, spaces, semicolons and new lines; reports every bad entry. */
export function parseZipList(text: string): {
  valid: ZipInfo[];
  invalid: { input: string; reason: string }[];
} {
  const valid = new Map<string, ZipInfo>();
  const invalid: { input: string; reason: string }[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    try {
      const info = lookupZip(token);
      valid.set(info.zip, info);
    } catch (err) {
      invalid.push({ input: token, reason: (err as Error).message });
    }
  }
  return { valid: [...valid.values()], invalid };
}

export function zipsWithinRadius(center: string, miles: number): ZipInfo[] {
  const origin = lookupZip(center, "center");
  if (!Number.isFinite(miles) || miles <= 0 || miles > MAX_RADIUS_MILES) {
    throw new AppError("BAD_REQUEST", `Radius must be between 1 and ${MAX_RADIUS_MILES} miles.`, "miles");
  }
  const found = (zipcodes.radius(origin.zip, miles) as string[])
    .map((z) => lookupZipSafe(z))
    .filter((z): z is ZipInfo => z !== null);
  if (!found.some((z) => z.zip === origin.zip)) found.unshift(origin);
  return found.sort((a, b) => a.zip.localeCompare(b.zip));
}

function lookupZipSafe(zip: string): ZipInfo | null {
  try {
    return lookupZip(zip);
  } catch {
    return null;
  }
}

/** Marks which previewed ZIPs the business already serves, so the owner sees what is new. */
export async function markServed(
  { db }: Pick<TenantCtx, "db">,
  zips: ZipInfo[],
): Promise<(ZipInfo & { served: boolean })[]> {
  if (zips.length === 0) return [];
  const rows = await db.serviceZip.findMany({
    where: { zip: { in: zips.map((z) => z.zip) } },
    select: { zip: true },
  });
  const served = new Set(rows.map((r) => r.zip));
  return zips.map((z) => ({ ...z, served: served.has(z.zip) }));
}

export async function addServiceZips(
  { db, tenantId }: TenantCtx,
  zips: ZipInfo[],
): Promise<{ added: number; alreadyThere: number }> {
  if (zips.length === 0) throw new AppError("BAD_REQUEST", "No valid ZIP codes to add.", "zips");
  const { count } = await db.serviceZip.createMany({
    data: zips.map((z) => ({ ...z, tenantId })),
    skipDuplicates: true,
  });
  return { added: count, alreadyThere: zips.length - count };
}

export async function removeServiceZips({ db }: Pick<TenantCtx, "db">, zips: string[]) {
  const { count } = await db.serviceZip.deleteMany({ where: { zip: { in: zips } } });
  return { removed: count };
}

export async function isInServiceArea({ db }: Pick<TenantCtx, "db">, zip: string): Promise<boolean> {
  return (await db.serviceZip.count({ where: { zip } })) > 0;
}
