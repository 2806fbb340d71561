// The weekly handoff QA through the real job and mutations: last week's accepted, rejected and
// escalated handoffs are sampled on Monday (once, however often the job runs), answered on the
// QA page's procedures, and the share of "no" answers shows in the report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/server/db/system";
import type { PrismaClient } from "@/server/db/generated/client";
import { makeInboxLead } from "@/prisma/factories";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { callerFor, errorCode } from "@/server/test/caller";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { handoffQaJob } from "./jobs";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
const CONFIRM = { sawNotes: true, understandsNextStep: true, knowsDeadline: true, enoughContext: true };
const MONDAY = new Date("2026-03-09T13:00:00Z"); // 08:00 CDT
const run = (now: Date) => handoffQaJob.work({}, { sys: systemDb(prisma), now: () => now });

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma, { name: "Weekly Plumbing" });
  const office = callerFor(prisma, biz.officeId, biz.tenant.slug);
  // Last week (March 2–8): four leads routed to the office; two accepted, one rejected, and one escalated.
  const leads = [];
  for (let i = 0; i < 4; i++)
    leads.push(
      await makeInboxLead(prisma, biz.tenant.id, {
        callerName: `Caller ${i}`,
        createdAt: new Date("2026-03-03T15:00:00Z"),
      }),
    );
  for (const l of leads)
    await prisma.lead.update({
      where: { id: l.id },
      data: { ownerId: biz.officeId, nextAction: "Call back", dueAt: new Date("2026-03-03T16:00:00Z") },
    });
  await office.leads.accept({ leadId: leads[0]!.id, confirmations: CONFIRM });
  await office.leads.accept({ leadId: leads[1]!.id, confirmations: CONFIRM });
  await office.leads.reject({
    leadId: leads[2]!.id,
    missingField: "address",
    reason: "No address on the lead",
  });
  await prisma.leadEvent.create({
    data: {
      tenantId: biz.tenant.id,
      leadId: leads[3]!.id,
      type: "lead.escalated",
      data: { rule: "standard_unaccepted" },
    },
  });
  // The events happened last week.
  await prisma.leadEvent.updateMany({
    where: {
      tenantId: biz.tenant.id,
      type: { in: ["handoff.accepted", "handoff.rejected", "lead.escalated"] },
    },
    data: { createdAt: new Date("2026-03-04T15:00:00Z") },
  });
  // One handoff from this week: not in last week's sample.
  const late = await makeInboxLead(prisma, biz.tenant.id, { callerName: "This week" });
  await prisma.leadEvent.create({
    data: {
      tenantId: biz.tenant.id,
      leadId: late.id,
      type: "lead.escalated",
      createdAt: new Date("2026-03-09T12:00:00Z"),
    },
  });
});
afterAll(() => db?.drop());

describe(`weekly handoff QA (${engineName})`, () => {
  it("waits for Monday 6:00 local time, then samples last week's handoffs once", async () => {
    await run(new Date("2026-03-09T10:00:00Z")); // 05:00 CDT
    expect(await prisma.handoffReview.count()).toBe(0);
    await run(MONDAY);
    await run(new Date(MONDAY.getTime() + 3_600_000));
    const rows = await prisma.handoffReview.findMany({
      where: { tenantId: biz.tenant.id },
      include: { lead: true },
    });
    expect(rows.map((r) => [r.weekOf, r.kind, r.lead.callerName]).sort()).toEqual([
      ["2026-03-02", "accepted", "Caller 0"],
      ["2026-03-02", "accepted", "Caller 1"],
      ["2026-03-02", "escalated", "Caller 3"],
      ["2026-03-02", "rejected", "Caller 2"],
    ]);
  });

  it("lets a reviewer answer the five questions, asking for a note with a no", async () => {
    const owner = callerFor(prisma, biz.ownerId, biz.tenant.slug);
    const [week] = await owner.reports.handoffReviews();
    expect(week!.weekOf).toBe("2026-03-02");
    expect(week!.reviews).toHaveLength(4);
    const [first, second] = week!.reviews;
    const all = (v: boolean) => ({
      ownerCorrect: v,
      notesSufficient: v,
      waitReasonable: v,
      noRepeat: v,
      outcomeMatched: v,
    });
    expect(
      await errorCode(
        owner.reports.answerHandoff({
          reviewId: first!.id,
          answers: { ...all(true), waitReasonable: false },
          note: "",
        }),
      ),
    ).toBe("BAD_REQUEST");
    await owner.reports.answerHandoff({
      reviewId: first!.id,
      answers: { ...all(true), waitReasonable: false },
      note: "Waited 40 minutes to accept",
    });
    await owner.reports.answerHandoff({ reviewId: second!.id, answers: all(true), note: "" });
    const saved = await prisma.handoffReview.findUniqueOrThrow({ where: { id: first!.id } });
    expect(saved).toMatchObject({
      waitReasonable: false,
      ownerCorrect: true,
      note: "Waited 40 minutes to accept",
      reviewerId: biz.ownerId,
    });
    // Staff do not review handoffs.
    expect(await errorCode(callerFor(prisma, biz.officeId, biz.tenant.slug).reports.handoffReviews())).toBe(
      "FORBIDDEN",
    );
  });

  it("shows the share of no answers for the weeks that start in the report's period", async () => {
    const report = await callerFor(prisma, biz.ownerId, biz.tenant.slug).reports.report({
      kind: "custom",
      from: "2026-03-01",
      to: "2026-03-31",
    });
    // 1 "no" of 10 answers.
    expect(report.current.handoffQaNoShare).toBe(0.1);
    expect(report.previous.handoffQaNoShare).toBeNull();
  });
});
