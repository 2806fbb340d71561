// The business's own words for speech recognition, kept cheap: the name, services and service-area
// ZIPs are already loaded for every turn (voice-flow's call context); the street names of past
// leads' addresses are one query per business per 10 minutes in each process (a small cache).
import zipcodes from "zipcodes";
import type { TenantDb } from "@/server/db/tenant-scope";
import { businessHints, commonStreets } from "@/server/voice/speech-hints";

const STREETS_TTL_MS = 10 * 60_000;
/** Recent addresses read to find the common streets. */
const ADDRESS_SAMPLE = 300;

const g = globalThis as unknown as {
  __leadrescueStreetHints?: Map<string, { at: number; streets: string[] }>;
};
const cache = (g.__leadrescueStreetHints ??= new Map());

async function streetsOf(db: TenantDb, tenantId: string, now: number): Promise<string[]> {
  const hit = cache.get(tenantId);
  if (hit && now - hit.at < STREETS_TTL_MS) return hit.streets;
  const rows = await db.lead.findMany({
    where: { address: { not: null }, isTest: false },
    orderBy: { createdAt: "desc" },
    take: ADDRESS_SAMPLE,
    select: { address: true },
  });
  const streets = commonStreets(rows.map((r) => r.address!));
  cache.set(tenantId, { at: now, streets });
  return streets;
}

/** The cities of the service-area ZIPs, most ZIPs first. */
export function citiesOf(zips: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const zip of zips) {
    const city = zipcodes.lookup(zip)?.city;
    if (city) counts.set(city, (counts.get(city) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}

export async function speechHintsFor(
  db: TenantDb,
  tenantId: string,
  loaded: { businessName: string; services: readonly string[]; serviceZips: readonly string[] },
): Promise<string[]> {
  let streets: string[] = [];
  try {
    streets = await streetsOf(db, tenantId, Date.now());
  } catch {
    // Hints only help recognition; a call never waits on them.
  }
  return businessHints({
    businessName: loaded.businessName,
    services: loaded.services,
    cities: citiesOf(loaded.serviceZips),
    streets,
  });
}

/** Tests: forget the cached streets. */
export function clearSpeechHintsCache(): void {
  cache.clear();
}
