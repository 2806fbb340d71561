// Inbound SMS (Twilio's "A message comes in" webhook). Signature-checked like the voice webhooks;
// replies (STOP confirmation, HELP) go out through the SMS outbox, so the TwiML is empty. When the
// database cannot store the text it is spooled and recovered later; Twilio always gets a 200.
import { twilioRoute } from "@/server/calls/voice-route";
import { handleInboundSms } from "@/server/messaging/handle-inbound-sms";

export const POST = twilioRoute(
  { required: ["MessageSid", "From", "To"], phones: ["From", "To"], onFailure: "empty" },
  async (ctx, _q, form) => {
    await handleInboundSms(ctx.sys, form);
  },
);
