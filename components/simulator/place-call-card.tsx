"use client";
// Before a test call: who calls, and which of the business's numbers they dial.
import Link from "next/link";
import { Button, Field, Select } from "@/components/ui/form";
import { Card } from "@/components/ui/layout";
import { phoneLabel } from "@/server/leads/labels";
import type { Context } from "./gate-notice";
import type { SimulatedCall } from "./use-simulated-call";

export function PlaceCallCard({
  sim,
  context,
  slug,
}: {
  sim: SimulatedCall;
  context: Context;
  slug: string;
}) {
  const { from, setFrom, to, setTo, startErrors, onStart } = sim;
  return (
    <Card
      title="Place a test call"
      description="You are the caller. Choose who calls and which of your numbers they dial."
    >
      {context.trackingNumbers.length === 0 ? (
        <p className="text-sm text-slate-600">
          You have no tracking number yet.{" "}
          <Link href={`/t/${slug}/settings/phone`} className="font-medium text-brand-600 underline">
            Add one under Phone numbers
          </Link>{" "}
          to test a call.
        </p>
      ) : (
        <form onSubmit={onStart} className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Caller's number"
            name="from"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            error={startErrors.fields.from}
            hint="A fictional number is filled in; type any other."
            autoComplete="off"
          />
          <Select
            label="Number called"
            name="to"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            error={startErrors.fields.to}
          >
            {context.trackingNumbers.map((n) => (
              <option key={n.e164} value={n.e164}>
                {phoneLabel(n.e164)}
                {n.label ? ` — ${n.label}` : ""}
              </option>
            ))}
          </Select>
          <div className="sm:col-span-2">
            <Button type="submit" busy={sim.starting}>
              Call {context.businessName}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
