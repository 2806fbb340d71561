// What the fourteenth held-out batch (winter and the holidays, half of it as speech recognition
// hands it over) taught the rules, each lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import { detectEmergency } from "@/server/intake/emergency-rules";
import {
  extractByRules,
  heardAsWritten,
  isPlainlyRoutine,
  slotChoiceOf,
  urgencyOf,
} from "@/server/intake/rules-extract";
import { heardAt, THREE_SLOTS } from "@/server/test/heard-at";
import { specialTimeAsked } from "@/server/voice/caller-answers";

const at = heardAt;

describe("emergencies told in plain words", () => {
  it("hears no water for someone vulnerable said without 'no water'", () => {
    for (const said of [
      "my dad is ninety and he hasnt got a drop out of the kitchen tap since last night",
      "nothing's coming out of the faucets and my wife is on oxygen at home",
    ])
      expect(detectEmergency(heardAsWritten(said)), said).toBe("no_water_vulnerable");
  });

  it("hears an unlit stove's smell however far the words are apart", () => {
    const said =
      "there's an odor in the utility room by the furnace, honestly it's the same as when a burner on the stove won't light";
    expect(detectEmergency(said)).toBe("gas_smell");
    expect(detectEmergency("the stove burner won't light, no smell at all")).toBeNull();
  });

  it("hears water running down inside a wall as a broken pipe", () => {
    expect(detectEmergency("since the freeze there's water running down inside the bedroom wall")).toBe(
      "burst_pipe",
    );
  });

  it("hears water spreading toward something plugged in as a safety risk", () => {
    expect(
      detectEmergency(
        "the washer hose let go and the puddle is spreading toward the power strip behind the dryer",
      ),
    ).toBe("other_safety_risk");
    expect(detectEmergency("the disposal is plugged in under the sink and it hums")).toBeNull();
  });

  it("takes dishwasher water in the kitchen sink it drains through as a clog, not sewage", () => {
    const said = "whenever we run the dishwasher gross water comes up in the kitchen sink";
    expect(detectEmergency(said)).toBeNull();
    expect(detectEmergency("every time we flush, nasty water comes up in the tub")).toBe("sewage_backup");
  });
});

describe("urgency", () => {
  it("hears 'haven't had hot water' as no hot water", () => {
    expect(urgencyOf(heardAsWritten("we havent had any hot water since sunday"))).toBe("high");
  });

  it("takes a new line or fixture put in as low", () => {
    expect(urgencyOf("we need a water line run to the fridge for the new ice maker")).toBe("low");
    expect(urgencyOf("we bought a new vanity and want it put in before the in-laws come")).toBe("low");
    expect(urgencyOf("our brand new water heater is leaking all over the garage floor")).not.toBe("low");
  });

  it("takes a drain 'backed up with' hair or gunk as a clog", () => {
    expect(urgencyOf("the bathroom sink is backed up with toothpaste gunk")).toBe("normal");
  });

  it("keeps a toilet that hisses while it refills by itself routine", () => {
    expect(isPlainlyRoutine("the upstairs toilet hisses and then it refills on its own every hour")).toBe(
      true,
    );
    expect(isPlainlyRoutine("something is hissing behind the wall")).toBe(false);
  });
});

describe("names", () => {
  it("takes a name said first, before something else", () => {
    expect(at("name", "gloria mendes oh hang on the dog is out").callerName).toBe("Gloria Mendes");
    expect(at("name", "ray tolliver im the one who called yesterday").callerName).toBe("Ray Tolliver");
  });

  it("sets aside a verb after 'it's' or 'I'm' and takes the name the caller goes on to give", () => {
    expect(at("name", "sorry its dripping on me hold on its paula reyes").callerName).toBe("Paula Reyes");
    expect(at("name", "it's under my wife's name, it's Ingrid Sol").callerName).toBe("Ingrid Sol");
    expect(at("name", "it's Irving").callerName).toBe("Irving");
  });

  it("takes no name from 'I put a bucket under there'", () => {
    expect(at("issue", "it drips so I put a bowl under there, it's been a week").callerName).toBeNull();
  });
});

describe("choosing a time", () => {
  const slots = THREE_SLOTS;

  it("takes a day said with what keeps the caller busy as turned down", () => {
    for (const said of [
      "tuesday i'm driving my mom to her chemo all morning",
      "tuesday we have company coming",
      "oh tuesday i got a doctor appointment",
    ])
      expect(slotChoiceOf(said, slots, [0]), said).toEqual({ kind: "declined" });
    expect(slotChoiceOf("tuesday i'm going to be home so that works", slots, [0])).toEqual({
      kind: "pick",
      index: 0,
    });
  });

  it("reads no time out of an address said again", () => {
    const x = extractByRules({
      stage: "slot",
      utterance: "nineteen oh four pecan street",
      slotsOffered: slots as never,
      slotsMentioned: [0],
      slotsDeclined: [],
    });
    expect(x.slotUnavailable).toBeNull();
    expect(x.slotNumber).toBeNull();
  });
});

describe("what the caller asks", () => {
  it("hears 'are y'all open' on a holiday as a question about the hours, with the holiday noted", () => {
    expect(at("name", "quick question are yall open the day after christmas").question).toBe("hours");
    expect(specialTimeAsked("will you be open over new year's")).toBe("holiday");
    expect(specialTimeAsked("is it more on weekends?")).toBe("after hours");
    expect(specialTimeAsked("how much is it?")).toBeNull();
  });

  it("hears a house of worship as commercial work", () => {
    expect(
      at("issue", "I'm calling from St. Luke's, the toilet in our parish hall is clogged").serviceAsked,
    ).toBe("commercial");
  });

  it("takes 'call the tenant first' as an instruction, not a callback", () => {
    expect(at("booking_offer", "yes send someone, just call the tenant first").bookingIntent).toBe("visit");
  });

  it("does not take the ZIP's place on the water bill as a problem", () => {
    expect(at("zip", "hang on its on the water bill 78704").issueSummary).toBeNull();
  });
});
