"use client";
// The lead inbox: the queue in SOP order with counts per group, filters, search, keyset pages
// ("Load more") and a quiet refresh every 15 s that keeps the pages already loaded.
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, SuccessNote } from "@/components/ui/form";
import { EmptyState, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { handoffWaitingFor } from "@/server/leads/handoff";
import { queueGroupLabel } from "@/server/leads/queue-order";
import { sourceLabel, STATUS_LABELS, urgencyLabel } from "@/server/leads/labels";
import { OverdueBadge, StatusBadge, TemperatureBadge, TestBadge, UrgencyBadge } from "./badges";
import { BusinessTimeProvider, TimeZoneNote, useBusinessTime } from "./business-time";
import { inboxFiltersFromUrl } from "./inbox-url-filters";
import { LEAD_SET_LABELS, type LeadSetKey } from "@/server/reports/definitions";
import { PhoneLink } from "./contact-links";
import { TestCallsNote } from "./test-calls-note";

type Filters = {
  status?: keyof typeof STATUS_LABELS;
  urgency?: "emergency" | "high" | "normal" | "low";
  source?: "phone" | "sms" | "web_form" | "referral" | "manual" | "marketplace";
  ownerId?: string;
  mine?: boolean;
  unowned?: boolean;
  overdue?: boolean;
  testCalls?: boolean;
  notACustomer?: boolean;
  q?: string;
  createdFrom?: string;
  createdTo?: string;
  figure?: LeadSetKey;
};

const REFRESH_MS = 15_000;
const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function Inbox({ canManage, timeZone }: { canManage: boolean; timeZone: string }) {
  return (
    <BusinessTimeProvider timeZone={timeZone}>
      <InboxBody canManage={canManage} />
    </BusinessTimeProvider>
  );
}

function InboxBody({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const { dateTime, relative } = useBusinessTime();
  const { slug } = useParams<{ slug: string }>();
  const params = useSearchParams();
  const notice = params.get("notice");
  const [filters, setFilters] = useState<Filters>(() => inboxFiltersFromUrl(params) as Filters);
  const [search, setSearch] = useState("");
  const [filtersOpen, setFiltersOpen] = useState(false);
  const input = useMemo(() => ({ ...filters, limit: 25 }), [filters]);

  const owners = useQuery(trpc.leads.owners.queryOptions());
  const counts = useQuery(
    trpc.leads.counts.queryOptions(filters, {
      refetchInterval: REFRESH_MS,
      placeholderData: keepPreviousData,
    }),
  );
  const list = useInfiniteQuery(
    trpc.leads.inbox.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor,
      refetchInterval: REFRESH_MS,
      placeholderData: keepPreviousData,
    }),
  );

  const set = (patch: Partial<Filters>) =>
    setFilters(
      (f) =>
        Object.fromEntries(
          Object.entries({ ...f, ...patch }).filter(([, v]) => v !== undefined && v !== "" && v !== false),
        ) as Filters,
    );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const testCalls = list.data?.pages[0]?.testCalls;

  return (
    <div className="max-w-6xl">
      <PageHeader
        title="Inbox"
        description="Work the queue top down: emergency, high, booked confirmations, follow-up needed, then the rest. Overdue first within each group."
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <Link
              href={`/t/${slug}/leads/new`}
              className="inline-flex items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Add lead
            </Link>
            {canManage ? (
              <Link
                href={`/t/${slug}/leads/stale`}
                className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
              >
                Close stale leads
              </Link>
            ) : null}
          </div>
        }
      />

      {notice === "rejected" ? (
        <div className="mb-4">
          <SuccessNote message="Handoff rejected: the lead went back to intake with your reason on its timeline." />
        </div>
      ) : null}
      {/* A summary, not controls: plain text, no borders that read as buttons. Filters are below. */}
      <section aria-label="Leads per queue group" className="mb-4 text-sm text-slate-600" aria-live="polite">
        <TimeZoneNote className="mb-1" />
        {counts.data ? (
          <p className="flex flex-wrap gap-x-4 gap-y-1">
            <span className="sr-only">Leads per queue group: </span>
            {counts.data.map((g) => (
              <span key={g.id} data-testid="group-count">
                {g.label}: <span className="font-semibold tabular-nums text-slate-900">{g.total}</span>
                {g.overdue ? <span className="ml-1 text-xs text-red-700">({g.overdue} overdue)</span> : null}
              </span>
            ))}
          </p>
        ) : null}
      </section>

      {/* On a phone the filters stay behind one button, so the queue is on the first screen. */}
      <div className="mb-3 sm:hidden">
        <Button
          type="button"
          variant="secondary"
          aria-expanded={filtersOpen}
          aria-controls="inbox-filters"
          onClick={() => setFiltersOpen((v) => !v)}
        >
          Filter{Object.keys(filters).length ? ` (${Object.keys(filters).length} on)` : ""}
        </Button>
      </div>
      <form
        id="inbox-filters"
        role="search"
        aria-label="Filter leads"
        className={`mb-4 flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:flex ${filtersOpen ? "flex" : "hidden"}`}
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search.trim() || undefined });
        }}
      >
        <label className="flex flex-col text-xs font-medium text-slate-600">
          Search
          <input
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Name, phone or ZIP"
            className={`${selectClass} mt-1 w-full sm:w-52`}
          />
        </label>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        <label className="flex flex-col text-xs font-medium text-slate-600">
          Status
          <select
            className={`${selectClass} mt-1`}
            value={filters.status ?? ""}
            onChange={(e) => set({ status: (e.target.value || undefined) as Filters["status"] })}
          >
            <option value="">Open (not closed)</option>
            {Object.entries(STATUS_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">
          Urgency
          <select
            className={`${selectClass} mt-1`}
            value={filters.urgency ?? ""}
            onChange={(e) => set({ urgency: (e.target.value || undefined) as Filters["urgency"] })}
          >
            <option value="">Any</option>
            {["emergency", "high", "normal", "low"].map((u) => (
              <option key={u} value={u}>
                {urgencyLabel(u)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">
          Source
          <select
            className={`${selectClass} mt-1`}
            value={filters.source ?? ""}
            onChange={(e) => set({ source: (e.target.value || undefined) as Filters["source"] })}
          >
            <option value="">Any</option>
            {["phone", "sms", "web_form", "referral", "manual", "marketplace"].map((s) => (
              <option key={s} value={s}>
                {sourceLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium text-slate-600">
          Owner
          <select
            className={`${selectClass} mt-1`}
            value={filters.ownerId ?? ""}
            onChange={(e) => set({ ownerId: e.target.value || undefined })}
          >
            <option value="">Anyone</option>
            {owners.data?.map((o) => (
              <option key={o.userId} value={o.userId}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        {(["mine", "unowned", "overdue", "testCalls", "notACustomer"] as const).map((k) => (
          <label key={k} className="flex min-h-6 items-center gap-1.5 pb-2 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={!!filters[k]}
              onChange={(e) => set({ [k]: e.target.checked || undefined })}
            />
            {k === "mine"
              ? "Mine"
              : k === "unowned"
                ? "Unowned"
                : k === "overdue"
                  ? "Overdue"
                  : k === "testCalls"
                    ? "Test calls"
                    : "Not a customer"}
          </label>
        ))}
        {Object.keys(filters).length ? (
          <button
            type="button"
            className="pb-2 text-sm text-slate-600 underline"
            onClick={() => {
              setFilters({});
              setSearch("");
            }}
          >
            Clear filters
          </button>
        ) : null}
      </form>

      {list.isPending ? <Loading label="Loading the queue…" /> : null}
      {list.error ? <LoadError error={list.error} retry={() => list.refetch()} /> : null}
      {filters.figure ? (
        <p className="mb-3 text-sm text-slate-600" data-testid="inbox-figure-note">
          The leads behind the report figure “{LEAD_SET_LABELS[filters.figure]}”
          {filters.createdFrom && filters.createdTo
            ? `, that came in from ${dateTime(filters.createdFrom)} to ${dateTime(filters.createdTo)}`
            : ""}
          : open and closed, test calls left out. The report counts these same leads.
        </p>
      ) : null}
      {filters.notACustomer ? (
        <p className="mb-3 text-sm text-slate-600">
          Calls the AI closed as not from a customer: salespeople, recorded messages and wrong numbers. They
          get no text and no callback, and are not billed. Open one and choose “This is a real customer” if
          the AI was wrong.
        </p>
      ) : null}
      {filters.testCalls ? (
        <TestCallsNote canManage={canManage} hasOpen={items.some((l) => l.status !== "closed")} />
      ) : null}
      {!filters.testCalls && testCalls === "all_no_real_leads" && items.length ? (
        <TestCallsNote
          canManage={canManage}
          hasOpen={items.some((l) => l.status !== "closed")}
          untilRealLeads
        />
      ) : null}
      {list.data && !items.length ? (
        <EmptyState
          title={Object.keys(filters).length ? "No leads match these filters." : "The inbox is empty."}
        >
          {Object.keys(filters).length ? (
            "Clear a filter to see more."
          ) : (
            <>
              New calls land here as soon as they are missed. To see how it works, place a call in{" "}
              <Link
                href={`/t/${slug}/simulator`}
                className="font-medium text-brand-700 underline underline-offset-2"
              >
                Test your flow
              </Link>
              .
            </>
          )}
        </EmptyState>
      ) : null}

      {items.length ? (
        <ol
          aria-label="Lead queue"
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
        >
          {items.map((lead, i) => {
            const header =
              i === 0 || items[i - 1]!.queueGroup !== lead.queueGroup
                ? queueGroupLabel(lead.queueGroup)
                : null;
            const waiting = handoffWaitingFor(lead.handoffMissing, lead.ownerName);
            return (
              <li key={lead.id} data-testid="inbox-row" data-group={lead.queueGroup}>
                {header ? (
                  <h2 className="bg-slate-50 px-4 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-600">
                    {header}
                  </h2>
                ) : null}
                {/* The whole row opens the lead (the name's link covers it); the phone number dials. */}
                <div className="relative flex flex-col gap-2 px-4 py-3 focus-within:bg-slate-50 hover:bg-slate-50 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
                  <div className="min-w-0 sm:flex-1">
                    <p className="flex flex-wrap items-center gap-2 font-medium">
                      <Link
                        href={`/t/${slug}/leads/${lead.id}`}
                        className="after:absolute after:inset-0 focus:outline-none focus-visible:underline"
                      >
                        {lead.callerName ?? "Unknown caller"}
                      </Link>
                      <PhoneLink
                        phone={lead.callerPhone}
                        className="relative z-10 text-sm font-normal text-slate-700 underline underline-offset-2"
                      />
                      <UrgencyBadge urgency={lead.urgency} />
                      <StatusBadge status={lead.status} />
                      <TemperatureBadge score={lead.temperature} band={lead.temperatureBand} />
                      {lead.isTest ? <TestBadge /> : null}
                      {lead.overdue ? <OverdueBadge noDueTime={!lead.dueAt} /> : null}
                    </p>
                    <p className="mt-0.5 truncate text-sm text-slate-600">
                      {lead.issueSummary ?? "No issue captured"}
                      {lead.zip ? ` · ZIP ${lead.zip}` : ""} · {sourceLabel(lead.source)} · received{" "}
                      <time
                        dateTime={new Date(lead.createdAt).toISOString()}
                        title={dateTime(lead.createdAt)}
                      >
                        {relative(lead.createdAt)}
                      </time>
                    </p>
                    {lead.notACustomer ? (
                      <p className="mt-0.5 text-sm font-medium text-slate-700" data-testid="not-a-customer">
                        {lead.notACustomer}
                      </p>
                    ) : null}
                    {waiting.length ? (
                      <p className="mt-0.5 text-xs text-amber-700" data-testid="handoff-waiting">
                        {waiting.join(" · ")}
                      </p>
                    ) : null}
                  </div>
                  <div className="min-w-0 break-words text-sm sm:max-w-[40%] sm:shrink-0 sm:text-right">
                    <p>{lead.ownerName ?? <span className="text-amber-700">Unowned</span>}</p>
                    <p className="text-slate-600">{lead.nextAction ?? "No next action"}</p>
                    <p className={lead.overdue ? "font-medium text-red-700" : "text-slate-600"}>
                      {lead.dueAt ? (
                        <>
                          due{" "}
                          <time dateTime={new Date(lead.dueAt).toISOString()} title={dateTime(lead.dueAt)}>
                            {relative(lead.dueAt)}
                          </time>
                        </>
                      ) : (
                        "no due time"
                      )}
                    </p>
                  </div>
                </div>
              </li>
            );
          })}
        </ol>
      ) : null}

      <div className="mt-4 flex items-center gap-3" aria-live="polite">
        {list.hasNextPage ? (
          <Button variant="secondary" busy={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            Load more
          </Button>
        ) : items.length ? (
          <p className="text-sm text-slate-500">End of the queue.</p>
        ) : null}
        {list.isRefetching && !list.isFetchingNextPage ? (
          <span className="text-xs text-slate-600">Refreshing…</span>
        ) : null}
      </div>
    </div>
  );
}
