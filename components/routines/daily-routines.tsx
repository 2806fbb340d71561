"use client";
// The daily routine: Morning, Midday and End of day tabs, each a few lead lists in the
// business's time zone. The server decides what belongs in each list.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams, useRouter, useSearchParams } from "next/navigation";
import { useRef, type KeyboardEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { ShowMore } from "@/components/ui/show-more";
import { Card, EmptyState, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { StatusBadge, TemperatureBadge, UrgencyBadge } from "@/components/leads/badges";
import { temperatureBand } from "@/server/leads/temperature";
import { ROUTINE_TABS, type RoutineSection, type RoutineTab } from "@/server/routines/routine-tabs";
import { dateTimeIn, timeZoneNote } from "@/components/leads/format";
import { callerLabel, phoneLabel } from "@/server/leads/labels";

const TABS = (
  [
    { key: "morning", label: "Morning" },
    { key: "midday", label: "Midday" },
    { key: "end-of-day", label: "End of day" },
  ] as const satisfies readonly { key: RoutineTab; label: string }[]
).map((t) => ({ ...t, sections: ROUTINE_TABS[t.key] }));
type TabKey = RoutineTab;

const REFRESH_MS = 30_000;

// The one formatter the lead pages and notifications use too (business time zone, en-US).
function formatIn(tz: string, opts: Intl.DateTimeFormatOptions) {
  return (d: Date | string | null | undefined) => dateTimeIn(tz, d, opts);
}

function sectionText(
  section: RoutineSection,
  w: { previousClose: Date; previousCloseName: string; morningStart: Date },
  fmt: (d: Date) => string,
): { title: string; description: string; empty: string } {
  switch (section) {
    case "new":
      return {
        title: `New since ${w.previousCloseName}`,
        description: `Leads that came in since ${fmt(w.previousClose)}.`,
        empty: "No new leads since the last close.",
      };
    case "hot":
      return {
        title: "Hot leads",
        description:
          "Open leads with a temperature above 80, and every emergency: these need a person first.",
        empty: "No hot leads right now.",
      };
    case "appointments":
      return {
        title: "Today's appointments",
        description: "Visits booked for today: confirm them.",
        empty: "No appointments today.",
      };
    case "activity":
      return {
        title: "New responses and activity since the morning",
        description: `Leads that moved since ${fmt(w.morningStart)}: new calls, touchpoints, status changes.`,
        empty: "Nothing has moved since the morning.",
      };
    case "review":
      return {
        title: "Review list: no recorded next action",
        description: "Every open lead without a next action gets reviewed before the end of the day.",
        empty: "Every open lead has a next action.",
      };
    case "callbacks":
      return {
        title: "Tomorrow's callbacks",
        description: "Next actions and estimate follow-ups due tomorrow.",
        empty: "No callbacks due tomorrow.",
      };
  }
}

function pickDefaultTab(now: Date, w: { todayStart: Date; endOfDay: Date }): TabKey {
  const hours = (now.getTime() - new Date(w.todayStart).getTime()) / 3_600_000;
  if (now.getTime() >= new Date(w.endOfDay).getTime() - 3_600_000) return "end-of-day";
  return hours < 11 ? "morning" : "midday";
}

export function DailyRoutines() {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const { slug } = useParams<{ slug: string }>();
  const summary = useQuery(trpc.routines.summary.queryOptions(undefined, { refetchInterval: REFRESH_MS }));
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  if (summary.isPending) return <Loading />;
  if (summary.error) return <LoadError error={summary.error} retry={() => summary.refetch()} />;
  const { windows, counts, tabCounts } = summary.data;
  const requested = params.get("tab");
  const tab: TabKey = TABS.some((t) => t.key === requested)
    ? (requested as TabKey)
    : pickDefaultTab(new Date(), windows);
  const current = TABS.find((t) => t.key === tab)!;
  const select = (key: TabKey) => router.replace(`/t/${slug}/routines?tab=${key}`, { scroll: false });
  const onKey = (e: KeyboardEvent, i: number) => {
    const next =
      e.key === "ArrowRight"
        ? (i + 1) % TABS.length
        : e.key === "ArrowLeft"
          ? (i + TABS.length - 1) % TABS.length
          : null;
    if (next === null) return;
    e.preventDefault();
    select(TABS[next]!.key);
    tabRefs.current[next]?.focus();
  };
  const time = formatIn(windows.timeZone, { weekday: "short", hour: "numeric", minute: "2-digit" });

  return (
    <div className="max-w-4xl">
      <PageHeader
        title="Today"
        description={
          <>
            Your daily routine: review new leads in the morning and late afternoon. Test calls from the
            simulator are not counted here.
            <span className="mt-1 block text-xs text-slate-500" data-testid="time-zone-note">
              {timeZoneNote(windows.timeZone)}
            </span>
          </>
        }
      />
      <div role="tablist" aria-label="Routine" className="mb-6 flex gap-1 border-b border-slate-200">
        {TABS.map((t, i) => {
          // Different leads on the tab: one lead on two of its lists is one.
          const n = tabCounts[t.key];
          return (
            <button
              key={t.key}
              ref={(el) => {
                tabRefs.current[i] = el;
              }}
              role="tab"
              id={`tab-${t.key}`}
              aria-selected={t.key === tab}
              aria-controls={`panel-${t.key}`}
              tabIndex={t.key === tab ? 0 : -1}
              onClick={() => select(t.key)}
              onKeyDown={(e) => onKey(e, i)}
              className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${t.key === tab ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {t.label}{" "}
              <span className="ml-1 rounded-full bg-slate-100 px-2 text-xs text-slate-600">{n}</span>
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="flex flex-col gap-6">
        {current.sections.map((s) => (
          <RoutineList
            key={s}
            section={s}
            count={counts[s]}
            text={sectionText(s, windows, time)}
            timeZone={windows.timeZone}
          />
        ))}
      </div>
    </div>
  );
}

function RoutineList({
  section,
  count,
  text,
  timeZone,
}: {
  section: RoutineSection;
  count: number;
  text: { title: string; description: string; empty: string };
  timeZone: string;
}) {
  const trpc = useTRPC();
  const { slug } = useParams<{ slug: string }>();
  const list = useInfiniteQuery(
    trpc.routines.section.infiniteQueryOptions(
      { section },
      { getNextPageParam: (page) => page.nextCursor, refetchInterval: REFRESH_MS },
    ),
  );
  const when = formatIn(timeZone, {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card title={`${text.title} (${count})`} description={text.description}>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={text.empty} />
      ) : (
        <>
          <ul className="divide-y divide-slate-100" aria-label={text.title}>
            {items.map((lead) => {
              const band = temperatureBand(lead.temperature);
              return (
                <li key={lead.id}>
                  <Link
                    href={`/t/${slug}/leads/${lead.id}`}
                    className="flex flex-wrap items-start justify-between gap-3 py-3 hover:bg-slate-50 focus:bg-slate-50 focus:outline-none"
                  >
                    <div className="min-w-0">
                      <p className="text-sm font-medium">
                        {callerLabel(lead)}
                        {lead.callerName && lead.callerPhone ? (
                          <span className="ml-2 text-xs font-normal text-slate-500">
                            {phoneLabel(lead.callerPhone)}
                          </span>
                        ) : null}
                      </p>
                      <p className="truncate text-xs text-slate-600">
                        {lead.issueSummary ?? "No issue recorded yet"}
                      </p>
                      <p className="mt-1 text-xs text-slate-500">
                        {section === "appointments" ? `Appointment ${when(lead.appointmentAt)}` : null}
                        {section === "callbacks"
                          ? `${lead.nextAction ?? "Follow up"} — due ${when(lead.dueAt ?? lead.followUpAt)}`
                          : null}
                        {section === "review" ? `Created ${when(lead.createdAt)} · no next action` : null}
                        {section === "new" || section === "hot"
                          ? `Came in ${when(lead.createdAt)}${lead.nextAction ? ` · next: ${lead.nextAction}` : ""}`
                          : null}
                        {section === "activity" ? `Last movement ${when(lead.lastActivityAt)}` : null}
                        {` · ${lead.owner?.name ?? "unowned"}`}
                      </p>
                    </div>
                    <div className="flex flex-wrap items-center gap-1">
                      {lead.isEscalated ? (
                        <span className="inline-flex items-center rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-200">
                          Escalated
                        </span>
                      ) : null}
                      {lead.reviewedToday ? (
                        <span className="inline-flex items-center rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800">
                          On today&apos;s review
                        </span>
                      ) : null}
                      <UrgencyBadge urgency={lead.urgency} />
                      <StatusBadge status={lead.status} />
                      <TemperatureBadge score={lead.temperature} band={band.key} />
                    </div>
                  </Link>
                </li>
              );
            })}
          </ul>
          <ShowMore list={list} />
        </>
      )}
    </Card>
  );
}
