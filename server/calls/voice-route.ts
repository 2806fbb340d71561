// The transport for the Twilio webhooks (voice and SMS): verify, parse, run one step, answer
// TwiML. Whatever fails inside (a database error, a database that hangs, a bug), Twilio gets a
// 200 within its 15 s limit — the caller hears a polite message — and the webhook is spooled
// for recovery. No Twilio webhook answers 500.
// Without the database we cannot even read which plumber to ring, so a failed first webhook
// answers the safe message, never a Dial; the recovery job turns it into a `missed` lead with an
// urgent callback task (server/calls/spool.ts), and a spooled text is stored as it arrived.
import { getSystemDb } from "@/server/db";
import { env } from "@/server/env";
import { intakeEngine } from "@/server/intake/process-engine";
import { readTwilioWebhook, twiml, type TwilioForm } from "@/server/integrations/twilio-webhook";
import { politeHangupTwiml } from "@/server/voice/twiml";
import { drainSpoolIfPending, markSpoolPending } from "./jobs";
import { logLine, spoolWebhook, webhookSid } from "./spool";
import { markAnswerUndelivered } from "./undelivered-answer";
import { MESSAGES, type VoiceCtx } from "./voice-flow";

export { intakeEngine, setIntakeEngine } from "@/server/intake/process-engine";

/**
 * The whole webhook must answer inside Twilio's 15 s: the model has its own budget (≤ 10 s) and
 * a replay waits ≤ 8 s, so 12 s leaves room to spool and answer. Tests lower it; the intake eval
 * also sets `now` to play every call at the same moment of the week.
 */
export const voiceRouteSettings: { deadlineMs: number; now?: () => Date } = { deadlineMs: 12_000 };

export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
const HANGUP_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>';

type Step = (ctx: VoiceCtx, query: URLSearchParams, form: TwilioForm) => Promise<string | void>;

export type VoiceRouteOptions = {
  /** Form fields that must be present (400 naming the field when not). */
  required: readonly string[];
  /** Fields that must be E.164 phone numbers (From may be a withheld caller ID). */
  phones?: readonly string[];
  /** What to answer when the step fails: the caller's polite goodbye by default. */
  onFailure?: "caller" | "hangup" | "empty";
};

class DeadlineExceeded extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms (is the database reachable?)`);
  }
}

function withinDeadline<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(ms)), ms);
  });
  // The step may still finish (or fail) after we answered; it must not become an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function voiceRoute(options: VoiceRouteOptions, step: Step) {
  const failure = { caller: politeHangupTwiml(MESSAGES.trouble), hangup: HANGUP_TWIML, empty: EMPTY_TWIML }[
    options.onFailure ?? "caller"
  ];
  return async function POST(req: Request): Promise<Response> {
    const read = await readTwilioWebhook(req, options.required, options.phones ?? []);
    if ("response" in read) return read.response;
    const url = new URL(req.url);
    const deadlineMs = voiceRouteSettings.deadlineMs;
    // The step gets the same deadline: what it would commit after the caller heard the apology rolls back.
    const deadline = Date.now() + deadlineMs;
    const work = (async () => {
      const ctx: VoiceCtx = {
        sys: await getSystemDb(),
        baseUrl: env.PUBLIC_BASE_URL,
        engine: intakeEngine(),
        now: voiceRouteSettings.now,
        deadline,
      };
      const answer = await step(ctx, url.searchParams, read.form);
      // After an outage, the first webhook that reaches the database drains this process's spool.
      drainSpoolIfPending(ctx.sys);
      return answer;
    })();
    try {
      const out = await withinDeadline(deadlineMs, work);
      return twiml(out ?? EMPTY_TWIML);
    } catch (err) {
      // The form holds the caller's number and words: logs get the CallSid (or MessageSid) only.
      const sid = webhookSid(read.form);
      // A voice step that still commits after this answer: the caller never heard it; say so on the call.
      if (
        err instanceof DeadlineExceeded &&
        read.form.CallSid &&
        url.pathname.startsWith("/api/twilio/voice")
      ) {
        const callSid = read.form.CallSid;
        void work
          .then(async (late) => {
            if (typeof late !== "string") return;
            const marked = await markAnswerUndelivered(await getSystemDb(), callSid, {
              path: url.pathname,
              heardTwiml: failure,
            });
            console.error(
              `Twilio webhook ${url.pathname} for ${sid} committed after its deadline; ${marked} unheard line(s) marked on the transcript.`,
            );
          })
          .catch(() => undefined);
      }
      console.error(`Twilio webhook ${url.pathname} failed for ${sid}: ${logLine(err)}`);
      markSpoolPending();
      await spoolWebhook({
        path: url.pathname,
        query: url.search,
        form: read.form,
        receivedAt: new Date().toISOString(),
        error: String((err as Error).message ?? err),
      }).catch((e: unknown) =>
        console.error(`Could not spool the webhook ${url.pathname} for ${sid} either: ${logLine(e)}`),
      );
      return twiml(failure);
    }
  };
}

/** The same transport for the SMS webhooks. */
export const twilioRoute = voiceRoute;
