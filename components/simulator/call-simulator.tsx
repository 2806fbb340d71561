"use client";
// "Test your flow" (a tested sample flow before going live): the signed-in person plays the caller (and the
// plumber who may or may not pick up); the server drives the real, signed voice webhooks and
// answers with what happened. Conversation on the left, the resulting lead on the right.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import superjson from "superjson";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import type { SimLine } from "@/server/simulator/call-driver";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, Select, fieldErrorsFrom } from "@/components/ui/form";
import { Card, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { Conversation } from "./conversation";
import { LeadPanel } from "./lead-panel";
import { SAMPLE_PHRASES, fictionalCaller } from "./sample-phrases";
import { phoneLabel } from "@/server/leads/labels";

type Step = inferRouterOutputs<AppRouter>["simulator"]["start"];
type Context = inferRouterOutputs<AppRouter>["simulator"]["context"];
type SimState = Step["state"];

export function CallSimulator({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const context = useQuery(trpc.simulator.context.queryOptions());

  return (
    <div>
      <PageHeader
        title="Test your flow"
        description="Play a caller: the plumber's phone rings first, and if nobody picks up the AI answers. Every step goes through the real call webhooks, signed like Twilio's. Test calls are marked “Test”, never billed and left out of reports."
      />
      {context.isPending ? (
        <Loading />
      ) : context.error ? (
        <LoadError error={context.error} retry={() => void context.refetch()} />
      ) : (
        <Simulator slug={slug} context={context.data} />
      )}
    </div>
  );
}

function GateNotice({ context, slug }: { context: Context; slug: string }) {
  if (context.gate.open) {
    return (
      <p role="status" className="mb-4 flex items-center gap-2 text-sm text-green-800">
        <span className="size-2.5 rounded-full bg-green-500" aria-hidden /> The AI is on: a missed test call
        is answered by the AI.
      </p>
    );
  }
  return (
    <div
      role="status"
      className="mb-4 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
    >
      <p className="font-medium">
        The AI won&apos;t answer these calls yet. The plumber&apos;s phone still rings first; a missed call
        ends with a short polite message.
      </p>
      <ul className="mt-2 list-disc pl-5">
        {context.gate.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {context.missingSetup.length ? (
        <p className="mt-2">
          Finish:{" "}
          {context.missingSetup.map((m, i) => (
            <span key={m.key}>
              {i > 0 ? ", " : ""}
              <Link href={`/t/${slug}/${m.href}`} className="font-medium underline">
                {m.label}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}

function Simulator({ slug, context }: { slug: string; context: Context }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [call, setCall] = useState<SimState | null>(null);
  const [lines, setLines] = useState<SimLine[]>([]);
  const [stepError, setStepError] = useState<string | null>(null);
  // A fresh fictional caller each time (this component only renders in the browser, after loading).
  const [from, setFrom] = useState(fictionalCaller);
  const [to, setTo] = useState(context.trackingNumbers[0]?.e164 ?? "");
  const [text, setText] = useState("");
  const input = useRef<HTMLInputElement>(null);

  const lead = useQuery({
    ...trpc.simulator.lead.queryOptions({ callSid: call?.callSid ?? "" }),
    enabled: !!call?.callSid,
    staleTime: 0,
  });

  const start = useMutation(trpc.simulator.start.mutationOptions());
  const answer = useMutation(trpc.simulator.answerDial.mutationOptions());
  const speak = useMutation(trpc.simulator.say.mutationOptions());
  const hang = useMutation(trpc.simulator.hangUp.mutationOptions());
  const busy = start.isPending || answer.isPending || speak.isPending || hang.isPending;
  const pending = call?.pending;

  // A call left mid-way (the tester navigates away or closes the tab) is hung up, best effort,
  // so its lead does not stay "AI intake in progress" for ever.
  const live = useRef<SimState | null>(null);
  useEffect(() => {
    live.current = call && call.pending.kind !== "ended" ? call : null;
  }, [call]);
  useEffect(() => {
    const abandon = () => {
      const state = live.current;
      if (!state) return;
      live.current = null;
      void fetch("/api/trpc/simulator.hangUp", {
        method: "POST",
        keepalive: true,
        headers: { "content-type": "application/json", "x-tenant": slug },
        body: JSON.stringify(superjson.serialize({ state })),
      }).catch(() => undefined);
    };
    window.addEventListener("pagehide", abandon);
    return () => {
      window.removeEventListener("pagehide", abandon);
      abandon();
    };
  }, [slug]);

  // The agent is listening again: the caller's text box takes the focus.
  useEffect(() => {
    if (pending?.kind === "gather" && !busy) input.current?.focus();
  }, [pending, busy]);

  function onStep(step: Step) {
    setCall(step.state);
    setLines((prev) => [...prev, ...step.lines]);
    setStepError(step.error);
    void queryClient.invalidateQueries({
      queryKey: trpc.simulator.lead.queryKey({ callSid: step.state.callSid }),
    });
  }
  const error = start.error ?? answer.error ?? speak.error ?? hang.error;
  const startErrors = fieldErrorsFrom(start.error);

  const reset = () => {
    for (const m of [start, answer, speak, hang]) m.reset();
    setStepError(null);
  };

  function onStart(e: FormEvent) {
    e.preventDefault();
    reset();
    start.mutate(
      { from, to },
      {
        onSuccess: (s) => {
          setLines([]);
          onStep(s);
        },
      },
    );
  }

  function startAnother() {
    reset();
    // A call still in progress is hung up first, so it does not stay open.
    if (call && call.pending.kind !== "ended") hang.mutate({ state: call });
    live.current = null;
    setCall(null);
    setLines([]);
    setFrom(fictionalCaller());
  }

  function send(e: FormEvent) {
    e.preventDefault();
    if (!call || busy) return;
    reset();
    speak.mutate(
      { state: call, text },
      {
        onSuccess: (s) => {
          setText("");
          onStep(s);
        },
      },
    );
  }

  const ended = pending?.kind === "ended";
  const leadId = lead.data?.lead?.id ?? null;

  return (
    <>
      <GateNotice context={context} slug={slug} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-4">
          {!call ? (
            <Card
              title="Place a test call"
              description="You are the caller. Choose who calls and which of your numbers they dial."
            >
              {context.trackingNumbers.length === 0 ? (
                <p className="text-sm text-slate-600">
                  You have no tracking number yet.{" "}
                  <Link href={`/t/${slug}/settings/phone`} className="font-medium text-brand-600 underline">
                    Add one under Phone numbers
                  </Link>{" "}
                  to test a call.
                </p>
              ) : (
                <form onSubmit={onStart} className="grid gap-4 sm:grid-cols-2">
                  <Field
                    label="Caller's number"
                    name="from"
                    value={from}
                    onChange={(e) => setFrom(e.target.value)}
                    error={startErrors.fields.from}
                    hint="A fictional number is filled in; type any other."
                    autoComplete="off"
                  />
                  <Select
                    label="Number called"
                    name="to"
                    value={to}
                    onChange={(e) => setTo(e.target.value)}
                    error={startErrors.fields.to}
                  >
                    {context.trackingNumbers.map((n) => (
                      <option key={n.e164} value={n.e164}>
                        {phoneLabel(n.e164)}
                        {n.label ? ` — ${n.label}` : ""}
                      </option>
                    ))}
                  </Select>
                  <div className="sm:col-span-2">
                    <Button type="submit" busy={start.isPending}>
                      Call {context.businessName}
                    </Button>
                  </div>
                </form>
              )}
            </Card>
          ) : (
            <Card title="The call">
              <p className="mb-3 text-xs text-slate-500">
                {phoneLabel(call.from)} → {phoneLabel(call.to)} ·{" "}
                <span className="font-medium text-amber-800">Test call</span>
              </p>
              <Conversation lines={lines} />
              <div className="mt-4 border-t border-slate-200 pt-4">
                {busy ? (
                  <p
                    role="status"
                    aria-live="polite"
                    className="mb-3 flex items-center gap-2 text-sm text-slate-500"
                  >
                    <span
                      className="size-3 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600"
                      aria-hidden
                    />{" "}
                    Waiting for the phone system…
                  </p>
                ) : null}
                {pending?.kind === "dial" ? (
                  <DialControls
                    pending={pending}
                    disabled={busy}
                    onAnswer={(how) => {
                      reset();
                      answer.mutate({ state: call, how }, { onSuccess: onStep });
                    }}
                  />
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
                      <Button type="submit" busy={speak.isPending}>
                        {text.trim() ? "Say it" : "Stay silent"}
                      </Button>
                    </form>
                    <div>
                      <p id="samples-label" className="mb-1 text-xs font-medium text-slate-500">
                        Quick fill
                      </p>
                      <ul aria-labelledby="samples-label" className="flex flex-wrap gap-1.5">
                        {SAMPLE_PHRASES.map((p) => (
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
                    Done testing? Press <strong>Hang up</strong> to end the call. Leaving this page hangs up
                    for you.
                  </p>
                ) : null}
                <div className="mt-2 flex flex-wrap gap-2">
                  {!ended ? (
                    <Button
                      type="button"
                      variant="danger"
                      busy={hang.isPending}
                      disabled={busy}
                      onClick={() => {
                        reset();
                        hang.mutate({ state: call }, { onSuccess: onStep });
                      }}
                    >
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
          )}
        </div>
        <LeadPanel slug={slug} timeZone={context.timeZone} query={call ? lead : null} />
      </div>
    </>
  );
}

type DialPending = Extract<SimState["pending"], { kind: "dial" }>;
type How = "answer" | "voicemail" | "no-answer" | "busy";

function DialControls({
  pending,
  disabled,
  onAnswer,
}: {
  pending: DialPending;
  disabled: boolean;
  onAnswer: (how: How) => void;
}) {
  const who = pending.purpose === "transfer" ? "The on-call phone" : "The plumber's phone";
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium">
        {who} ({phoneLabel(pending.number)}) is ringing. What happens?
      </legend>
      <div className="flex flex-wrap gap-2">
        <Button type="button" disabled={disabled} onClick={() => onAnswer("answer")}>
          {pending.purpose === "transfer" ? "On-call answers (presses 1)" : "Plumber answers (presses 1)"}
        </Button>
        <Button type="button" variant="secondary" disabled={disabled} onClick={() => onAnswer("voicemail")}>
          Voicemail picks up (no key)
        </Button>
        <Button type="button" variant="secondary" disabled={disabled} onClick={() => onAnswer("no-answer")}>
          No answer
        </Button>
        <Button type="button" variant="secondary" disabled={disabled} onClick={() => onAnswer("busy")}>
          Busy
        </Button>
      </div>
    </fieldset>
  );
}
