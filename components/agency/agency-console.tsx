"use client";
// The agency console: every business of the operator's agency with its health, needs-attention
// first; search, open, pause/resume with a reason, and add a business.
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Select } from "@/components/ui/form";
import { EmptyState, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { AddBusinessForm } from "./add-business-form";
import { BusinessTable } from "./business-table";

export function AgencyConsole() {
  const trpc = useTRPC();
  const [agencyId, setAgencyId] = useState<string | undefined>(undefined);
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<"attention" | "name">("attention");
  const [adding, setAdding] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const q = useQuery(trpc.agency.overview.queryOptions(agencyId ? { agencyId } : undefined));

  const rows = useMemo(() => {
    const all = q.data?.tenants ?? [];
    const needle = search.trim().toLowerCase();
    const found = needle
      ? all.filter((t) => t.name.toLowerCase().includes(needle) || t.slug.includes(needle))
      : all;
    return sort === "name" ? [...found].sort((a, b) => a.name.localeCompare(b.name)) : found;
  }, [q.data, search, sort]);

  if (q.isPending) return <Loading label="Loading your businesses…" />;
  if (q.error) return <LoadError error={q.error} retry={() => q.refetch()} what="agency console" />;
  const { agency, agencies, tenants } = q.data;
  const attention = tenants.filter((t) => t.health !== "ok").length;

  return (
    <div>
      <PageHeader
        title="Agency console"
        description={`${agency.name}: ${tenants.length} business${tenants.length === 1 ? "" : "es"}${tenants.length ? `, ${attention} need${attention === 1 ? "s" : ""} attention` : ""}.`}
        actions={
          <button
            type="button"
            onClick={() => setAdding((a) => !a)}
            aria-expanded={adding}
            aria-controls="add-business"
            className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
          >
            {adding ? "Close the form" : "Add a business"}
          </button>
        }
      />
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {adding ? (
        <div id="add-business" className="mb-6">
          <AddBusinessForm agencyId={agencyId} onDone={(msg) => setAnnouncement(msg)} />
        </div>
      ) : null}

      <div className="mb-4 flex flex-wrap items-end gap-3">
        {agencies.length > 1 ? (
          <Select
            label="Agency"
            value={agency.id}
            onChange={(e) => setAgencyId(e.target.value)}
            className="w-full sm:w-56"
          >
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        ) : null}
        <div className="w-full sm:w-72">
          <label htmlFor="agency-search" className="block text-sm font-medium text-slate-700">
            Search businesses
          </label>
          <input
            id="agency-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Business name"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
          />
        </div>
        <Select
          label="Sort by"
          value={sort}
          onChange={(e) => setSort(e.target.value as "attention" | "name")}
          className="w-full sm:w-48"
        >
          <option value="attention">Needs attention</option>
          <option value="name">Name</option>
        </Select>
      </div>

      {tenants.length === 0 ? (
        <EmptyState title="No businesses yet">
          Add your first client business with “Add a business”.
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title={`No business matches “${search.trim()}”`}>
          Check the spelling, or clear the search.
        </EmptyState>
      ) : (
        <BusinessTable rows={rows} agencyId={agencyId} onChanged={setAnnouncement} />
      )}
    </div>
  );
}
