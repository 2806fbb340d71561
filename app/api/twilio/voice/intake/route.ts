import { voiceRoute } from "@/server/calls/voice-route";
import { onIntake } from "@/server/calls/voice-flow";

export const POST = voiceRoute({ required: ["CallSid"] }, onIntake);
