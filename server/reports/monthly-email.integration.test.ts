// The monthly report email: on the 1st from 8:00 business time every owner gets last month's
// figures and the printable page's link, once per month however often the job runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/server/db/system";
import { addMember, makeLead, makeTenant, makeUser } from "@/prisma/factories";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { isMonthlyReportTime, lastMonthOf, monthlyEmailHtml, sendMonthlyReports } from "./monthly-email";
import type { Report } from "./report-schema";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let tenantId: string;
const enqueue = async () => null;
const base = "https://rescue.example.test";

beforeAll(async () => {
  db = await useTestDatabase();
  const owner = await makeUser(db.prisma, { email: "olivia@monthly.test", name: "Olivia" });
  const coOwner = await makeUser(db.prisma, { email: "omar@monthly.test", name: "Omar" });
  const staff = await makeUser(db.prisma, { email: "sam@monthly.test", name: "Sam" });
  const t = await makeTenant(db.prisma, {
    name: "Monthly Plumbing",
    slug: "monthly-plumbing",
    timeZone: "America/Chicago",
    ownerId: owner.id,
  });
  tenantId = t.id;
  await addMember(db.prisma, t.id, coOwner.id, "owner");
  await addMember(db.prisma, t.id, staff.id, "staff");
  await makeLead(db.prisma, t.id, {
    createdAt: new Date("2026-03-05T15:00:00Z"),
    appointmentAt: new Date("2026-03-06T15:00:00Z"),
    status: "booked",
    jobOutcome: "won",
    visitOutcome: "showed",
    jobValueCents: 50_000,
  });
  await makeLead(db.prisma, t.id, { createdAt: new Date("2026-03-20T15:00:00Z"), status: "missed" });
});
afterAll(() => db?.drop());

describe(`monthly report email (${engineName})`, () => {
  it("is due on the 1st from 8:00 business time, for the month before", () => {
    expect(isMonthlyReportTime(new Date("2026-04-01T12:59:00Z"), "America/Chicago")).toBe(false); // 07:59 CDT
    expect(isMonthlyReportTime(new Date("2026-04-01T13:00:00Z"), "America/Chicago")).toBe(true);
    expect(isMonthlyReportTime(new Date("2026-04-02T13:00:00Z"), "America/Chicago")).toBe(false);
    expect(lastMonthOf(new Date("2026-01-01T15:00:00Z"), "America/Chicago")).toBe("2025-12");
  });

  it("emails every owner last month's figures once, with the printable page's link", async () => {
    expect(
      await sendMonthlyReports(systemDb(db.prisma), {
        now: new Date("2026-04-01T12:00:00Z"),
        baseUrl: base,
        enqueue,
      }),
    ).toBe(0);
    expect(
      await sendMonthlyReports(systemDb(db.prisma), {
        now: new Date("2026-04-01T13:30:00Z"),
        baseUrl: base,
        enqueue,
      }),
    ).toBe(2);
    expect(
      await sendMonthlyReports(systemDb(db.prisma), {
        now: new Date("2026-04-01T14:30:00Z"),
        baseUrl: base,
        enqueue,
      }),
    ).toBe(0);
    const mails = await db.prisma.notification.findMany({
      where: { tenantId, channel: "email" },
      orderBy: { to: "asc" },
    });
    expect(mails.map((m) => [m.to, m.purpose, m.key])).toEqual([
      ["olivia@monthly.test", "report.monthly", "report.monthly:2026-03"],
      ["omar@monthly.test", "report.monthly", "report.monthly:2026-03"],
    ]);
    const body = mails[0]!.body;
    expect(mails[0]!.subject).toBe("Monthly Plumbing: your missed-lead report for March 2026");
    expect(body).toContain("Leads: 2 (previous month 0)");
    expect(body).toContain("Value of jobs won: $500.00 (previous month $0.00)");
    expect(body).toContain("Close rate: 100% (previous month —)");
    expect(body).toContain(
      `See it in full (and print it): ${base}/t/monthly-plumbing/reports/print?month=2026-03`,
    );

    // The HTML part: the same figures in a table per section, the month before beside each, and the link.
    const html = mails[0]!.html ?? "";
    const row = (label: string, value: string, previous: string) =>
      new RegExp(
        `<th scope="row"[^>]*>${label}</th><td[^>]*>${value.replace(/[$.]/g, "\\$&")}</td><td[^>]*>${previous.replace(/[$.]/g, "\\$&")}</td>`,
      );
    expect(html).toMatch(row("Leads", "2", "0"));
    expect(html).toMatch(row("Value of jobs won", "$500.00", "$0.00"));
    expect(html).toMatch(row("Close rate", "100%", "—"));
    expect(html).toContain(`<a href="${base}/t/monthly-plumbing/reports/print?month=2026-03"`);
    expect(html).toContain('<h1 style="font-size:22px;margin:0 0 4px">Monthly Plumbing</h1>');
    expect(mails[1]!.html).toBe(html);
  });

  it("escapes every value in the HTML: the business name, the labels, the link", async () => {
    const sent = await db.prisma.notification.findFirstOrThrow({ where: { tenantId, channel: "email" } });
    expect(sent.html).not.toBeNull();
    const report = {
      business: { name: `Bob & "Sons" <script>alert(1)</script>`, timeZone: "America/Chicago" },
      period: { label: "March <2026>" },
      current: {},
      previous: {},
      leaks: { total: 0, unowned: 0, overdue: 0, noNextAction: 0, unacceptedPastWindow: 0 },
      scriptImprovements: [
        { kind: "hung_up", key: "x", label: "Callers hung up at <b>the x step</b>", count: 2 },
      ],
    } as unknown as Report;
    const html = monthlyEmailHtml(report, `https://x.test/print?a=1&b="><script>`);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("Bob &amp; &quot;Sons&quot; &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("March &lt;2026&gt;");
    expect(html).toContain("Callers hung up at &lt;b&gt;the x step&lt;/b&gt; (2×)");
    expect(html).toContain(`<a href="https://x.test/print?a=1&amp;b=&quot;&gt;&lt;script&gt;"`);
  });
});
