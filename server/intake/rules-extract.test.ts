import { describe, expect, it } from "vitest";
import {
  extractByRules,
  nameOf,
  addressOf,
  bookingIntentOf,
  detectEmergency,
  detectWantsHuman,
  slotChoiceOf,
  summarizeIssue,
  urgencyOf,
  thirdPartyOf,
  unitOf,
  joinSpelling,
  afterCorrection,
  nameCorrectionOf,
  questionOf,
  isPlainlyRoutine,
} from "@/server/intake/rules-extract";
import { findZip } from "@/server/intake/spoken-numbers";
import type { SlotView } from "@/server/intake/extraction";

const SLOTS: SlotView[] = [
  { label: "tomorrow at 9 AM", day: "Tuesday", relativeDay: "tomorrow", hour: 9, minute: 0 },
  { label: "Thursday, March 5 at 1 PM", day: "Thursday", relativeDay: null, hour: 13, minute: 0 },
  { label: "Monday, March 9 at 9:30 AM", day: "Monday", relativeDay: null, hour: 9, minute: 30 },
];

describe("ZIP codes", () => {
  it.each([
    ["78701", "78701"],
    ["my zip is 7 8 7 0 1", "78701"],
    ["it's seven eight seven oh one", "78701"],
    ["seventy eight seven oh one", "78701"],
    ["787 01", "78701"],
    ["oh two one three eight", "02138"],
    ["seven eight seven double oh", "78700"],
    ["7 8 7 double 0", "78700"],
    ["78701-1234", "78701"],
    ["oh, it's 78701", "78701"],
  ])("reads %j as %j", (said, zip) => {
    expect(findZip(said)).toBe(zip);
  });

  it("finds no ZIP in an answer without exactly five digits", () => {
    expect(findZip("I don't know it")).toBeNull();
    expect(findZip("787")).toBeNull();
    expect(findZip("512 555 0100")).toBeNull();
  });

  it("refuses to pick between two different ZIP codes", () => {
    expect(findZip("either 78701 or 78702")).toBeNull();
  });
});

describe("urgency and emergencies", () => {
  it.each([
    ["a pipe burst in the garage", "burst_pipe"],
    ["we have a burst pipe", "burst_pipe"],
    ["the basement is flooding", "flooding"],
    ["water is pouring through the ceiling", "flooding"],
    ["sewage is coming up in the tub", "sewage_backup"],
    ["I smell gas near the water heater", "gas_smell"],
    ["we have no water and a newborn baby at home", "no_water_vulnerable"],
    ["no running water and my mom is on dialysis", "no_water_vulnerable"],
  ])("flags %j as %s", (said, kind) => {
    expect(detectEmergency(said.toLowerCase())).toBe(kind);
  });

  it("does not flag an emergency the caller says is not happening", () => {
    expect(detectEmergency("there's no gas smell, just a slow drip")).toBeNull();
    expect(detectEmergency("it's not flooding or anything")).toBeNull();
  });

  it("does not hear 'no water anywhere' around a noisy fixture as a home without water", () => {
    expect(urgencyOf("the water heater hums loud, there's no water anywhere")).toBe("normal");
    expect(urgencyOf("the disposal grinds, no water on the floor")).toBe("normal");
    expect(urgencyOf("we have no water in the house")).toBe("high");
    expect(urgencyOf("there's no water coming out of the tap")).toBe("high");
  });

  it("labels no water without a vulnerable person high, not emergency", () => {
    expect(detectEmergency("we have no water")).toBeNull();
    expect(urgencyOf("we have no water")).toBe("high");
  });

  it.each([
    ["the pipe under the sink is leaking", "high"],
    ["my toilet is overflowing", "high"],
    ["I'd like a quote for a new water heater", "low"],
    ["leaky faucet but no rush", "low"],
    ["my faucet drips a little", "normal"],
  ])("labels %j %s", (said, urgency) => {
    expect(urgencyOf(said.toLowerCase())).toBe(urgency);
  });
});

describe("the issue", () => {
  it("keeps the caller's own words, without fillers", () => {
    expect(summarizeIssue("um, yeah so the kitchen sink is clogged")).toBe("The kitchen sink is clogged");
  });

  it("does not take a question back or a shrug as an issue", () => {
    expect(summarizeIssue("can you repeat that")).toBeNull();
    expect(summarizeIssue("I don't know")).toBeNull();
  });
});

describe("names", () => {
  it.each([
    ["this is John Smith", "John Smith"],
    ["my name is maria lopez", "Maria Lopez"],
    ["it's Dave", "Dave"],
    ["Bob here", "Bob"],
    ["uh, Priya", "Priya"],
    ["Sean O'Brien", "Sean O'Brien"],
  ])("reads %j as %j", (said, name) => {
    expect(nameOf(said, true)).toBe(name);
  });

  it("does not mistake a sentence for a name", () => {
    expect(nameOf("I'm not sure", true)).toBeNull();
    expect(nameOf("I would like to book a plumber please", true)).toBeNull();
  });

  it("outside the name question only takes an explicit introduction", () => {
    expect(nameOf("it's leaking everywhere", false)).toBeNull();
    expect(nameOf("this is Ana and my sink is clogged", false)).toBe("Ana");
  });
});

describe("addresses", () => {
  it.each([
    ["It's 123 Main Street", "123 Main Street"],
    ["4500 north Lamar Boulevard apartment 12", "4500 north Lamar Boulevard apartment 12"],
    ["we're at 77 Oak", "77 Oak"],
    ["12 Elm St., thanks", "12 Elm St"],
  ])("reads %j as %j", (said, address) => {
    expect(addressOf(said)).toBe(address);
  });

  it("needs a house number", () => {
    expect(addressOf("Main Street")).toBeNull();
    expect(addressOf("I'll be home in 20 minutes")).toBeNull();
  });
});

describe("booking intent", () => {
  it.each([
    ["yes please", "visit"],
    ["yeah send someone out", "visit"],
    ["can someone just call me back", "callback"],
    ["no, just have the plumber call me", "callback"],
    ["no thanks", "no"],
    ["not right now", "no"],
    ["no, book it", "visit"],
    ["hmm", null],
  ])("reads %j as %s", (said, intent) => {
    expect(bookingIntentOf(said.toLowerCase())).toBe(intent);
  });

  it("does not hear a callback or a yes the caller takes back with a negation", () => {
    expect(bookingIntentOf("don't call me back, just come out")).toBe("visit");
    expect(bookingIntentOf("i'm not sure")).toBeNull();
    expect(bookingIntentOf("no, call me back")).toBe("callback");
  });

  it("does not take 'no water' said again at the offer as turning the visit down", () => {
    expect(bookingIntentOf("we have no hot water")).toBeNull();
  });
});

describe("the caller's question and how routine the problem is", () => {
  it("hears 'can't somebody come today?' as asking for today", () => {
    expect(questionOf("uh can't somebody come today? it's kind of bad").question).toBe("today");
  });

  it("keeps the price question after a negation ('I don't know how much it costs')", () => {
    expect(questionOf("i don't know how much this is gonna cost me").question).toBe("price");
  });

  it("takes a slow drain and a jammed disposal as routine, however the caller contracts it", () => {
    expect(isPlainlyRoutine("the shower drain's slow")).toBe(true);
    expect(isPlainlyRoutine("my garbage disposal's jammed, won't turn at all")).toBe(true);
    expect(isPlainlyRoutine("the kitchen sink's leaking under the cabinet")).toBe(false);
  });
});

describe("slot choice", () => {
  const ALL = [0, 1, 2];
  it.each([
    ["the first one", 0],
    ["second one please", 1],
    ["the last one", 2],
  ])("reads %j among three times read out as slot %i", (said, index) => {
    expect(slotChoiceOf(said.toLowerCase(), SLOTS, ALL)).toEqual({ kind: "pick", index });
  });

  it.each([
    ["Thursday works", 1],
    ["tomorrow", 0],
    ["1 pm", 1],
    ["nine thirty", 2],
    ["Monday", 2],
  ])("understands %j as slot %i even when only the earliest was read out", (said, index) => {
    expect(slotChoiceOf(said.toLowerCase(), SLOTS, [0])).toEqual({ kind: "pick", index });
  });

  it("does not guess between two matching slots: it offers both", () => {
    expect(slotChoiceOf("nine", SLOTS, ALL)).toEqual({ kind: "offer", indices: [0, 2] });
  });

  it("says so when the caller asks for a day no slot has", () => {
    expect(slotChoiceOf("friday", SLOTS, ALL)).toEqual({ kind: "unavailable", asked: "on Friday" });
  });

  it("takes a plain yes as the first of the times just read out", () => {
    expect(slotChoiceOf("yes that works", SLOTS.slice(0, 1))).toEqual({ kind: "pick", index: 0 });
    expect(slotChoiceOf("yes that works", SLOTS, [0])).toEqual({ kind: "pick", index: 0 });
    expect(slotChoiceOf("yeah", SLOTS, [1, 2])).toEqual({ kind: "pick", index: 1 });
  });

  it("reports that the caller rejected every offered time", () => {
    const x = extractByRules({
      stage: "slot",
      utterance: "neither of those work for me",
      slotsOffered: SLOTS,
      slotsMentioned: [1, 2],
    });
    expect(x.slotNumber).toBeNull();
    expect(x.declined).toBe(true);
  });
});

describe("asking for a person", () => {
  it.each([
    "let me talk to a human",
    "can I speak to the plumber",
    "real person please",
    "I want to speak with someone",
  ])("hears %j as a request for a person", (said) => {
    expect(detectWantsHuman(said.toLowerCase())).toBe(true);
  });

  it("does not hear a request for service as a request for a person", () => {
    expect(detectWantsHuman("i need someone to fix my sink")).toBe(false);
    expect(detectWantsHuman("can you send a plumber")).toBe(false);
  });
});

describe("extractByRules", () => {
  it("reads the ZIP and keeps what else the caller volunteered with it", () => {
    const x = extractByRules({
      stage: "zip",
      utterance: "78701, my sink is clogged, this is Ana at 12 Elm Street",
      slotsOffered: [],
    });
    expect(x).toMatchObject({
      zip: "78701",
      callerName: "Ana",
      address: "12 Elm Street",
      emergency: null,
      urgency: "normal",
      bookingIntent: null,
      slotNumber: null,
    });
    // The problem in the caller's words, starting where the problem starts.
    expect(x.issueSummary).toMatch(/^My sink is clogged/);
  });

  it("does not take a bare word outside the name question, unless it is a common given name said on its own", () => {
    const x = extractByRules({ stage: "zip", utterance: "Austin, 78701", slotsOffered: [] });
    expect(x).toMatchObject({ zip: "78701", callerName: null, address: null });
    const terse = extractByRules({ stage: "zip", utterance: "Ana, 78701", slotsOffered: [] });
    expect(terse).toMatchObject({ zip: "78701", callerName: "Ana", address: null });
  });

  it("flags an emergency at any question", () => {
    const x = extractByRules({
      stage: "name",
      utterance: "oh no, now the basement is flooding",
      slotsOffered: [],
    });
    expect(x.emergency).toBe("flooding");
    expect(x.urgency).toBe("emergency");
  });

  it("lets a caller decline to give a name", () => {
    expect(
      extractByRules({ stage: "name", utterance: "I'd rather not say", slotsOffered: [] }),
    ).toMatchObject({ callerName: null, declined: true });
  });
});

describe("one time at a time: what the caller says back", () => {
  const TUE = SLOTS[0]!;
  it("picks 'the second one' among the two just re-offered, not the second overall", () => {
    expect(slotChoiceOf("the second one", SLOTS, [1, 2])).toEqual({ kind: "pick", index: 2 });
    expect(slotChoiceOf("uh, the first one i guess", SLOTS, [1, 2])).toEqual({ kind: "pick", index: 1 });
  });

  it("reads a bare 'the second' after two re-offered times as a position, not the 2nd of the month", () => {
    expect(slotChoiceOf("i'll take the second", SLOTS, [1, 2])).toEqual({ kind: "pick", index: 2 });
    expect(slotChoiceOf("the first of those", SLOTS, [1, 2])).toEqual({ kind: "pick", index: 1 });
    // With a month, or with only one time just read out, it is a date.
    expect(slotChoiceOf("the second of march", SLOTS, [1, 2])).toMatchObject({ kind: "unavailable" });
    expect(slotChoiceOf("can we do the second", SLOTS, [0])).toMatchObject({ kind: "unavailable" });
  });

  it("reads 'tuesday's bad for me' as turning down the Tuesday opening", () => {
    expect(slotChoiceOf("tuesday's bad for me", SLOTS, [0])).toEqual({ kind: "declined" });
    expect(slotChoiceOf("tuesday is no good, i'm at work", SLOTS, [0])).toEqual({ kind: "declined" });
  });

  it("reads 'I can't do Tuesday' as turning down Tuesday, never as picking it", () => {
    const choice = slotChoiceOf("i can't do tuesday", SLOTS, [0]);
    expect(choice).not.toEqual({ kind: "pick", index: 0 });
    expect(choice).toEqual({ kind: "declined" });
  });

  it("reads 'not in the morning' as a preference for the afternoon", () => {
    expect(slotChoiceOf("not in the morning", SLOTS, [0])).toEqual({ kind: "offer", indices: [1] });
    expect(slotChoiceOf("mornings don't work for me", SLOTS, [0])).toEqual({ kind: "offer", indices: [1] });
  });

  it("understands a day said at any point, before it was offered", () => {
    expect(slotChoiceOf("do you have anything thursday?", SLOTS, [0])).toEqual({ kind: "pick", index: 1 });
    expect(slotChoiceOf("afternoon is better", SLOTS, [0])).toEqual({ kind: "pick", index: 1 });
  });

  it("takes 'the soonest' and 'any of those' as a pick", () => {
    expect(slotChoiceOf("whatever's soonest", SLOTS, [1, 2])).toEqual({ kind: "pick", index: 0 });
    expect(slotChoiceOf("any of those is fine", SLOTS, [1, 2])).toEqual({ kind: "pick", index: 1 });
  });

  it("never offers a time the caller already turned down", () => {
    expect(slotChoiceOf("mornings are better", SLOTS, [1], [0])).toEqual({ kind: "pick", index: 2 });
    expect(slotChoiceOf("tomorrow", SLOTS, [1, 2], [0])).toEqual({ kind: "unavailable", asked: "tomorrow" });
    expect(TUE.relativeDay).toBe("tomorrow");
  });

  it("marks a preference that fits several times as tentative, not a booking", () => {
    const x = extractByRules({
      stage: "slot",
      utterance: "something in the morning",
      slotsOffered: SLOTS,
      slotsMentioned: [1],
      slotsDeclined: [],
    });
    expect(x).toMatchObject({ slotNumber: 1, slotTentative: true });
  });

  it("reports a day no slot has as unavailable", () => {
    expect(
      extractByRules({
        stage: "slot",
        utterance: "how about saturday",
        slotsOffered: SLOTS,
        slotsMentioned: [0],
      }).slotUnavailable,
    ).toBe("on Saturday");
  });
});

describe("corrections and spelling", () => {
  it("keeps the ZIP said after 'no wait': '90210, no wait… 78701'", () => {
    expect(extractByRules({ stage: "zip", utterance: "90210, no wait… 78701", slotsOffered: [] }).zip).toBe(
      "78701",
    );
    expect(
      extractByRules({
        stage: "zip",
        utterance: "seven eight seven oh one, sorry I mean seven eight seven oh two",
        slotsOffered: [],
      }).zip,
    ).toBe("78702");
  });

  it("keeps the address said after a correction", () => {
    expect(
      extractByRules({
        stage: "address",
        utterance: "12 Elm Street, actually that's my office, home is 940 Oak Lane",
        slotsOffered: [],
      }).address,
    ).toBe("940 Oak Lane");
  });

  it("joins a spelled name with the name said before it: 'jon, j o n, smith'", () => {
    expect(
      extractByRules({ stage: "name", utterance: "jon, j o n, smith", slotsOffered: [] }).callerName,
    ).toBe("Jon Smith");
    expect(
      extractByRules({ stage: "name", utterance: "Anna, K-O-W-A-L-S-K-I", slotsOffered: [] }).callerName,
    ).toBe("Anna Kowalski");
    expect(joinSpelling("it's L E E")).toBe("it's Lee ");
  });

  it("takes the name after 'no sorry'", () => {
    expect(
      extractByRules({ stage: "name", utterance: "Mike, no sorry, Michael Brandt", slotsOffered: [] })
        .callerName,
    ).toBe("Michael Brandt");
  });

  it("returns the whole answer when there is no correction", () => {
    expect(afterCorrection("78701", () => true)).toBe("78701");
  });
});

describe("a name corrected later", () => {
  it("replaces the half of the name the caller corrects", () => {
    expect(nameCorrectionOf("no sorry it's simms with two m's", "Carla Sims")).toBe("Carla Simms");
    expect(nameCorrectionOf("sorry, that's reyes, not rays", "Tom Rays")).toBe("Tom Reyes");
    expect(nameCorrectionOf("no, it's Jon, J O N", "John Reyes")).toBe("Jon Reyes");
  });

  it("takes a full name restated with a correction", () => {
    expect(nameCorrectionOf("no sorry, it's petersen with an e n, anna petersen", "Anna Peterson")).toBe(
      "Anna Petersen",
    );
  });

  it("does not take a plain no, or an unrelated name, as a correction", () => {
    expect(nameCorrectionOf("no thanks", "Carla Sims")).toBeNull();
    expect(nameCorrectionOf("no it's fine, just call me", "Carla Sims")).toBeNull();
    expect(nameCorrectionOf("no, it's my wife david who'll be home", "Carla Sims")).toBeNull();
    expect(nameCorrectionOf("no sorry it's simms", undefined)).toBeNull();
  });
});

describe("someone else's home", () => {
  it("hears a third party with their name: 'my tenant Mrs. Alvarez in unit B'", () => {
    const said = "I'm calling for my tenant Mrs. Alvarez in unit B, her kitchen sink is backed up";
    expect(thirdPartyOf(said)).toBe("my tenant Mrs. Alvarez");
    expect(unitOf(said)).toBe("B");
    expect(extractByRules({ stage: "issue", utterance: said, slotsOffered: [] })).toMatchObject({
      thirdParty: "my tenant Mrs. Alvarez",
      unit: "B",
    });
  });

  it("hears a family named after the relation: 'my neighbors the Hendersons'", () => {
    expect(thirdPartyOf("my neighbors the hendersons are away and asked me to call")).toBe(
      "my neighbors the Hendersons",
    );
    expect(thirdPartyOf("calling for my clients, the nguyens")).toBe("my clients the Nguyens");
    // A plumbing word after "the" is the problem, not a family.
    expect(thirdPartyOf("my parents the pipes froze")).toBe("my parents");
  });

  it("hears a relative without a name", () => {
    expect(thirdPartyOf("my elderly mother's water heater is leaking")).toBe("my elderly mother");
    expect(thirdPartyOf("my sink is leaking")).toBeNull();
  });

  it("reads apartment and unit numbers", () => {
    expect(unitOf("apartment 3B")).toBe("3B");
    expect(unitOf("it's unit bee")).toBe("B");
    expect(unitOf("4410 Duval Street")).toBeNull();
  });
});
