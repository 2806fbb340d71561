"use client";
// The test call as it happened: the agent's words, the caller's, what the phone system did, and
// (collapsed, for the technically curious) the raw instructions each webhook answered.
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
            Phone system instructions from <code>{pathOf(line.url)}</code>{" "}
            <span className={line.status === 200 ? "text-green-700" : "font-medium text-red-700"}>
              ({line.status})
            </span>
          </summary>
          <pre className="overflow-x-auto whitespace-pre-wrap break-all border-t border-slate-200 px-2 py-1 font-mono text-[11px] text-slate-700">
            {line.xml || "(empty)"}
          </pre>
        </details>
      );
  }
}
