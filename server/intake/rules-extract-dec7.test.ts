// The phrasings real callers used in the December batch that the rules now read: each is pinned
// here through the exported functions, so it can be re-expressed as a data rule with the same meaning.
import { describe, expect, it } from "vitest";
import {
  detectWantsHuman,
  extractByRules,
  isPlainlyRoutine,
  nameOf,
  notCustomerOf,
  questionOf,
  safetyTopicOf,
  thirdPartyOf,
  urgencyOf,
} from "@/server/intake/rules-extract";
import { upcomingSlots } from "@/server/voice/booking-slots";

describe("urgency and the safety question", () => {
  it("takes a toilet that runs all night as a normal, plainly routine visit", () => {
    expect(urgencyOf("the toilet in the guest bath runs all night")).toBe("normal");
    expect(isPlainlyRoutine("the toilet in the guest bath runs all night")).toBe(true);
    expect(isPlainlyRoutine("our upstairs toilet runs all day")).toBe(true);
  });

  it("hears no hot water said as 'it don't give hot water' or 'only cold water' as high, about a home without service", () => {
    expect(urgencyOf("the heater doesn't give hot water anymore since last night")).toBe("high");
    expect(urgencyOf("we get only cold water from every tap")).toBe("high");
    expect(safetyTopicOf("the heater won't make hot water")).toBe("no_service");
  });

  it("takes a problem that has gone on 'about a week' or 'like a month now' as plainly routine", () => {
    expect(isPlainlyRoutine("the kitchen sink drains slow, it's been about a week")).toBe(true);
    expect(isPlainlyRoutine("the tub has been draining slow like a month now")).toBe(true);
  });

  it("takes a leak caught in a bucket as contained: normal, no safety question", () => {
    expect(urgencyOf("the pipe under the vanity leaks into a bucket")).toBe("normal");
    expect(isPlainlyRoutine("the pipe under the vanity leaks into a bucket")).toBe(true);
  });

  it("takes 'not a crisis' and 'we have another bathroom' as contained", () => {
    expect(isPlainlyRoutine("the hall toilet won't flush right but we have another bathroom")).toBe(true);
    expect(isPlainlyRoutine("the toilet is acting up, it's not a crisis")).toBe(true);
  });

  it("takes an old stain that is dry and hasn't grown as contained: no safety question", () => {
    expect(
      isPlainlyRoutine(
        "there's a water spot on the hallway ceiling from the storm, it's dry and hasn't gotten bigger",
      ),
    ).toBe(true);
  });

  it("does not take the standing water of a slow drain as a loss of service", () => {
    expect(urgencyOf("the shower drains slow and there's standing water after")).toBe("normal");
    // A drain that does not drain at all still is.
    expect(urgencyOf("the shower won't drain, standing water in it")).toBe("high");
  });
});

describe("names as people say them", () => {
  it("keeps O'Brien, McDonald and DeLuca as names are written", () => {
    expect(nameOf("sean o'brien", true)).toBe("Sean O'Brien");
    expect(nameOf("ronald mcdonald", true)).toBe("Ronald McDonald");
    expect(nameOf("Frank DeLuca", true)).toBe("Frank DeLuca");
  });

  it("never capitalises the letter after an apostrophe in a contraction", () => {
    expect(nameOf("this is weird, there's water", false)).not.toContain("'S");
  });

  it("stops a third party's name at a word that is not a name ('my son flushed a toy')", () => {
    expect(thirdPartyOf("my son flushed a toy down the toilet")).toBe("my son");
    expect(thirdPartyOf("my son usually fixes these")).toBe("my son");
    expect(thirdPartyOf("my tenant Maria says the sink leaks")).toBe("my tenant Maria");
  });
});

describe("who is calling", () => {
  it("hears a pharmacy caller as a wrong number", () => {
    expect(notCustomerOf("Hi, is this CVS? I need my prescription refilled")).toBe("wrong_number");
    expect(notCustomerOf("I'm calling about my prescription, is it ready")).toBe("wrong_number");
  });

  it("hears 'somebody real' as asking for a person", () => {
    expect(detectWantsHuman("can i just get somebody real on the phone")).toBe(true);
    expect(detectWantsHuman("is there anyone real i can talk to")).toBe(true);
  });

  it("takes a business run from a home, or rented units, as residential, not a commercial building", () => {
    expect(questionOf("i do nails out of my house and the sink in there is clogged").serviceAsked).toBeNull();
    expect(questionOf("i run a home daycare and a toilet is leaking").serviceAsked).toBeNull();
    expect(
      questionOf("i'm with a property management company, the rental house on elm has a leaky tub")
        .serviceAsked,
    ).toBeNull();
    expect(questionOf("i own a bakery but this is for my house").serviceAsked).toBeNull();
    // A restaurant is still a commercial building.
    expect(questionOf("i run a restaurant and the grease trap is backing up").serviceAsked).toBe(
      "commercial",
    );
  });
});

describe("times", () => {
  const slots = upcomingSlots(
    [
      { weekday: 2, startMinute: 540, endMinute: 660 },
      { weekday: 3, startMinute: 780, endMinute: 900 },
      { weekday: 4, startMinute: 540, endMinute: 660 },
    ],
    { timeZone: "America/Chicago", now: "2026-03-02T16:00:00Z" },
  );

  it("takes the day asked for in the last sentence after turning one down ('Tuesday won't work. Thursday morning?')", () => {
    const x = extractByRules({
      stage: "slot",
      utterance: "Nah, tomorrow won't work for me. How about Thursday morning?",
      slotsOffered: slots,
      slotsMentioned: [0],
      slotsDeclined: [],
    });
    expect(x.slotNumber).toBe(3);
  });
});
