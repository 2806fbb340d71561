// Inbound SMS (Twilio's "A message comes in" webhook). Signature-checked like the voice webhooks;
// replies (STOP confirmation, HELP) go out through the SMS outbox, so the TwiML is empty.
import { getPrisma } from "@/server/db";
import { readTwilioWebhook, twiml } from "@/server/integrations/twilio-webhook";
import { handleInboundSms } from "@/server/messaging/handle-inbound-sms";

const EMPTY_MESSAGING_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

export async function POST(req: Request): Promise<Response> {
  const read = await readTwilioWebhook(req, ["MessageSid", "From", "To"], ["From", "To"]);
  if ("response" in read) return read.response;
  await handleInboundSms(await getPrisma(), read.form);
  return twiml(EMPTY_MESSAGING_TWIML);
}
