// The monthly report email: on the 1st from 8:00 business time, each owner gets last month's
// report by email (HTML with the plain text as the alternative: the same figures, and a link to
// the printable page). One email per owner
// and month, whatever the number of runs or workers (the outbox key is the month).
import { TZDate } from "@date-fns/tz";
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
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
  const lines = FIGURES.map(
    (f) =>
      `${f.label}: ${formatFigure(report.current[f.key], f.unit)} (previous month ${formatFigure(report.previous[f.key], f.unit)})`,
  );
  const leaks = `Leads slipping through right now: ${report.leaks.total} (no owner ${report.leaks.unowned}, overdue ${report.leaks.overdue}, no next action ${report.leaks.noNextAction}, handoff not accepted in time ${report.leaks.unacceptedPastWindow})`;
  const improvements = report.scriptImprovements
    .slice(0, 5)
    .map((s, i) => `${i + 1}. ${s.label} (${s.count}×)`);
  const followUps = followUpLines(report);
  return {
    subject: `${report.business.name}: your missed-lead report for ${report.period.label}`,
    body: [
      `Your missed-lead report for ${report.period.label}.`,
      "",
      ...lines,
      "",
      leaks,
      ...(improvements.length ? ["", "Script improvements:", ...improvements] : []),
      ...(followUps.length ? ["", "Follow-ups:", ...followUps] : []),
      "",
      `See it in full (and print it): ${link}`,
    ].join("\n"),
  };
}

/** The follow-up sequences in plain sentences: by source, opt-outs, the approval queue. */
export function followUpLines(report: Report): string[] {
  const f = report.followUps;
  if (!f || (!f.bySource.length && !f.queue.waiting)) return [];
  return [
    ...f.bySource.map(
      (s) =>
        `${s.label}: ${s.sequences} sequences, ${s.texted} texted, response rate ${formatFigure(s.responseRate, "rate")}, booking rate ${formatFigure(s.bookingRate, "rate")}`,
    ),
    ...f.optOuts
      .filter((o) => o.optedOut > 0)
      .map((o) => `Opt-outs during ${o.name}: ${o.optedOut} of ${o.texted}`),
    `Waiting for approval now: ${f.queue.waiting}${f.queue.medianWaitMinutes !== null ? `; median wait before approval ${formatFigure(f.queue.medianWaitMinutes, "minutes")}` : ""}`,
  ];
}

/** Text made safe for HTML: element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const SECTION_TITLES = { missed_leads: "Missed-lead report", kpis: "KPIs" } as const;
const cell = "padding:6px 8px;border-bottom:1px solid #d4d4d8;text-align:left";

/** The same figures as the text, as an HTML email: a table per section, leaks, script improvements, the link. Every value is escaped. */
export function monthlyEmailHtml(report: Report, link: string): string {
  const e = escapeHtml;
  const table = (section: keyof typeof SECTION_TITLES) => {
    const rows = FIGURES.filter((f) => f.section === section)
      .map(
        (f) =>
          `<tr><th scope="row" style="${cell};font-weight:normal">${e(f.label)}</th><td style="${cell}">${e(formatFigure(report.current[f.key], f.unit))}</td><td style="${cell};color:#52525b">${e(formatFigure(report.previous[f.key], f.unit))}</td></tr>`,
      )
      .join("");
    return `<h2 style="font-size:18px;margin:24px 0 8px">${e(SECTION_TITLES[section])}</h2>
<table role="table" style="border-collapse:collapse;width:100%;max-width:640px"><thead><tr><th scope="col" style="${cell}">Figure</th><th scope="col" style="${cell}">${e(report.period.label)}</th><th scope="col" style="${cell}">Previous month</th></tr></thead><tbody>${rows}</tbody></table>`;
  };
  const leaks: [string, number][] = [
    ["No owner", report.leaks.unowned],
    ["Past their due time", report.leaks.overdue],
    ["No next action", report.leaks.noNextAction],
    ["Handoff not accepted in time", report.leaks.unacceptedPastWindow],
  ];
  const improvements = report.scriptImprovements.slice(0, 5);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(report.business.name)}: missed-lead report for ${e(report.period.label)}</title></head>
<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#18181b;line-height:1.5;margin:0;padding:24px">
<h1 style="font-size:22px;margin:0 0 4px">${e(report.business.name)}</h1>
<p style="margin:0 0 16px">Your missed-lead report for ${e(report.period.label)}.</p>
${table("missed_leads")}
${table("kpis")}
<h2 style="font-size:18px;margin:24px 0 8px">Leads slipping through right now: ${e(String(report.leaks.total))}</h2>
<ul style="margin:0;padding-left:20px">${leaks.map(([label, n]) => `<li>${e(label)}: ${e(String(n))}</li>`).join("")}</ul>
${
  followUpLines(report).length
    ? `<h2 style="font-size:18px;margin:24px 0 8px">Follow-ups</h2><ul style="margin:0;padding-left:20px">${followUpLines(
        report,
      )
        .map((l) => `<li>${e(l)}</li>`)
        .join("")}</ul>`
    : ""
}
${improvements.length ? `<h2 style="font-size:18px;margin:24px 0 8px">Script improvements</h2><ol style="margin:0;padding-left:20px">${improvements.map((s) => `<li>${e(s.label)} (${e(String(s.count))}×)</li>`).join("")}</ol>` : ""}
<p style="margin:24px 0 0"><a href="${e(link)}" style="color:#1d4ed8;text-decoration:underline">See the full report (and print it)</a></p>
</body></html>`;
}

export async function sendMonthlyReports(
  sys: SystemDb,
  opts: { now: Date; baseUrl: string; enqueue?: Enqueue },
): Promise<number> {
  const tenants = await globalDb(sys).tenant.findMany({ select: { id: true, slug: true, timeZone: true } });
  let sent = 0;
  for (const t of tenants.filter((x) => isMonthlyReportTime(opts.now, x.timeZone))) {
    const month = lastMonthOf(opts.now, t.timeZone);
    const db = forTenant(sys, t.id);
    const owners = await db.membership.findMany({
      where: { tenantId: t.id, role: "owner" },
      select: { userId: true, user: { select: { email: true } } },
    });
    // Already emailed this month (every owner): nothing to compute.
    const done = await db.notification.count({
      where: { tenantId: t.id, channel: "email", key: `report.monthly:${month}` },
    });
    if (!owners.length || done >= owners.length) continue;
    const report = await getReport(
      { db, tenantId: t.id, viewer: { userId: owners[0]!.userId, role: "owner" } },
      { kind: "month", month },
      opts.now,
    );
    const link = `${opts.baseUrl.replace(/\/$/, "")}/t/${t.slug}/reports/print?month=${month}`;
    const { subject, body } = monthlyEmailText(report, link);
    const html = monthlyEmailHtml(report, link);
    for (const o of owners) {
      const res = await notify({
        db,
        tenantId: t.id,
        userId: o.userId,
        channel: "email",
        to: o.user.email,
        purpose: "report.monthly",
        key: `report.monthly:${month}`,
        subject,
        body,
        html,
        enqueue: opts.enqueue,
      });
      if (res.created) sent++;
    }
  }
  return sent;
}
