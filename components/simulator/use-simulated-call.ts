"use client";
// The state of one test call in "Test your flow": the call and its transcript, the caller's
// number and words, the four steps (start, the plumber's phone, the caller speaks, hang up) and
// the lead the call made. A call left mid-way (the tester navigates away or closes the tab) is hung
// up, best effort, so its lead does not stay "AI intake in progress" for ever.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import superjson from "superjson";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import type { SimLine } from "@/server/simulator/call-driver";
import { useTRPC } from "@/components/trpc-provider";
import { fieldErrorsFrom } from "@/components/ui/form";
import { fictionalCaller } from "./sample-phrases";

export type Step = inferRouterOutputs<AppRouter>["simulator"]["start"];
export type SimState = Step["state"];
export type DialPending = Extract<SimState["pending"], { kind: "dial" }>;
export type How = "answer" | "voicemail" | "no-answer" | "busy";

export function useSimulatedCall({ slug, firstNumber }: { slug: string; firstNumber: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [call, setCall] = useState<SimState | null>(null);
  const [lines, setLines] = useState<SimLine[]>([]);
  const [stepError, setStepError] = useState<string | null>(null);
  // A fresh fictional caller each time (this component only renders in the browser, after loading).
  const [from, setFrom] = useState(fictionalCaller);
  const [to, setTo] = useState(firstNumber);
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

  function answerDial(how: How) {
    if (!call) return;
    reset();
    answer.mutate({ state: call, how }, { onSuccess: onStep });
  }

  function hangUp() {
    if (!call) return;
    reset();
    hang.mutate({ state: call }, { onSuccess: onStep });
  }

  return {
    call,
    lines,
    stepError,
    from,
    setFrom,
    to,
    setTo,
    text,
    setText,
    input,
    lead,
    starting: start.isPending,
    speaking: speak.isPending,
    hangingUp: hang.isPending,
    busy,
    pending,
    error,
    startErrors,
    onStart,
    startAnother,
    send,
    answerDial,
    hangUp,
    ended: pending?.kind === "ended",
    leadId: lead.data?.lead?.id ?? null,
  };
}

export type SimulatedCall = ReturnType<typeof useSimulatedCall>;
