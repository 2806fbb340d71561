"use client";
// The business itself: its name and the time zone every hour and slot is read in.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { TimeZoneSelect } from "@/components/time-zone-select";
import { Button, ErrorBanner, Field, SuccessNote, fieldErrorsFrom } from "@/components/ui/form";
import { Card, PageHeader } from "@/components/ui/layout";
import { NoPermission, QueryState } from "./access-states";
import { CallGreetingCard } from "./call-greeting-card";
import { can, type TenantRole } from "@/server/auth/permissions";

export function BusinessSettings({ role }: { role: TenantRole }) {
  const trpc = useTRPC();
  const allowed = can(role, "tenant.settings");
  const business = useQuery(trpc.setup.business.queryOptions(undefined, { enabled: allowed }));
  return (
    <div className="max-w-2xl">
      <PageHeader
        title="Business"
        description="Your business's name and the time zone its hours and booking slots are in."
      />
      {!allowed ? (
        <NoPermission what="change the business settings" />
      ) : (
        <QueryState query={business} what="change the business settings">
          {() => (
            <>
              <BusinessForm
                name={business.data!.name}
                slug={business.data!.slug}
                timeZone={business.data!.timeZone}
              />
              <CallGreetingCard />
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}

function BusinessForm({ name, slug, timeZone }: { name: string; slug: string; timeZone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const update = useMutation(
    trpc.setup.updateBusiness.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.setup.pathKey() });
        // The sidebar shows the name; it is rendered on the server.
        router.refresh();
      },
    }),
  );
  const errs = fieldErrorsFrom(update.error);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setSaved(false);
    const ok = await update
      .mutateAsync({ name: String(f.get("name") ?? ""), timeZone: String(f.get("timeZone") ?? "") })
      .then(
        () => true,
        () => false,
      );
    setSaved(ok);
  }

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <Field
          label="Business name"
          name="name"
          defaultValue={name}
          required
          error={errs.fields.name}
          hint={`Up to 100 characters. Its address stays /t/${slug}.`}
        />
        <TimeZoneSelect fallback={timeZone} showAll error={errs.fields.timeZone} />
        <p className="text-xs text-slate-600">
          Business hours and booking slots keep their clock times (9:00 stays 9:00) in the new time zone.
        </p>
        <div className="flex items-center gap-3" aria-live="polite">
          <Button type="submit" busy={update.isPending}>
            Save
          </Button>
          {saved ? <SuccessNote message="Saved." /> : null}
          {update.error && !errs.field && !Object.keys(errs.fields).length ? (
            <ErrorBanner message={errs.message} />
          ) : null}
        </div>
      </form>
    </Card>
  );
}
