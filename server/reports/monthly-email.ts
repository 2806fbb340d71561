// The monthly report email: on the 1st from 8:00 business time, each owner gets last month's
// report by email (the figures as text, and a link to the printable page). One email per owner
// and month, whatever the number of runs or workers (the outbox key is the month).
import { TZDate } from "@date-fns/tz";
import type { PrismaClient } from "@/server/db/generated/client";
import { tenantScoped } from "@/server/db/tenant-scope";
import { notify, type Enqueue } from "@/server/notifications/outbox";
import { FIGURES, formatFigure } from "./figures";
import { getReport } from "./query-report";
import type { Report } from "./report-schema";

/** The 1st of the month from 8:00 local time: last month's report is due. */
export function isMonthlyReportTime(now: Date, timeZone: string): boolean {
  const local = new TZDate(now.getTime(), timeZone);
  return local.getDate() === 1 && local.getHours() >= 8;
}

/** The month before "now" in the business's zone, YYYY-MM. */
export function lastMonthOf(now: Date, timeZone: string): string {
  const local = new TZDate(now.getTime(), timeZone);
  const d = new Date(Date.UTC(local.getFullYear(), local.getMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

export function monthlyEmailText(report: Report, link: string): { subject: string; body: string } {
  const lines = FIGURES.map((f) => `${f.label}: ${formatFigure(report.current[f.key], f.unit)} (previous month ${formatFigure(report.previous[f.key], f.unit)})`);
  const leaks = `Open lead leaks right now: ${report.leaks.total} (no owner ${report.leaks.unowned}, overdue ${report.leaks.overdue}, no next action ${report.leaks.noNextAction}, handoff not accepted in time ${report.leaks.unacceptedPastWindow})`;
  const improvements = report.scriptImprovements.slice(0, 5).map((s, i) => `${i + 1}. ${s.label} (${s.count}×)`);
  return {
    subject: `${report.business.name}: your missed-lead report for ${report.period.label}`,
    body: [`Your missed-lead report for ${report.period.label}.`, "", ...lines, "", leaks, ...(improvements.length ? ["", "Script improvements:", ...improvements] : []), "", `See it in full (and print it): ${link}`].join("\n"),
  };
}

export async function sendMonthlyReports(prisma: PrismaClient, opts: { now: Date; baseUrl: string; enqueue?: Enqueue }): Promise<number> {
  const tenants = await prisma.tenant.findMany({ select: { id: true, slug: true, timeZone: true } });
  let sent = 0;
  for (const t of tenants.filter((x) => isMonthlyReportTime(opts.now, x.timeZone))) {
    const month = lastMonthOf(opts.now, t.timeZone);
    const owners = await prisma.membership.findMany({ where: { tenantId: t.id, role: "owner" }, select: { userId: true, user: { select: { email: true } } } });
    // Already emailed this month (every owner): nothing to compute.
    const done = await prisma.notification.count({ where: { tenantId: t.id, channel: "email", key: `report.monthly:${month}` } });
    if (!owners.length || done >= owners.length) continue;
    const report = await getReport({ db: tenantScoped(prisma, t.id), prisma, tenantId: t.id, viewer: { userId: owners[0]!.userId, role: "owner" } }, { kind: "month", month }, opts.now);
    const { subject, body } = monthlyEmailText(report, `${opts.baseUrl.replace(/\/$/, "")}/t/${t.slug}/reports/print?month=${month}`);
    for (const o of owners) {
      const res = await notify({ prisma, tenantId: t.id, userId: o.userId, channel: "email", to: o.user.email, purpose: "report.monthly", key: `report.monthly:${month}`, subject, body, enqueue: opts.enqueue });
      if (res.created) sent++;
    }
  }
  return sent;
}
