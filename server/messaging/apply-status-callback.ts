// Delivery status callbacks (POST /api/twilio/sms/status): each moves its message forward only —
// queued → sent → delivered | undelivered | failed — so replays and late, out-of-order callbacks
// change nothing. Error codes (e.g. 30003 unreachable) are kept for the thread.
import { findMessageByProviderSid } from "@/server/db/cross-tenant";
import { forTenant, type SystemDb } from "@/server/db/system";
import type { MessageStatus } from "@/server/db/generated/enums";
import type { TwilioForm } from "@/server/integrations/twilio-webhook";
import { messageStatusOf } from "./send-message";

const RANK: Partial<Record<MessageStatus, number>> = {
  pending: 0,
  sending: 1,
  queued: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
};

export type StatusCallbackResult = "updated" | "unchanged" | "unknown_message" | "ignored";

/** The callback names only Twilio's message sid: the message and its tenant (a named lookup). Waits briefly for the send job to store the sid Twilio just returned (the callback can be faster). */
async function findBySid(sys: SystemDb, sid: string, waitMs: number) {
  const until = Date.now() + waitMs;
  for (;;) {
    const row = await findMessageByProviderSid(sys, sid);
    if (row || Date.now() >= until) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function applyStatusCallback(
  sys: SystemDb,
  form: TwilioForm,
  opts: { now?: Date; waitMs?: number } = {},
): Promise<StatusCallbackResult> {
  const status = messageStatusOf(form.MessageStatus ?? form.SmsStatus);
  if (!status) return "ignored";
  const row = await findBySid(sys, form.MessageSid!, opts.waitMs ?? 3000);
  if (!row) return "unknown_message";
  const rank = RANK[status]!;
  const lower = (Object.keys(RANK) as MessageStatus[]).filter((s) => RANK[s]! < rank);
  const errorCode = form.ErrorCode?.trim() || null;
  const now = opts.now ?? new Date();
  // One conditional update: only a message still behind this status moves.
  const { count } = await forTenant(sys, row.tenantId).message.updateMany({
    where: { id: row.id, status: { in: lower } },
    data: {
      status,
      ...(errorCode
        ? { errorCode, errorMessage: form.ErrorMessage?.trim() || twilioErrorText(errorCode) }
        : {}),
      ...(status === "delivered" ? { deliveredAt: now } : {}),
    },
  });
  return count === 1 ? "updated" : "unchanged";
}

/** Plain words for the delivery error codes people actually see. */
export function twilioErrorText(code: string): string {
  const known: Record<string, string> = {
    "30003": "Unreachable phone: it may be off or out of coverage.",
    "30004": "Message blocked by the recipient.",
    "30005": "Unknown number: it may no longer exist.",
    "30006": "Landline or unreachable carrier: this number cannot receive texts.",
    "30007": "Filtered by the carrier as spam.",
    "30008": "Unknown delivery error.",
    "21610": "The recipient replied STOP to this number.",
    "21211": "Not a valid phone number.",
    "21614": "Not a mobile number.",
  };
  return known[code] ?? `Twilio error ${code}.`;
}
