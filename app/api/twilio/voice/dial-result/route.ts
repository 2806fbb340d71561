import { voiceRoute } from "@/server/calls/voice-route";
import { onDialResult } from "@/server/calls/voice-flow";

export const POST = voiceRoute({ required: ["CallSid", "DialCallStatus"] }, (ctx, _q, form) =>
  onDialResult(ctx, form),
);
