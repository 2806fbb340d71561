"use client";
// Business hours per weekday and the weekly booking slots — the only visit times the AI may offer.
// All times are wall-clock times in the business's own time zone.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc-provider";
import { PageHeader } from "@/components/ui/layout";
import { QueryState, ReadOnlyNote } from "@/components/settings/access-states";
import { can, type TenantRole } from "@/server/auth/permissions";
import { timeZoneLabel } from "@/server/tenants/us-time-zones";
import { BusinessHours } from "./business-hours-card";
import { BookingSlots } from "./booking-slots-card";

export function HoursSettings({
  role,
  slug,
  timeZone,
}: {
  role: TenantRole;
  slug: string;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const times = useQuery(trpc.setup.weeklyTimes.queryOptions());
  const editable = can(role, "setup.write");
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Hours & booking slots"
        description={
          <>
            All times are in your business&apos;s time zone, <strong>{timeZoneLabel(timeZone)}</strong>
            {can(role, "tenant.settings") ? (
              <>
                {" "}
                (
                <Link
                  href={`/t/${slug}/settings/business`}
                  className="text-brand-700 underline underline-offset-2 hover:text-brand-600"
                >
                  change
                </Link>
                )
              </>
            ) : null}
            .
          </>
        }
      />
      {!editable ? (
        <ReadOnlyNote>
          You can see the hours and slots, but only an owner or manager can change them.
        </ReadOnlyNote>
      ) : null}
      <QueryState query={times} what="see the business hours">
        {() => (
          <>
            <BusinessHours hours={times.data!.hours} editable={editable} />
            <BookingSlots slots={times.data!.slots} editable={editable} />
          </>
        )}
      </QueryState>
    </div>
  );
}
