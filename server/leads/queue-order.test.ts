import { describe, expect, it } from "vitest";
import { compareQueue, isOverdue, queueGroupFor, type QueueLead } from "./queue-order";

const now = new Date("2026-11-20T15:00:00Z");
const min = (m: number) => new Date(now.getTime() + m * 60_000);
let n = 0;
const lead = (o: Partial<QueueLead>): QueueLead => ({
  id: `l${++n}`,
  status: "answered_by_ai",
  urgency: "normal",
  dueAt: null,
  createdAt: min(-600),
  temperature: 50,
  ...o,
});

describe("queue order (emergency, high, booked confirmations, follow-up needed)", () => {
  it("processes in this order: emergency, high, booked confirmations, follow-up needed, then the rest", () => {
    expect(queueGroupFor({ status: "followup_needed", urgency: "emergency" })).toBe(0);
    expect(queueGroupFor({ status: "not_booked", urgency: "high" })).toBe(1);
    expect(queueGroupFor({ status: "booked", urgency: "normal" })).toBe(2);
    expect(queueGroupFor({ status: "booked", urgency: "normal" })).toBe(2);
    expect(queueGroupFor({ status: "followup_needed", urgency: "low" })).toBe(3);
    expect(queueGroupFor({ status: "not_booked", urgency: null })).toBe(4);
    expect(queueGroupFor({ status: "missed", urgency: "normal" })).toBe(4);
  });

  it("lists a booked lead under Booked — confirm, where the counter counts it, even when it came in high", () => {
    expect(queueGroupFor({ status: "booked", urgency: "high" })).toBe(2);
    expect(queueGroupFor({ status: "booked", urgency: "emergency" })).toBe(0);
  });

  it("puts closed leads last, whatever their urgency", () => {
    expect(queueGroupFor({ status: "closed", urgency: "emergency" })).toBe(9);
  });

  it("high-urgency leads are surfaced to the top of operator queue, after emergencies", () => {
    const rest = lead({ createdAt: min(-10_000) });
    const high = lead({ urgency: "high", createdAt: min(-1) });
    const emergency = lead({ urgency: "emergency", createdAt: min(0) });
    const booked = lead({ status: "booked", createdAt: min(-20_000) });
    const followup = lead({ status: "followup_needed" });
    const sorted = [rest, followup, booked, high, emergency].sort((a, b) => compareQueue(a, b, now));
    expect(sorted.map((l) => l.id)).toEqual([emergency, high, booked, followup, rest].map((l) => l.id));
  });

  it("within a group: overdue first (most overdue first), then oldest", () => {
    const oldNotDue = lead({ createdAt: min(-5000), dueAt: min(60) });
    const newerNotDue = lead({ createdAt: min(-100), dueAt: min(30) });
    const overdueLittle = lead({ createdAt: min(-10), dueAt: min(-5) });
    const overdueLots = lead({ createdAt: min(-20), dueAt: min(-300) });
    const sorted = [newerNotDue, oldNotDue, overdueLittle, overdueLots].sort((a, b) =>
      compareQueue(a, b, now),
    );
    expect(sorted.map((l) => l.id)).toEqual(
      [overdueLots, overdueLittle, oldNotDue, newerNotDue].map((l) => l.id),
    );
  });

  it("a lead without a visible due time counts as due since it came in", () => {
    const noDueTime = lead({ createdAt: min(-100), dueAt: null });
    expect(isOverdue(noDueTime, now)).toBe(true);
    const overdueLittle = lead({ createdAt: min(-10), dueAt: min(-5) });
    const overdueLots = lead({ createdAt: min(-20), dueAt: min(-300) });
    expect(
      [overdueLittle, noDueTime, overdueLots].sort((a, b) => compareQueue(a, b, now)).map((l) => l.id),
    ).toEqual([overdueLots, noDueTime, overdueLittle].map((l) => l.id));
  });

  it("uses temperature as the tie-breaker", () => {
    const at = min(-30);
    const cool = lead({ createdAt: at, temperature: 35 });
    const hot = lead({ createdAt: at, temperature: 80 });
    expect([cool, hot].sort((a, b) => compareQueue(a, b, now)).map((l) => l.id)).toEqual([hot.id, cool.id]);
  });
});
