// On a phone, right under the next action: the caller's problem and the last few lines of the
// latest call's transcript, so nobody scrolls three screens to learn what the call was about.
// Wide screens show the full cards beside the actions instead.
import type { Detail } from "./lead-actions";

export function LeadProblemSummary({ d }: { d: Detail }) {
  const call = d.calls[0];
  const lines = call ? call.turns.slice(-3) : [];
  return (
    <section
      aria-labelledby="problem-summary-title"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:hidden"
      data-testid="problem-summary"
    >
      <h2 id="problem-summary-title" className="text-sm font-semibold">
        What the caller needs
      </h2>
      <p className="mt-1 text-sm text-slate-800">{d.lead.issueSummary ?? "No issue captured yet."}</p>
      {lines.length ? (
        <ol aria-label="Last lines of the call" className="mt-2 space-y-1">
          {lines.map((t) => (
            <li key={t.seq} className="text-sm text-slate-700">
              <span className="font-medium">
                {t.speaker === "agent" ? "AI" : t.speaker === "caller" ? "Caller" : "System"}:
              </span>{" "}
              {t.text}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
