import { voiceRoute } from "@/server/calls/voice-route";
import { onIncomingCall } from "@/server/calls/voice-flow";

export const POST = voiceRoute(
  { required: ["CallSid", "From", "To"], phones: ["From", "To"] },
  (ctx, _q, form) => onIncomingCall(ctx, form, { isTest: form.LeadRescueTest === "1" }),
);
