"use client";
// The lead inbox: the queue in its working order with counts per group, filters, search, keyset pages
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
import { sourceLabel } from "@/server/leads/labels";
import { OverdueBadge, StatusBadge, TemperatureBadge, TestBadge, UrgencyBadge } from "./badges";
import { BusinessTimeProvider, TimeZoneNote, useBusinessTime } from "./business-time";
import { inboxFiltersFromUrl } from "./inbox-url-filters";
import { LEAD_SET_LABELS, type LeadSetKey } from "@/server/reports/definitions";
import { PhoneLink } from "./contact-links";
import { TestCallsNote } from "./test-calls-note";
import { InboxFilters, type FilterValues } from "./inbox-filters";
import { inboxEmptyText, type InboxEmptyText } from "./inbox-empty-state";

/** What the inbox filters on: the controls' values, and a report figure's leads over its dates. */
type Filters = FilterValues & {
  createdFrom?: string;
  createdTo?: string;
  figure?: LeadSetKey;
};

const REFRESH_MS = 15_000;

export function Inbox({
  canManage,
  canPlaceTestCalls,
  timeZone,
}: {
  canManage: boolean;
  canPlaceTestCalls: boolean;
  timeZone: string;
}) {
  return (
    <BusinessTimeProvider timeZone={timeZone}>
      <InboxBody canManage={canManage} canPlaceTestCalls={canPlaceTestCalls} />
    </BusinessTimeProvider>
  );
}

function InboxEmpty({ text, slug }: { text: InboxEmptyText; slug: string }) {
  return (
    <EmptyState title={text.title}>
      {text.othersNote ? (
        <span className="block font-medium text-slate-900" data-testid="others-open">
          {text.othersNote}
        </span>
      ) : null}
      {text.body}
      {text.testCallHint ? (
        <>
          {" "}
          To see how it works, place a call in{" "}
          <Link
            href={`/t/${slug}/simulator`}
            className="font-medium text-brand-700 underline underline-offset-2"
          >
            Test your flow
          </Link>
          .
        </>
      ) : null}
    </EmptyState>
  );
}

function InboxBody({ canManage, canPlaceTestCalls }: { canManage: boolean; canPlaceTestCalls: boolean }) {
  const trpc = useTRPC();
  const { dateTime, relative } = useBusinessTime();
  const { slug } = useParams<{ slug: string }>();
  const params = useSearchParams();
  const notice = params.get("notice");
  const [filters, setFilters] = useState<Filters>(() => inboxFiltersFromUrl(params) as Filters);
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

      <InboxFilters
        filters={filters}
        set={set}
        clear={() => setFilters({})}
        owners={owners.data}
        open={filtersOpen}
        toggle={() => setFiltersOpen((v) => !v)}
      />

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
        <InboxEmpty
          text={inboxEmptyText({
            filtered: Object.keys(filters).length > 0,
            canPlaceTestCalls,
            othersOpen: list.data.pages[0]?.othersOpen ?? [],
          })}
          slug={slug}
        />
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
            const waiting = handoffWaitingFor(lead.handoffMissing, lead.ownerName, lead.ownedByViewer);
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
                    {/* The problem may be cut short on a phone; where it came from and when never are. */}
                    <p className="mt-0.5 truncate text-sm text-slate-600">
                      {lead.issueSummary ?? "No issue captured"}
                    </p>
                    <p className="text-sm text-slate-600" data-testid="inbox-row-received">
                      {lead.zip ? `ZIP ${lead.zip} · ` : ""}
                      {sourceLabel(lead.source)} ·{" "}
                      <span className="whitespace-nowrap">
                        received{" "}
                        <time
                          dateTime={new Date(lead.createdAt).toISOString()}
                          title={dateTime(lead.createdAt)}
                        >
                          {relative(lead.createdAt)}
                        </time>
                      </span>
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
