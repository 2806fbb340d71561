// The escalation rules, each timer on a fake clock.
import { describe, expect, it } from "vitest";
import { dueEscalations, endOfDay, localDate, type EscalationLead } from "./escalation-rules";

const TZ = "America/Chicago";
const T0 = new Date("2026-06-10T14:00:00.000Z"); // 9:00 AM in Chicago (CDT)
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;

function lead(over: Partial<EscalationLead> = {}): EscalationLead {
  return {
    urgency: "normal",
    status: "answered_by_ai",
    acceptedAt: null,
    nextAction: "Call back",
    createdAt: T0,
    lastActivityAt: T0,
    isEstimate: false,
    isTest: false,
    source: "phone",
    ...over,
  };
}
const rules = (l: EscalationLead, now: Date, opts = {}) =>
  dueEscalations(l, now, TZ, opts).map((d) => d.rule);

describe("0-5 minutes: emergency, active-loss or premium opportunities escalate to dispatch/on-call", () => {
  it("does not escalate an unaccepted emergency at 4:59 and escalates it at 5:00", () => {
    const l = lead({ urgency: "emergency" });
    expect(rules(l, at(4 * MIN + 59_000))).toEqual([]);
    const due = dueEscalations(l, at(5 * MIN), TZ);
    expect(due).toEqual([{ rule: "urgent_unaccepted", period: "", dueAt: at(5 * MIN), target: "dispatch" }]);
  });

  it("treats high urgency (active loss: leaks, overflows) and temperature 90+ (premium) as urgent", () => {
    expect(rules(lead({ urgency: "high" }), at(5 * MIN))).toEqual(["urgent_unaccepted"]);
    expect(rules(lead({ urgency: "normal", temperature: 92 }), at(5 * MIN))).toEqual(["urgent_unaccepted"]);
    expect(rules(lead({ urgency: "normal", temperature: 89 }), at(5 * MIN))).toEqual([]);
  });

  it("never escalates an accepted lead", () => {
    expect(rules(lead({ urgency: "emergency", acceptedAt: at(MIN) }), at(60 * MIN))).toEqual([]);
  });

  it("skips a lead a person already answered live (the plumber took the call)", () => {
    expect(rules(lead({ urgency: "emergency", status: "answered_by_plumber" }), at(60 * MIN))).toEqual([]);
  });

  it("does not escalate to the same person in a business of one: its only member owns the lead", () => {
    const alone = { ownerIsOnlyMember: true };
    expect(rules(lead({ urgency: "emergency", ...alone }), at(60 * MIN))).toEqual([]);
    expect(rules(lead({ urgency: "normal", ...alone }), at(60 * MIN))).toEqual([]);
    // Someone else in the business: the timers run as before.
    expect(rules(lead({ urgency: "emergency", ownerIsOnlyMember: false }), at(5 * MIN))).toEqual([
      "urgent_unaccepted",
    ]);
    // The estimate and end-of-day reviews still come to the one person.
    expect(rules(lead({ isEstimate: true, ...alone }), at(60 * MIN))).toEqual(["estimate_idle"]);
    expect(rules(lead({ nextAction: null, ...alone }), new Date("2026-06-10T22:30:00.000Z"))).toEqual([
      "end_of_day",
    ]);
  });

  it("shortens the window with ESCALATION_TIME_SCALE (0.01 turns 5 minutes into 3 seconds)", () => {
    const l = lead({ urgency: "emergency" });
    expect(rules(l, at(2_999), { timeScale: 0.01 })).toEqual([]);
    expect(rules(l, at(3_000), { timeScale: 0.01 })).toEqual(["urgent_unaccepted"]);
  });
});

describe("15 minutes: unaccepted standard inbound lead escalates to office lead or manager", () => {
  it("fires at 15:00, not at 14:59", () => {
    expect(rules(lead(), at(15 * MIN - 1_000))).toEqual([]);
    expect(dueEscalations(lead(), at(15 * MIN), TZ)[0]).toMatchObject({
      rule: "standard_unaccepted",
      target: "manager",
    });
  });

  it("never escalates accepted, closed or test leads", () => {
    expect(rules(lead({ acceptedAt: at(MIN) }), at(30 * MIN))).toEqual([]);
    expect(rules(lead({ status: "closed" }), at(30 * MIN))).toEqual([]);
    expect(rules(lead({ isTest: true, urgency: "emergency" }), at(30 * MIN))).toEqual([]);
  });

  it("does not treat a hand-entered lead or an estimate as standard inbound", () => {
    expect(rules(lead({ source: "manual" }), at(30 * MIN))).toEqual([]);
    expect(rules(lead({ isEstimate: true }), at(30 * MIN))).toEqual([]);
  });
});

describe("60 minutes: warm estimate or consult lead without movement escalates to sales owner", () => {
  it("fires 60 minutes after the last movement, not 59", () => {
    const l = lead({ isEstimate: true, lastActivityAt: at(10 * MIN) });
    expect(rules(l, at(69 * MIN))).toEqual([]);
    expect(dueEscalations(l, at(70 * MIN), TZ)).toEqual([
      { rule: "estimate_idle", period: String(at(10 * MIN).getTime()), dueAt: at(70 * MIN), target: "sales" },
    ]);
  });

  it("movement starts a new idle period (so it can fire again after the next quiet hour)", () => {
    const first = dueEscalations(lead({ isEstimate: true }), at(61 * MIN), TZ)[0]!;
    const second = dueEscalations(
      lead({ isEstimate: true, lastActivityAt: at(90 * MIN) }),
      at(151 * MIN),
      TZ,
    )[0]!;
    expect(first.period).not.toBe(second.period);
  });

  it("applies even to an accepted estimate (movement, not acceptance, is what matters)", () => {
    expect(rules(lead({ isEstimate: true, acceptedAt: T0 }), at(60 * MIN))).toEqual(["estimate_idle"]);
  });
});

describe("End of day: any lead without a recorded next action gets reviewed before close", () => {
  const noNext = lead({ nextAction: null, acceptedAt: T0 });

  it("is due from 5:00 PM in the tenant's time zone, not 4:59 PM", () => {
    expect(rules(noNext, new Date("2026-06-10T21:59:00.000Z"))).toEqual([]); // 4:59 PM CDT
    expect(dueEscalations(noNext, new Date("2026-06-10T22:00:00.000Z"), TZ)).toEqual([
      {
        rule: "end_of_day",
        period: "2026-06-10",
        dueAt: new Date("2026-06-10T22:00:00.000Z"),
        target: "manager",
      },
    ]);
  });

  it("does not flag a lead with a next action, and treats a blank one as missing", () => {
    expect(rules(lead({ acceptedAt: T0 }), new Date("2026-06-10T23:00:00.000Z"))).toEqual([]);
    expect(rules(lead({ acceptedAt: T0, nextAction: "  " }), new Date("2026-06-10T23:00:00.000Z"))).toEqual([
      "end_of_day",
    ]);
  });

  it("reviews a lead that arrives after close at the next day's close", () => {
    const late = lead({ nextAction: null, acceptedAt: T0, createdAt: new Date("2026-06-10T23:30:00.000Z") });
    expect(rules(late, new Date("2026-06-11T01:00:00.000Z"))).toEqual([]);
    expect(dueEscalations(late, new Date("2026-06-11T22:00:00.000Z"), TZ)[0]?.period).toBe("2026-06-11");
  });

  it("keeps 5:00 PM local across the DST changes in America/Chicago", () => {
    // Sunday 2026-03-08 (clocks spring forward at 2 AM): 5 PM CDT = 22:00Z.
    expect(endOfDay(new Date("2026-03-08T15:00:00.000Z"), TZ).at.toISOString()).toBe(
      "2026-03-08T22:00:00.000Z",
    );
    // Saturday before: 5 PM CST = 23:00Z.
    expect(endOfDay(new Date("2026-03-07T15:00:00.000Z"), TZ).at.toISOString()).toBe(
      "2026-03-07T23:00:00.000Z",
    );
    // Sunday 2026-11-01 (clocks fall back at 2 AM): 5 PM CST = 23:00Z; the day before 22:00Z.
    expect(endOfDay(new Date("2026-11-01T15:00:00.000Z"), TZ).at.toISOString()).toBe(
      "2026-11-01T23:00:00.000Z",
    );
    expect(endOfDay(new Date("2026-10-31T15:00:00.000Z"), TZ).at.toISOString()).toBe(
      "2026-10-31T22:00:00.000Z",
    );
    const l = lead({ nextAction: null, acceptedAt: T0, createdAt: new Date("2026-11-01T12:00:00.000Z") });
    expect(rules(l, new Date("2026-11-01T22:59:00.000Z"))).toEqual([]);
    expect(rules(l, new Date("2026-11-01T23:00:00.000Z"))).toEqual(["end_of_day"]);
  });

  it("uses the tenant's local date, which differs from UTC in the evening", () => {
    expect(localDate(new Date("2026-06-11T03:00:00.000Z"), TZ)).toBe("2026-06-10");
  });
});
