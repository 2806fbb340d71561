import { voiceRoute } from "@/server/calls/voice-route";
import { onCallStatus } from "@/server/calls/voice-flow";

export const POST = voiceRoute({ required: ["CallSid", "CallStatus"], onFailure: "empty" }, (ctx, _q, form) =>
  onCallStatus(ctx, form),
);
