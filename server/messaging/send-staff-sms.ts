// SMS to staff (escalation alerts from the notification outbox):
// from the tenant's first tracking number, through the same Twilio client as texts to callers.
// In local mode the text goes to the local Twilio fake, so the outbox still says "would send".
import type { TenantDb } from "@/server/db/tenant-scope";
import { getTwilioHandle, type TwilioHandle } from "@/server/integrations/twilio-client";

export async function sendStaffSms(
  db: Pick<TenantDb, "trackingNumber">,
  input: { tenantId: string; to: string; body: string },
  twilio: () => Promise<Pick<TwilioHandle, "client" | "mode">> = getTwilioHandle,
): Promise<{ sid: string; transport: string }> {
  const from = await db.trackingNumber.findFirst({
    where: { tenantId: input.tenantId },
    orderBy: { createdAt: "asc" },
    select: { e164: true },
  });
  if (!from) throw new Error("The business has no tracking number to text from.");
  const handle = await twilio();
  const res = await handle.client.messages.create({ to: input.to, from: from.e164, body: input.body });
  return { sid: res.sid, transport: handle.mode === "local" ? "local" : "twilio" };
}
