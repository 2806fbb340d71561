// REST: GET /api/v1/reports/monthly — the key's business only, JSON or CSV, and a bad month
// answered with 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeApiKey, makeLead, makeTenant } from "@/prisma/factories";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { GET } from "@/app/api/v1/reports/monthly/route";
import { ZMonthlyReportResponse } from "./report-schema";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let keyA: string;
let keyB: string;

const get = (query: string, key?: string) =>
  GET(
    new Request(`http://localhost/api/v1/reports/monthly${query}`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    }),
  );

beforeAll(async () => {
  db = await useTestDatabase();
  const a = await makeTenant(db.prisma, { name: "Alpha Plumbing", timeZone: "America/Chicago" });
  const b = await makeTenant(db.prisma, { name: "Bravo Plumbing", timeZone: "America/Chicago" });
  keyA = (await makeApiKey(db.prisma, a.id)).secret;
  keyB = (await makeApiKey(db.prisma, b.id)).secret;
  // Alpha: three March leads (one booked and won for $900), one in February, one at 23:30 on
  // March 31 local time (April 1 in UTC) that still belongs to March.
  await makeLead(db.prisma, a.id, {
    createdAt: new Date("2026-03-04T15:00:00Z"),
    appointmentAt: new Date("2026-03-06T15:00:00Z"),
    status: "booked",
    visitOutcome: "showed",
    jobOutcome: "won",
    jobValueCents: 90_000,
    temperature: 70,
  });
  await makeLead(db.prisma, a.id, {
    createdAt: new Date("2026-03-10T15:00:00Z"),
    status: "missed",
    temperature: 30,
  });
  await makeLead(db.prisma, a.id, {
    createdAt: new Date("2026-04-01T04:30:00Z"),
    status: "missed",
    temperature: 20,
    source: "web_form",
  });
  await makeLead(db.prisma, a.id, {
    createdAt: new Date("2026-02-20T15:00:00Z"),
    status: "missed",
    temperature: 10,
  });
  // Bravo: one March lead only.
  await makeLead(db.prisma, b.id, {
    createdAt: new Date("2026-03-12T15:00:00Z"),
    status: "booked",
    appointmentAt: new Date("2026-03-13T15:00:00Z"),
    temperature: 90,
    source: "referral",
  });
});
afterAll(() => db.drop());

describe(`GET /api/v1/reports/monthly (${engineName})`, () => {
  it("refuses a request without a valid key with 401", async () => {
    expect((await get("?month=2026-03")).status).toBe(401);
    expect((await get("?month=2026-03", "lr_live_nope")).status).toBe(401);
  });

  it("answers the month's figures as JSON in the documented shape", async () => {
    const res = await get("?month=2026-03", keyA);
    expect(res.status).toBe(200);
    const report = ZMonthlyReportResponse.parse(await res.json());
    expect(report.business.name).toBe("Alpha Plumbing");
    expect(report.period).toMatchObject({
      firstDay: "2026-03-01",
      lastDay: "2026-03-31",
      label: "March 2026",
    });
    expect(report.current).toMatchObject({
      leads: 3,
      booked: 1,
      showed: 1,
      won: 1,
      wonValueCents: 90_000,
      appointmentRate: 1 / 3,
      closeRate: 1,
      averageTemperature: 40,
    });
    expect(report.previous).toMatchObject({ leads: 1, averageTemperature: 10 });
    expect(report.bySource.map((s) => [s.source, s.leads])).toEqual([
      ["phone", 2],
      ["web_form", 1],
    ]);
  });

  it("shows another business's key only that business's numbers", async () => {
    const report = ZMonthlyReportResponse.parse(await (await get("?month=2026-03", keyB)).json());
    expect(report.business.name).toBe("Bravo Plumbing");
    expect(report.current).toMatchObject({ leads: 1, booked: 1, averageTemperature: 90 });
    expect(report.previous.leads).toBe(0);
    expect(JSON.stringify(report)).not.toContain("Alpha");
  });

  it("answers &format=csv as text/csv, one row per figure", async () => {
    const res = await get("?month=2026-03&format=csv", keyA);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("period,first_day,last_day,section,figure,key,unit,value,previous_value");
    expect(lines).toContain("March 2026,2026-03-01,2026-03-31,kpis,Leads,leads,count,3,1");
    expect(lines).toContain(
      "March 2026,2026-03-01,2026-03-31,kpis,Value of jobs won,wonValueCents,cents,90000,0",
    );
  });

  it.each([
    ["", "month is required, like 2026-03."],
    ["?month=2026-13", "month must look like 2026-03."],
    ["?month=March", "month must look like 2026-03."],
  ])("answers %s with 400 naming the month field", async (query, message) => {
    const res = await get(query, keyA);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message, field: "month" } });
  });

  it("answers a bad format with 400 naming the format field", async () => {
    const res = await get("?month=2026-03&format=xml", keyA);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe("format");
  });
});
