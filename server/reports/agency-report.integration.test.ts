// The agency roll-up: each business's KPIs for its own local period, pooled totals, the CSV, and
// nothing from another agency's businesses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/server/db/system";
import { makeLead, makeTenant, makeUser } from "@/prisma/factories";
import { callerFor } from "@/server/test/caller";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { agencyReport, agencyReportCsv } from "./agency-report";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let agencyId: string;
let operatorId: string;
const NOW = new Date("2026-04-10T12:00:00Z");

beforeAll(async () => {
  db = await useTestDatabase();
  const prisma = db.prisma;
  agencyId = (await prisma.agency.create({ data: { name: "Roll-up Agency" } })).id;
  const other = await prisma.agency.create({ data: { name: "Other Agency" } });
  operatorId = (await makeUser(prisma, { name: "Operator" })).id;
  await prisma.agencyMember.create({ data: { agencyId, userId: operatorId } });
  const chicago = await makeTenant(prisma, { name: "Alpha Plumbing", timeZone: "America/Chicago", agencyId });
  const honolulu = await makeTenant(prisma, {
    name: "Bravo Plumbing",
    timeZone: "Pacific/Honolulu",
    agencyId,
  });
  const outsider = await makeTenant(prisma, { name: "Zulu Plumbing", agencyId: other.id });
  // Alpha (Chicago): two March leads, one booked; the 04:30 UTC April 1 lead is March 31 locally.
  await makeLead(prisma, chicago.id, {
    createdAt: new Date("2026-03-05T15:00:00Z"),
    appointmentAt: new Date("2026-03-07T15:00:00Z"),
    status: "booked",
    temperature: 80,
  });
  await makeLead(prisma, chicago.id, {
    createdAt: new Date("2026-04-01T04:30:00Z"),
    status: "missed",
    temperature: 20,
  });
  // Bravo (Honolulu, UTC−10): 08:00 UTC April 1 is still March 31 there; 11:00 UTC April 1 is April.
  await makeLead(prisma, honolulu.id, {
    createdAt: new Date("2026-04-01T08:00:00Z"),
    status: "missed",
    temperature: 50,
  });
  await makeLead(prisma, honolulu.id, {
    createdAt: new Date("2026-04-01T11:00:00Z"),
    status: "missed",
    temperature: 10,
  });
  await makeLead(prisma, outsider.id, {
    createdAt: new Date("2026-03-10T15:00:00Z"),
    status: "booked",
    appointmentAt: new Date("2026-03-11T15:00:00Z"),
  });
});
afterAll(() => db?.drop());

describe(`agency roll-up (${engineName})`, () => {
  it("gives each business its own local month and pools the totals", async () => {
    const r = await agencyReport(systemDb(db.prisma), agencyId, { kind: "last_month" }, NOW);
    expect(r.label).toBe("March 2026");
    expect(
      r.rows.map((x) => [
        x.name,
        x.firstDay,
        x.lastDay,
        x.figures.leads,
        x.figures.booked,
        x.figures.averageTemperature,
      ]),
    ).toEqual([
      ["Alpha Plumbing", "2026-03-01", "2026-03-31", 2, 1, 50],
      ["Bravo Plumbing", "2026-03-01", "2026-03-31", 1, 0, 50],
    ]);
    expect(r.totals).toMatchObject({ leads: 3, booked: 1, appointmentRate: 1 / 3, averageTemperature: 50 });
  });

  it("exports one CSV row per business and a totals row", async () => {
    const csv = agencyReportCsv(
      await agencyReport(systemDb(db.prisma), agencyId, { kind: "last_month" }, NOW),
    )
      .trim()
      .split("\r\n");
    expect(
      csv[0]!.startsWith(
        "business,slug,first_day,last_day,Calls (count),Missed calls (the plumber did not answer) (count)",
      ),
    ).toBe(true);
    expect(csv[0]).toContain("Value of jobs won ($),Response rate (%)");
    expect(csv).toHaveLength(4);
    expect(csv[3]!.startsWith("All businesses,,,,0,0,")).toBe(true);
  });

  it("answers the operator through the agency gate, without other agencies' businesses", async () => {
    const res = await callerFor(db.prisma, operatorId).agency.reports({ period: { kind: "this_month" } });
    expect(res.rows.map((x) => x.name)).toEqual(["Alpha Plumbing", "Bravo Plumbing"]);
    expect(JSON.stringify(res)).not.toContain("Zulu");
  });
});
