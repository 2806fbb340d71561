"use client";
// The service area: add ZIP codes one by one, as a pasted list, or every ZIP within N miles of a
// ZIP — always previewed first with city and state — and the current list with search and pages.
import { PageHeader } from "@/components/ui/layout";
import { ReadOnlyNote } from "@/components/settings/access-states";
import { can, type TenantRole } from "@/server/auth/permissions";
import { AddZips } from "./add-zips-card";
import { CurrentZips } from "./current-zips-card";

export function ServiceAreaSettings({ role }: { role: TenantRole }) {
  const editable = can(role, "setup.write");
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Service area"
        description="The ZIP codes you serve. The AI asks every caller for their ZIP first; callers from other ZIPs are declined politely and logged."
      />
      {editable ? (
        <AddZips />
      ) : (
        <ReadOnlyNote>You can see the service area, but only an owner or manager can change it.</ReadOnlyNote>
      )}
      <CurrentZips editable={editable} />
    </div>
  );
}
