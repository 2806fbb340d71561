import { voiceRoute } from "@/server/calls/voice-route";
import { onScreen } from "@/server/calls/voice-flow";

export const POST = voiceRoute(["CallSid"], onScreen);
