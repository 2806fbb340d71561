import { voiceRoute } from "@/server/calls/voice-route";
import { onIncomingCall } from "@/server/calls/voice-flow";
import { markNumberReceivingCalls } from "@/server/db/cross-tenant";

export const POST = voiceRoute(
  { required: ["CallSid", "From", "To"], phones: ["From", "To"] },
  async (ctx, _q, form) => {
    const isTest = form.LeadRescueTest === "1";
    // A real (signed, not simulated) call marks its number "Receiving calls" once; it never holds up the caller's answer.
    const [twiml] = await Promise.all([
      onIncomingCall(ctx, form, { isTest }),
      isTest
        ? null
        : markNumberReceivingCalls(ctx.sys, form.To!, new Date()).catch((err: unknown) =>
            console.warn(`receiving-calls mark failed: ${(err as Error).message}`),
          ),
    ]);
    return twiml;
  },
);
