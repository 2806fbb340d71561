import { voiceRoute } from "@/server/calls/voice-route";
import { onScreen } from "@/server/calls/voice-flow";

// The whisper leg is the plumber's (or on-call person's) phone: on failure it just hangs up,
// which counts as not answered, so the caller goes on to the AI or the safe message.
export const POST = voiceRoute({ required: ["CallSid"], onFailure: "hangup" }, onScreen);
