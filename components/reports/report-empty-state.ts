// What the reports page says instead of a wall of zeros: when neither the period nor the one
// before it has a real call or lead, one empty state that says what will show here and how the
// first call comes in (links only to pages this person may open).
import type { Report } from "@/server/reports/report-schema";

/** Nothing to report: no real call or lead in the period nor in the one before it. */
export function isEmptyReport(r: Pick<Report, "current" | "previous">): boolean {
  return [r.current, r.previous].every((p) => p.calls === 0 && p.leads === 0);
}

export type ReportEmptyText = {
  title: string;
  body: string;
  /** Offer "place a call in Test your flow" (only to people allowed to place test calls). */
  testCallHint: boolean;
  /** Offer the setup checklist (the overview), for the people who set the business up, while it is not done. */
  setupHint: boolean;
};

export function reportEmptyText(o: {
  ownLeadsOnly: boolean;
  /** Any real lead ever, in any period: false for a new business. */
  hasRealLeads: boolean;
  canPlaceTestCalls: boolean;
  canSetUp: boolean;
  /** The setup checklist is done (undefined: not known yet). A done checklist is not offered again. */
  setupComplete?: boolean;
}): ReportEmptyText {
  if (o.hasRealLeads)
    return {
      title: "No calls or leads in this period or the one before.",
      body: "Pick another period to see its figures; this week and this month show calls as they come in.",
      testCallHint: false,
      setupHint: false,
    };
  if (o.ownLeadsOnly)
    return {
      title: "No leads of yours to report yet.",
      body: "Your numbers show here once leads are given to you: calls, bookings, visits and jobs won, with the previous period beside each.",
      testCallHint: false,
      setupHint: false,
    };
  return {
    title: "No calls or leads to report yet.",
    body: "Once real calls come in, this page shows the missed calls the AI rescued, the texts and bookings that followed, leads slipping through and the KPIs by lead source, each with the previous period beside it. Test calls are never counted here.",
    testCallHint: o.canPlaceTestCalls,
    setupHint: o.canSetUp && o.setupComplete === false,
  };
}
