// The transport for the voice webhooks: verify, parse, run one step of the call flow, answer
// TwiML. Whatever fails inside, the caller hears a polite message and the call is spooled.
import { getPrisma } from "@/server/db";
import { env } from "@/server/env";
import { createIntakeEngine, intakeConfigFromEnv, type IntakeEngine } from "@/server/intake/engine";
import { readTwilioWebhook, twiml, type TwilioForm } from "@/server/integrations/twilio-webhook";
import { politeHangupTwiml } from "@/server/voice/twiml";
import { spoolWebhook } from "./spool";
import { MESSAGES, type VoiceCtx } from "./voice-flow";

const g = globalThis as unknown as { __leadrescueIntake?: IntakeEngine };

export function intakeEngine(): IntakeEngine {
  g.__leadrescueIntake ??= createIntakeEngine(intakeConfigFromEnv(env), { onConfigError: "fallback" });
  return g.__leadrescueIntake;
}

type Step = (ctx: VoiceCtx, query: URLSearchParams, form: TwilioForm) => Promise<string | void>;

export function voiceRoute(required: string[], step: Step) {
  return async function POST(req: Request): Promise<Response> {
    const read = await readTwilioWebhook(req, required);
    if ("response" in read) return read.response;
    const url = new URL(req.url);
    try {
      const ctx: VoiceCtx = { prisma: await getPrisma(), baseUrl: env.PUBLIC_BASE_URL, engine: intakeEngine() };
      const out = await step(ctx, url.searchParams, read.form);
      return twiml(out ?? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
    } catch (err) {
      console.error(`Voice webhook ${url.pathname} failed for ${read.form.CallSid ?? "?"}:`, err);
      await spoolWebhook({ path: url.pathname, form: read.form, receivedAt: new Date().toISOString(), error: String((err as Error).message ?? err) }).catch((e) =>
        console.error("Could not spool the webhook either:", e, JSON.stringify(read.form)),
      );
      return twiml(politeHangupTwiml(MESSAGES.trouble));
    }
  };
}
