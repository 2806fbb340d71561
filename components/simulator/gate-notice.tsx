// Whether the AI will answer a missed test call, and what to finish first when it will not.
import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

export type Context = inferRouterOutputs<AppRouter>["simulator"]["context"];

export function GateNotice({ context, slug }: { context: Context; slug: string }) {
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
