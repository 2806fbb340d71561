// On a phone, right under the next action: the caller's problem and what they said about it in
// their own words, so nobody scrolls three screens to learn what the call was about. Never the
// agent's lines (the read-back is not the need). Wide screens show the full cards beside the
// actions instead.
import { callerNeedWords } from "./caller-need";
import type { Detail } from "./lead-actions";

export function LeadProblemSummary({ d }: { d: Detail }) {
  const words = callerNeedWords({
    issueSummary: d.lead.issueSummary,
    evidence: d.fields.find((f) => f.key === "issueSummary")?.evidence ?? null,
    calls: d.calls,
  });
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
      {words && words !== d.lead.issueSummary ? (
        <p className="mt-2 text-sm text-slate-700" data-testid="caller-need-words">
          <span className="font-medium">In the caller&apos;s words:</span> “{words}”
        </p>
      ) : null}
    </section>
  );
}
