"use client";
// "Test your flow" (a tested sample flow before going live): the signed-in person plays the caller (and the
// plumber who may or may not pick up); the server drives the real, signed voice webhooks and
// answers with what happened. Conversation on the left, the resulting lead on the right.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";
import { LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { GateNotice, type Context } from "./gate-notice";
import { LeadPanel } from "./lead-panel";
import { LiveCallCard } from "./live-call-card";
import { PlaceCallCard } from "./place-call-card";
import { useSimulatedCall } from "./use-simulated-call";

export function CallSimulator({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const context = useQuery(trpc.simulator.context.queryOptions());

  return (
    <div>
      <PageHeader
        title="Test your flow"
        description="Play a caller: the plumber's phone rings first, and if nobody picks up the AI answers. Every step runs through the same path as a real phone call. Test calls are marked “Test”, never billed and left out of reports."
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

function Simulator({ slug, context }: { slug: string; context: Context }) {
  const sim = useSimulatedCall({ slug, firstNumber: context.trackingNumbers[0]?.e164 ?? "" });
  return (
    <>
      <GateNotice context={context} slug={slug} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-4">
          {!sim.call ? (
            <PlaceCallCard sim={sim} context={context} slug={slug} />
          ) : (
            <LiveCallCard sim={sim} call={sim.call} slug={slug} sampleZips={context.sampleZips} />
          )}
        </div>
        <LeadPanel slug={slug} timeZone={context.timeZone} query={sim.call ? sim.lead : null} />
      </div>
    </>
  );
}
