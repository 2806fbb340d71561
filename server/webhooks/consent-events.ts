// consent.changed: a caller opted out of texts (STOP) or back in (START). `data` is the caller's
// open lead, when there is one, with `consent` added. Never throws.
import type { TenantDb } from "@/server/db/tenant-scope";
import { emitWebhookEvent, type Enqueue } from "./outbox";

export async function emitConsentChanged(
  db: TenantDb,
  input: {
    tenantId: string;
    leadId: string | null;
    phone: string;
    optedOut: boolean;
    source: string;
    at: Date;
    enqueue?: Enqueue;
  },
) {
  await emitWebhookEvent(db, {
    tenantId: input.tenantId,
    type: "consent.changed",
    leadId: input.leadId,
    extra: {
      consent: {
        phone: input.phone,
        optedOut: input.optedOut,
        source: input.source,
        at: input.at.toISOString(),
      },
    },
    now: input.at,
    enqueue: input.enqueue,
  });
}
