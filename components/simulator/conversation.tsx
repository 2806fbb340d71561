"use client";
// The test call as it happened: the agent's words, the caller's, what the phone system did, and
// (collapsed under "Details", for the technically curious) each step's address and the raw
// instructions it answered. What shows without opening them is in plain words.
import { useEffect, useRef } from "react";
import type { SimLine } from "@/server/simulator/call-driver";

function pathOf(url: string): string {
  try {
    const u = new URL(url, "http://x");
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** Which step of the call a phone-system request was, in the tester's words. */
function stepName(url: string): string {
  const path = pathOf(url);
  if (path.includes("leg=transfer")) return "the transfer to on-call ends";
  const step = path.split("?")[0]!.replace(/^\/api\/twilio\/voice\/?/, "");
  switch (step) {
    case "":
      return "the call comes in";
    case "screen":
      return "the person being rung hears who is calling";
    case "dial-result":
      return "the plumber's phone stops ringing";
    case "intake":
      return "the agent hears the caller";
    case "status":
      return "the call ends";
    default:
      return "a step of the call";
  }
}

export function Conversation({ lines }: { lines: SimLine[] }) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "nearest" });
  }, [lines.length]);

  return (
    <ol
      aria-label="Conversation"
      aria-live="polite"
      className="flex max-h-[60vh] flex-col gap-2 overflow-y-auto pr-1"
    >
      {lines.map((line, i) => (
        <li key={i} className={line.who === "caller" ? "flex justify-end" : "flex"}>
          <Line line={line} />
        </li>
      ))}
      <li ref={end} aria-hidden className="h-px" />
    </ol>
  );
}

function Line({ line }: { line: SimLine }) {
  switch (line.who) {
    case "agent":
      return (
        <div
          className="max-w-[85%] rounded-lg rounded-tl-none bg-brand-50 px-3 py-2 text-sm text-slate-900"
          data-who="agent"
        >
          <span className="block text-xs font-medium text-brand-700">Agent</span>
          {line.text}
        </div>
      );
    case "caller":
      return (
        <div
          className="max-w-[85%] rounded-lg rounded-tr-none bg-slate-800 px-3 py-2 text-sm text-white"
          data-who="caller"
        >
          <span className="block text-xs font-medium text-slate-300">Caller (you)</span>
          {line.text}
        </div>
      );
    case "system":
      return (
        <p className="w-full text-center text-xs text-slate-500" data-who="system">
          {line.text}
        </p>
      );
    case "twiml":
      return (
        <details className="w-full rounded border border-slate-200 bg-slate-50 text-xs" data-who="twiml">
          <summary className="cursor-pointer px-2 py-1 text-slate-600">
            Details: {stepName(line.url)}
            {line.status === 200 ? null : (
              <span className="font-medium text-red-700"> — our system could not answer this step</span>
            )}
          </summary>
          <p className="border-t border-slate-200 px-2 py-1 text-slate-600">
            Request to <code>{pathOf(line.url)}</code>, answered{" "}
            {line.status ? `with status ${line.status}` : "with no response"}:
          </p>
          <pre className="overflow-x-auto whitespace-pre-wrap break-all px-2 py-1 font-mono text-[11px] text-slate-700">
            {line.xml || "(empty)"}
          </pre>
        </details>
      );
  }
}
