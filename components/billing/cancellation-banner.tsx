// Shown on every page of a business between "Cancel service" and the detach: the AI is still
// answering, until when, and where to undo it (owners and operators manage billing).
import Link from "next/link";
import { formatBusinessTime } from "@/server/billing/ai-status";

export function CancellationBanner({
  slug,
  detachAt,
  timeZone,
  canUndo,
}: {
  slug: string;
  detachAt: Date;
  timeZone: string;
  canUndo: boolean;
}) {
  return (
    <div
      role="region"
      aria-label="Service cancelled"
      className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 md:px-8"
    >
      <strong>
        Cancelled — the AI stops answering on {formatBusinessTime(timeZone, detachAt)}; undo until then.
      </strong>{" "}
      {canUndo ? (
        <Link href={`/t/${slug}/settings/billing`} className="font-medium underline">
          Undo on the Billing page
        </Link>
      ) : (
        <span>Ask the business owner to undo it.</span>
      )}
    </div>
  );
}
