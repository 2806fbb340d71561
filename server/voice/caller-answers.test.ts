// Caller questions answered in one sentence from the business's own settings and real slots.
import { describe, expect, it } from "vitest";
import { questionOf } from "@/server/intake/rules-extract";
import { upcomingSlots } from "@/server/voice/booking-slots";
import {
  answerQuestion,
  DEFAULT_PRICE_ANSWER,
  describeHours,
  matchService,
  weekdaysAsked,
  type AnswerFacts,
} from "@/server/voice/caller-answers";

// Monday 2 March 2026, 9:00 AM in Austin.
const SLOTS = upcomingSlots(
  [
    { weekday: 2, startMinute: 9 * 60, endMinute: 11 * 60 },
    { weekday: 4, startMinute: 13 * 60, endMinute: 15 * 60 },
  ],
  { timeZone: "America/Chicago", now: "2026-03-02T15:00:00Z" },
);
const HOURS = [1, 2, 3, 4, 5]
  .map((weekday) => ({ weekday, openMinute: 8 * 60, closeMinute: 17 * 60 }))
  .concat([{ weekday: 6, openMinute: 9 * 60, closeMinute: 12 * 60 }]);
const FACTS: AnswerFacts = {
  businessName: "Demo Plumbing",
  serviceAsked: null,
  slots: SLOTS,
  hours: HOURS,
  settings: {
    priceAnswer: "Our service call is a flat $89, and the plumber quotes the repair before starting.",
    servicesOffered: ["Water heaters", "Drain cleaning", "Gas lines"],
    servicesNotOffered: ["Septic systems", "Commercial work"],
  },
};

describe("caller questions", () => {
  it("answers a price question with the business's own wording, never a number it made up", () => {
    expect(answerQuestion("price", FACTS)).toBe(
      "Our service call is a flat $89, and the plumber quotes the repair before starting.",
    );
    const noPrice = answerQuestion("price", { ...FACTS, settings: { ...FACTS.settings, priceAnswer: null } });
    expect(noPrice).toBe(DEFAULT_PRICE_ANSWER);
    expect(noPrice).not.toMatch(/\d|\$|dollar/);
    expect(answerQuestion("price", { ...FACTS, settings: { priceAnswer: "   " } })).toBe(
      DEFAULT_PRICE_ANSWER,
    );
  });

  it("says it is a virtual assistant when asked if it is a robot", () => {
    expect(answerQuestion("robot", FACTS)).toBe(
      "Yes, I'm Demo Plumbing's virtual assistant, not a person, but I can take your details and get a plumber booked for you.",
    );
  });

  it("answers 'can someone come today' with the real earliest opening", () => {
    expect(answerQuestion("today", FACTS)).toBe(
      "I don't have an opening today. The earliest is tomorrow, Tuesday, between 9 and 11 AM.",
    );
    expect(answerQuestion("today", { ...FACTS, slots: [] })).toMatch(
      /^I don't have an opening I can book right now/,
    );
  });

  it("reads the office hours from the settings, grouping days with the same hours", () => {
    expect(describeHours(HOURS)).toBe("Monday to Friday, 8 AM to 5 PM, and Saturday, 9 AM to 12 PM");
    expect(answerQuestion("hours", FACTS)).toBe(
      "The office is open Monday to Friday, 8 AM to 5 PM, and Saturday, 9 AM to 12 PM.",
    );
    expect(answerQuestion("hours", { ...FACTS, hours: [] })).not.toMatch(/AM|PM/);
  });

  it("answers 'do you work Saturdays?' about the days asked, from the same hours", () => {
    expect(weekdaysAsked("Do y'all work weekends?")).toEqual([6, 0]);
    expect(answerQuestion("hours", { ...FACTS, daysAsked: weekdaysAsked("you guys work saturdays?") })).toBe(
      "Yes, the office is open Saturday, 9 AM to 12 PM.",
    );
    expect(answerQuestion("hours", { ...FACTS, daysAsked: weekdaysAsked("open on sundays?") })).toBe(
      "We're closed on Sundays. The office is open Monday to Friday, 8 AM to 5 PM, and Saturday, 9 AM to 12 PM.",
    );
  });

  it("says yes only to a service the business lists, and no to one it does not do", () => {
    expect(answerQuestion("services", { ...FACTS, serviceAsked: "water heaters" })).toBe(
      "Yes, we do water heaters.",
    );
    expect(answerQuestion("services", { ...FACTS, serviceAsked: "septic tanks" })).toBe(
      "I'm sorry, we don't do septic systems.",
    );
    expect(answerQuestion("services", { ...FACTS, serviceAsked: "commercial" })).toBe(
      "I'm sorry, we don't do commercial work.",
    );
  });

  it("does not promise a service it knows nothing about", () => {
    expect(answerQuestion("services", { ...FACTS, serviceAsked: "roof repair" })).toBe(
      "Good question. I'll note it so the plumber can answer that when they call.",
    );
  });

  it("matches the entry sharing the most words", () => {
    expect(matchService("gas lines", ["Sewer lines", "Gas lines"])).toBe("Gas lines");
    expect(matchService("the", ["Gas lines"])).toBeNull();
  });
});

describe("hearing a caller question", () => {
  it.each([
    ["how much do you guys charge to come out?", "price"],
    ["what's your trip charge", "estimate"],
    ["is there a trip fee, or is the estimate free?", "estimate"],
    ["before I give you my info, are you guys licensed and insured?", "licensed"],
    ["do you take credit cards or venmo?", "payment"],
    ["is that covered under warranty?", "warranty"],
    ["do you guys install rinnai?", "brands"],
    ["do y'all do financing?", "payment"],
    ["are you guys open late on fridays?", "hours"],
    ["do you need me to be home the whole time?", "other"],
    ["wait, am I talking to a robot?", "robot"],
    ["is this a real person?", "robot"],
    ["can someone come out today?", "today"],
    ["what time do you close", "hours"],
    ["are you guys open on saturday", "hours"],
    ["do you guys work saturdays?", "hours"],
    ["are y'all working on the weekend?", "hours"],
    ["what days do you work?", "hours"],
  ])("hears %j as a %s question", (said, question) => {
    expect(questionOf(said.toLowerCase()).question).toBe(question);
  });

  it("hears the service asked about in the caller's words", () => {
    expect(questionOf("do you guys do water heaters?")).toEqual({
      question: "services",
      serviceAsked: "water heaters",
    });
    expect(questionOf("we run a restaurant downtown")).toEqual({
      question: "services",
      serviceAsked: "commercial",
    });
  });

  it("hears no question in a plain description of the problem", () => {
    expect(questionOf("my kitchen sink is clogged").question).toBeNull();
  });
});
