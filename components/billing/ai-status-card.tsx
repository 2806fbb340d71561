// "Does the AI answer calls right now?" in one sentence, and the one thing to do when it does
// not (server/billing/ai-status.ts). The overview and the billing page open with it.
import Link from "next/link";
import type { ReactNode } from "react";
import type { AiStatus } from "@/server/billing/ai-status";

const DOT: Record<AiStatus["state"], string> = {
  on: "bg-green-500",
  ending: "bg-amber-500",
  off: "bg-red-500",
};

export function AiStatusCard({
  ai,
  slug,
  details,
  hideActionTo,
}: {
  ai: AiStatus;
  slug: string;
  details?: ReactNode;
  /** The page this card sits on: its action is already on the page. */ hideActionTo?: string;
}) {
  const action = ai.action && ai.action.href !== hideActionTo ? ai.action : null;
  return (
    <section aria-label="AI status" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      {/* The sentence keeps a readable width: on a phone the button wraps under it. */}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className={`size-3 shrink-0 rounded-full ${DOT[ai.state]}`} aria-hidden />
        <p
          role="status"
          aria-live="polite"
          className="min-w-0 grow basis-64 font-medium"
          data-testid="ai-status"
        >
          {ai.sentence}
        </p>
        {action ? (
          <Link
            href={`/t/${slug}/${action.href}`}
            className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            {action.label}
          </Link>
        ) : null}
      </div>
      {details}
    </section>
  );
}
