"use client";
// A test call under way: the conversation, what the tester can do next (the ringing phone, the
// caller's words, hang up) and, once it ends, a link to the lead it made.
import Link from "next/link";
import { Button, ErrorBanner, Field } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { phoneLabel } from "@/server/leads/labels";
import { Conversation } from "./conversation";
import { DialControls } from "./dial-controls";
import { samplePhrases } from "./sample-phrases";
import type { SimState, SimulatedCall } from "./use-simulated-call";

export function LiveCallCard({
  sim,
  call,
  slug,
  sampleZips,
}: {
  sim: SimulatedCall;
  call: SimState;
  slug: string;
  /** A ZIP the business serves and one it does not, for the quick-fill phrases. */
  sampleZips: { inArea: string | null; outOfArea: string | null };
}) {
  const { lines, busy, pending, text, setText, input, send, stepError, error, ended, leadId, startAnother } =
    sim;
  return (
    <Card title="The call">
      <p className="mb-3 text-xs text-slate-500">
        {phoneLabel(call.from)} → {phoneLabel(call.to)} ·{" "}
        <span className="font-medium text-amber-800">Test call</span>
      </p>
      <Conversation lines={lines} />
      <div className="mt-4 border-t border-slate-200 pt-4">
        {busy ? (
          <p role="status" aria-live="polite" className="mb-3 flex items-center gap-2 text-sm text-slate-500">
            <span
              className="size-3 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600"
              aria-hidden
            />{" "}
            Waiting for the phone system…
          </p>
        ) : null}
        {pending?.kind === "dial" ? (
          <DialControls pending={pending} disabled={busy} onAnswer={sim.answerDial} />
        ) : null}
        {pending?.kind === "gather" ? (
          <div className="space-y-3">
            <form onSubmit={send} className="flex flex-wrap items-end gap-2">
              <Field
                ref={input}
                label="What the caller says"
                name="text"
                value={text}
                onChange={(e) => setText(e.target.value)}
                className="min-w-0 flex-1"
                hint="Press Enter to say it. Send nothing to stay silent."
                autoComplete="off"
                disabled={busy}
                maxLength={1000}
              />
              <Button type="submit" busy={sim.speaking}>
                {text.trim() ? "Say it" : "Stay silent"}
              </Button>
            </form>
            <div>
              <p id="samples-label" className="mb-1 text-xs font-medium text-slate-500">
                Quick fill
              </p>
              <ul aria-labelledby="samples-label" className="flex flex-wrap gap-1.5">
                {samplePhrases(sampleZips).map((p) => (
                  <li key={p}>
                    <button
                      type="button"
                      onClick={() => {
                        setText(p);
                        input.current?.focus();
                      }}
                      className="rounded-full border border-slate-300 bg-white px-2.5 py-1 text-xs text-slate-700 hover:bg-slate-50"
                    >
                      {p}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        ) : null}
        {stepError ? (
          <div className="mt-3">
            <ErrorBanner message={stepError} />
          </div>
        ) : null}
        {error ? (
          <div className="mt-3">
            <ErrorBanner message={error.message} />
          </div>
        ) : null}
        {!ended ? (
          <p className="mt-4 text-xs text-slate-500">
            Done testing? Press <strong>Hang up</strong> to end the call. Leaving this page hangs up for you.
          </p>
        ) : null}
        <div className="mt-2 flex flex-wrap gap-2">
          {!ended ? (
            <Button type="button" variant="danger" busy={sim.hangingUp} disabled={busy} onClick={sim.hangUp}>
              Hang up
            </Button>
          ) : (
            <p role="status" className="self-center text-sm text-slate-600">
              The call has ended.{" "}
              {leadId ? (
                <Link
                  href={`/t/${slug}/leads/${leadId}`}
                  className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
                  data-testid="ended-lead-link"
                >
                  Open the lead it made
                </Link>
              ) : null}
              {leadId ? " — it is in your inbox, marked “Test”." : null}
            </p>
          )}
          <Button type="button" variant="secondary" disabled={busy} onClick={startAnother}>
            Start another call
          </Button>
        </div>
      </div>
    </Card>
  );
}
