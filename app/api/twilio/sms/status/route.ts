// Delivery status callbacks for texts we sent: forward-only updates, replays change nothing.
// Spooled and recovered like every Twilio webhook when the database fails; always a 200.
import { twilioRoute } from "@/server/calls/voice-route";
import { applyStatusCallback } from "@/server/messaging/apply-status-callback";

export const POST = twilioRoute(
  { required: ["MessageSid", "MessageStatus"], onFailure: "empty" },
  async (ctx, _q, form) => {
    await applyStatusCallback(ctx.sys, form);
  },
);
