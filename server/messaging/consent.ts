// Consent per (tenant, phone): every change is a ConsentRecord with time and source; the newest
// record is the number's state. Opting out is immediate and checked right before every send.
import type { TenantDb } from "@/server/db/tenant-scope";

type Db = Pick<TenantDb, "consentRecord">;

export type ConsentState = { optedOut: boolean; at: Date; source: string; detail: string | null } | null;

export async function consentState(db: Db, tenantId: string, phone: string): Promise<ConsentState> {
  const row = await db.consentRecord.findFirst({
    where: { tenantId, phone },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
  return row ? { optedOut: row.optedOut, at: row.at, source: row.source, detail: row.detail } : null;
}

export async function isOptedOut(db: Db, tenantId: string, phone: string): Promise<boolean> {
  return (await consentState(db, tenantId, phone))?.optedOut ?? false;
}

export async function recordConsent(
  db: Db,
  input: {
    tenantId: string;
    phone: string;
    optedOut: boolean;
    source: "sms_keyword" | "staff" | "web_form" | "api";
    detail?: string | null;
    at?: Date;
  },
) {
  return db.consentRecord.create({
    data: {
      tenantId: input.tenantId,
      phone: input.phone,
      optedOut: input.optedOut,
      source: input.source,
      detail: input.detail ?? null,
      at: input.at ?? new Date(),
    },
  });
}

/** Purposes that answer the person's own keyword: sent even to a number that just opted out. */
export const CONSENT_REPLY_PURPOSES = ["opt_out", "opt_in", "help"] as const;

export function needsConsent(purpose: string): boolean {
  return !(CONSENT_REPLY_PURPOSES as readonly string[]).includes(purpose);
}
