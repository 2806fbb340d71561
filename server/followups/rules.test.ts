// The follow-up rules: temperature bands → cadence, stop rules, the nothing-invented check.
import { describe, expect, it } from "vitest";
import {
  bandPlan,
  fillTemplate,
  inventedDetail,
  stepDueAt,
  stopReasonOf,
  type GroundingFacts,
  type StopInput,
} from "./rules";
import { SEQUENCES, sequenceForSource } from "./sequences";
import { temperatureOf } from "@/server/leads/temperature";

const facts: GroundingFacts = {
  settingsText:
    "The plumber will give you the price on site, before any work starts. | water heaters | Rescue Plumbing | +15125550100",
  slotLabels: ["tomorrow at 9 AM", "Wednesday, March 4 at 1 PM"],
  leadText: "Kitchen sink drains slowly | Ann Lee",
  links: ["https://book.rescueplumbing.example/schedule", "https://app.leadrescue.example/q/rescue-plumbing"],
  phones: ["+15125550100"],
};
const start = new Date("2026-03-02T16:00:00Z");
const lead = (over: Partial<StopInput> = {}): StopInput => ({
  status: "followup_needed",
  appointmentAt: null,
  acceptedAt: null,
  touchpoints: 0,
  lastReplyAt: null,
  temperature: 55,
  ...over,
});

describe("temperature bands drive the cadence", () => {
  it.each([
    [95, "human_now"],
    [90, "human_now"],
    [89, "book_task"],
    [70, "book_task"],
    [69, "as_written"],
    [50, "as_written"],
    [49, "extended"],
    [30, "extended"],
    [29, "monitor"],
    [0, "monitor"],
  ])("temperature %i → %s", (t, plan) => expect(bandPlan(t)).toBe(plan));

  it("a cool lead's steps are spaced twice as far; a warm lead's as written", () => {
    expect(stepDueAt(start, 60, "as_written").toISOString()).toBe("2026-03-02T17:00:00.000Z");
    expect(stepDueAt(start, 60, "extended").toISOString()).toBe("2026-03-02T18:00:00.000Z");
  });
});

describe("engagement in the temperature", () => {
  it("a reply adds 15 and an opened link 5, so a warm web-form lead that replies turns hot", () => {
    const base = { urgency: "normal", status: "followup_needed", createdAt: start, lastActivityAt: start };
    expect(temperatureOf(base, start)).toBe(60);
    expect(temperatureOf({ ...base, linkOpenedAt: start }, start)).toBe(65);
    expect(temperatureOf({ ...base, lastReplyAt: start }, start)).toBe(75);
    expect(bandPlan(temperatureOf({ ...base, lastReplyAt: start }, start))).toBe("book_task");
  });
});

describe("stop rules", () => {
  it("nothing new since the start: the sequence goes on", () =>
    expect(stopReasonOf(lead(), start, {}, false)).toBeNull());
  it("each reason, in order of precedence", () => {
    expect(stopReasonOf(lead({ status: "closed", lastReplyAt: start }), start, {}, true)).toBe("closed");
    expect(stopReasonOf(lead({ lastReplyAt: start }), start, {}, true)).toBe("opted_out");
    expect(stopReasonOf(lead({ lastReplyAt: new Date(start.getTime() + 1) }), start, {}, false)).toBe(
      "replied",
    );
    expect(
      stopReasonOf(
        lead({ status: "booked", appointmentAt: new Date("2026-03-05T15:00:00Z") }),
        start,
        {},
        false,
      ),
    ).toBe("booked");
    expect(stopReasonOf(lead({ acceptedAt: new Date() }), start, {}, false)).toBe("accepted");
    expect(stopReasonOf(lead({ touchpoints: 1 }), start, { touchpoints: 0 }, false)).toBe("worked_by_staff");
    expect(stopReasonOf(lead({ status: "answered_by_plumber" }), start, {}, false)).toBe("worked_by_staff");
    expect(stopReasonOf(lead({ temperature: 70 }), start, {}, false)).toBe("turned_hot");
  });
  it("a reply from before the sequence started does not stop it", () => {
    expect(
      stopReasonOf(lead({ lastReplyAt: new Date(start.getTime() - 60_000) }), start, {}, false),
    ).toBeNull();
  });
  it("the no-show sequence runs on a lead that was already booked and accepted: only a new booking stops it", () => {
    const appointmentAt = new Date("2026-03-01T15:00:00Z");
    const acceptedAt = new Date("2026-02-28T15:00:00Z");
    const baseline = {
      appointmentAt: appointmentAt.toISOString(),
      acceptedAt: acceptedAt.toISOString(),
      touchpoints: 2,
    };
    expect(
      stopReasonOf(
        lead({ status: "booked", appointmentAt, acceptedAt, touchpoints: 2 }),
        start,
        baseline,
        false,
      ),
    ).toBeNull();
    expect(
      stopReasonOf(
        lead({
          status: "booked",
          appointmentAt: new Date("2026-03-06T15:00:00Z"),
          acceptedAt,
          touchpoints: 2,
        }),
        start,
        baseline,
        false,
      ),
    ).toBe("booked");
  });
});

describe("nothing invented", () => {
  it("refuses a price not in the settings", () =>
    expect(inventedDetail("We'll do it for $149.", facts)).toEqual({ kind: "price", text: "$149" }));
  it("refuses a price in words", () =>
    expect(inventedDetail("Only 80 dollars today", facts)?.kind).toBe("price"));
  it("refuses a time or a day that is not a real slot", () => {
    expect(inventedDetail("We can come at 6:30 PM.", facts)).toEqual({ kind: "time", text: "6:30 PM" });
    expect(inventedDetail("How about Friday?", facts)).toEqual({ kind: "time", text: "Friday" });
    expect(inventedDetail("Someone can be there within 2 hours", facts)?.kind).toBe("time");
  });
  it("refuses a promise the business never made", () => {
    expect(inventedDetail("Free estimate, guaranteed!", facts)?.kind).toBe("promise");
    expect(inventedDetail("10% off this week", facts)?.kind).toBe("promise");
  });
  it("refuses a link that is not the business's own, in any spelling", () => {
    for (const [draft, text] of [
      [
        "Pay your deposit at https://secure-pay.example/plumber to hold the visit.",
        "https://secure-pay.example/plumber",
      ],
      ["Book at www.evil.example.", "www.evil.example"],
      ["Confirm at rescue-plumbing.example.co/login", "rescue-plumbing.example.co/login"],
      ["Email your card to help@billing-rescue.example", "billing-rescue.example"],
      ["Visit secure-pay dot com to confirm", "secure-pay dot com"],
      // Another business's request form on our own site, or a page of ours that is no form.
      [
        "Request here: https://app.leadrescue.example/q/other-plumbing",
        "https://app.leadrescue.example/q/other-plumbing",
      ],
      ["See https://app.leadrescue.example/sign-in", "https://app.leadrescue.example/sign-in"],
      // The booking site's host with another scheme's trick: user info before the host.
      [
        "Book: https://book.rescueplumbing.example@evil.example/x",
        "https://book.rescueplumbing.example@evil.example/x",
      ],
    ] as const)
      expect(inventedDetail(draft, facts), draft).toEqual({ kind: "link", text });
  });
  it("refuses a phone number that is not the business's own", () => {
    expect(inventedDetail("Call us back at (512) 555-0666.", facts)).toEqual({
      kind: "phone",
      text: "(512) 555-0666",
    });
    expect(inventedDetail("Call us at (512) 555-0100.", facts)).toBeNull();
  });
  it("accepts the business's own links: its booking site and its request form", () => {
    expect(inventedDetail("Pick a time at https://book.rescueplumbing.example/schedule.", facts)).toBeNull();
    expect(inventedDetail("Pick a time at book.rescueplumbing.example/schedule/week", facts)).toBeNull();
    expect(
      inventedDetail("Or send a request: https://app.leadrescue.example/q/rescue-plumbing", facts),
    ).toBeNull();
    expect(
      inventedDetail("It was a 3.5 inch pipe, a.m. or p.m. is fine, e.g. after lunch.", facts),
    ).toBeNull();
  });
  it("accepts the real slots, the business's own words and a price the settings name", () => {
    expect(
      inventedDetail("The next opening is tomorrow at 9 AM, or Wednesday, March 4 at 1 PM.", facts),
    ).toBeNull();
    expect(
      inventedDetail("Hi Ann, Rescue Plumbing here about your kitchen sink. Reply to set a time.", facts),
    ).toBeNull();
    expect(
      inventedDetail("Our service call is $89.", {
        ...facts,
        settingsText: "Our service call is $89, credited to the repair.",
      }),
    ).toBeNull();
  });
  it("every default template, filled, passes its own check", () => {
    for (const seq of Object.values(SEQUENCES)) {
      for (const step of seq.steps.filter((s) => s.channel !== "task")) {
        const text = fillTemplate(step.message, {
          name: "Ann Lee",
          business: "Rescue Plumbing",
          problem: "Kitchen sink drains slowly",
          slot: "tomorrow at 9 AM",
          phone: "+15125550100",
        });
        expect(inventedDetail(text, facts), text).toBeNull();
      }
    }
  });
});

describe("sources", () => {
  it("each source starts its own sequence; a first text or a lead typed in by the office starts none", () => {
    expect(sequenceForSource("phone")).toBe("missed_call");
    expect(sequenceForSource("web_form")).toBe("web_form");
    expect(sequenceForSource("referral")).toBe("referral");
    expect(sequenceForSource("marketplace")).toBe("marketplace");
    expect(sequenceForSource("sms")).toBeNull();
    expect(sequenceForSource("manual")).toBeNull();
  });
  it("the seasonal sequence ships turned off; the referral starts with a person, not a text", () => {
    expect(SEQUENCES.seasonal.enabled).toBe(false);
    expect(SEQUENCES.referral.steps.every((s) => s.channel === "task")).toBe(true);
  });
});
