// The onboarding checklist: what is still missing before the AI may answer calls. "Setup
// complete" is the first half of the service gate (server/billing/service-gate.ts).
import type { TenantDb } from "@/server/db/tenant-scope";

export type ChecklistItem = {
  key: "trackingNumber" | "plumberPhone" | "serviceArea" | "businessHours" | "bookingSlots";
  label: string;
  done: boolean;
  hint: string;
  href: string;
};

export async function setupChecklist(
  db: TenantDb,
  tenantId: string,
): Promise<{ items: ChecklistItem[]; complete: boolean }> {
  const [tenant, tracking, zips, hours, slots] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { plumberPhone: true } }),
    db.trackingNumber.count({ where: { tenantId } }),
    db.serviceZip.count({ where: { tenantId } }),
    db.businessHours.count({ where: { tenantId } }),
    db.bookingSlot.count({ where: { tenantId } }),
  ]);
  return checklistFromFacts({ plumberPhone: tenant.plumberPhone, tracking, zips, hours, slots });
}

/** Pure half: the checklist from counts already read (the agency console reads them for many tenants at once). */
export function checklistFromFacts(f: {
  plumberPhone: string | null;
  tracking: number;
  zips: number;
  hours: number;
  slots: number;
}): { items: ChecklistItem[]; complete: boolean } {
  const { tracking, zips, hours, slots } = f;
  const items: ChecklistItem[] = [
    {
      key: "trackingNumber",
      label: "Tracking number",
      done: tracking > 0,
      hint: "The number your callers dial.",
      href: "settings/phone",
    },
    {
      key: "plumberPhone",
      label: "Plumber's phone",
      done: !!f.plumberPhone,
      hint: "Rings first for 10 seconds on every call.",
      href: "settings/phone",
    },
    {
      key: "serviceArea",
      label: "Service area",
      done: zips > 0,
      hint: "ZIP codes you serve; other callers are declined politely.",
      href: "settings/service-area",
    },
    {
      key: "businessHours",
      label: "Business hours",
      done: hours > 0,
      hint: "When your office is open, in your time zone.",
      href: "settings/hours",
    },
    {
      key: "bookingSlots",
      label: "Booking slots",
      done: slots > 0,
      hint: "The only visit times the AI may offer.",
      href: "settings/hours",
    },
  ];
  return { items, complete: items.every((i) => i.done) };
}
