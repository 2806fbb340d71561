// What a call reads about the business it reached, kept in memory in each process so a webhook
// answers without reading it again: by called number, the business, who a new missed call goes to
// and its follow-up sequence (/voice); by business, its service area, hours, slots and answers
// (each intake turn).
// Staleness: a settings write in this process drops every copy at once (server/db/settings-writes.ts);
// another instance keeps its copy at most CALL_SETTINGS_TTL_MS after the change (a copy read while
// a write was landing is kept SETTLE_MS only, in case the write's transaction had not committed).
import type { PromptProfile } from "@/server/db/generated/enums";
import { calledNumber } from "@/server/db/cross-tenant";
import { onCallSettingsChange } from "@/server/db/settings-writes";
import { forTenant, type SystemDb } from "@/server/db/system";
import type { TenantDb } from "@/server/db/tenant-scope";
import { routingKindFor, routingTarget } from "@/server/leads/routing";
import { getSequence, sequenceForSource, type Sequence } from "@/server/followups/sequences";
import { AGENCY_BRAND_SELECT } from "@/server/saas/branding";

/** How long another instance may go on using settings that changed. */
export const CALL_SETTINGS_TTL_MS = 10_000;
/** An entry read this soon after a write announcement may hold what the write's transaction had not committed yet. */
const SETTLE_MS = 1_000;

export type NumberSettings = {
  tenantId: string;
  name: string;
  plumberPhone: string | null;
  promptProfile: PromptProfile;
  /** Twilio already sent a signed call for this number ("Receiving calls" is set). */
  receivingCalls: boolean;
  /** Who a new missed call goes to (the routing rule for a standard lead). */
  missedCallOwnerId: string | null;
  /** The sequence a missed call's lead starts. */
  missedCallSequence: Sequence;
};

export type TurnSettings = Awaited<ReturnType<typeof readTurnSettings>>;

type Entry<T> = { value: T; expiresAt: number };
type Caches = {
  numbers: Map<string, Entry<NumberSettings>>;
  turns: Map<string, Entry<TurnSettings>>;
  changedAt: number;
};

const g = globalThis as unknown as { __leadrescueCallSettings?: Caches };
const caches: Caches = (g.__leadrescueCallSettings ??= (() => {
  const c: Caches = { numbers: new Map(), turns: new Map(), changedAt: 0 };
  onCallSettingsChange(() => {
    c.changedAt = Date.now();
    c.numbers.clear();
    c.turns.clear();
  });
  return c;
})());

/** When a copy read at `readAt` (before its query) expires. */
function expiry(readAt: number): number {
  return readAt - caches.changedAt < SETTLE_MS ? readAt + SETTLE_MS : readAt + CALL_SETTINGS_TTL_MS;
}

const MISSED_CALL = "phone" as const;

/** The business a called number belongs to and what a new call needs from it, or null for a number nobody owns. */
export async function settingsOfCalledNumber(sys: SystemDb, to: string): Promise<NumberSettings | null> {
  const key = to.trim();
  const now = Date.now();
  const hit = caches.numbers.get(key);
  if (hit && hit.expiresAt > now) return hit.value;
  const number = await calledNumber(sys, key);
  if (!number) return null;
  const { tenant } = number;
  const db = forTenant(sys, tenant.id);
  const [missedCallOwnerId, missedCallSequence] = await Promise.all([
    routingTarget(db, routingKindFor({ urgency: null })),
    getSequence(db, sequenceForSource(MISSED_CALL)!),
  ]);
  const value: NumberSettings = {
    tenantId: tenant.id,
    name: tenant.name,
    plumberPhone: tenant.plumberPhone,
    promptProfile: tenant.promptProfile,
    receivingCalls: !!number.receivingCallsAt,
    missedCallOwnerId,
    missedCallSequence,
  };
  caches.numbers.set(key, { value, expiresAt: expiry(now) });
  return value;
}

/** The number is marked "Receiving calls": this process stops asking. */
export function numberReceivingCalls(to: string): void {
  const hit = caches.numbers.get(to.trim());
  if (hit) hit.value = { ...hit.value, receivingCalls: true };
}

function readTurnSettings(db: TenantDb, tenantId: string) {
  return db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: {
      name: true,
      timeZone: true,
      onCallPhone: true,
      greetingAgencyBrand: true,
      agency: { select: AGENCY_BRAND_SELECT },
      serviceZips: { select: { zip: true } },
      bookingSlots: { select: { weekday: true, startMinute: true, endMinute: true } },
      businessHours: { select: { weekday: true, openMinute: true, closeMinute: true } },
      callAnswers: {
        select: {
          priceAnswer: true,
          servicesOffered: true,
          servicesNotOffered: true,
          licenseAnswer: true,
          estimateAnswer: true,
          paymentAnswer: true,
          warrantyAnswer: true,
          brandsAnswer: true,
        },
      },
    },
  });
}

/** What an intake turn reads about the business: name, time zone, on-call phone, the greeting's brand, service area, slots, hours, answers. */
export async function settingsForTurn(db: TenantDb, tenantId: string): Promise<TurnSettings> {
  const now = Date.now();
  const hit = caches.turns.get(tenantId);
  if (hit && hit.expiresAt > now) return hit.value;
  const value = await readTurnSettings(db, tenantId);
  caches.turns.set(tenantId, { value, expiresAt: expiry(now) });
  return value;
}

/** Tests: forget every copy. */
export function clearCallSettings(): void {
  caches.numbers.clear();
  caches.turns.clear();
  caches.changedAt = 0;
}
