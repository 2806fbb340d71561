import { voiceRoute } from "@/server/calls/voice-route";
import { onCallStatus } from "@/server/calls/voice-flow";

export const POST = voiceRoute(["CallSid", "CallStatus"], (ctx, _q, form) => onCallStatus(ctx, form));
