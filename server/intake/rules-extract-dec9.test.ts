// What the ninth held-out batch taught the rules, each lesson in wordings of its own (never the
// batch's sentences): pinned through the exported functions.
import { describe, expect, it } from "vitest";
import { detectEmergency } from "@/server/intake/emergency-rules";
import {
  checkingTheLine,
  extractByRules,
  isPlainlyRoutine,
  safetyTopicOf,
  urgencyOf,
} from "@/server/intake/rules-extract";
import { findZip } from "@/server/intake/spoken-numbers";

const nameSaid = (utterance: string, stage: "issue" | "name" = "issue") =>
  extractByRules({ stage, utterance, slotsOffered: [] }).callerName;

describe("a ZIP said with an apology for the line, or after an 'oh'", () => {
  it("hears the ZIP, not a line check, when the digits come with the apology", () => {
    for (const said of [
      "sorry, you cut out. seven eight seven oh two",
      "my phone is breaking up, it's seven eight seven five six",
      "I can barely hear you, 78704",
    ]) {
      expect(checkingTheLine(said), said).toBeNull();
      expect(findZip(said), said).not.toBeNull();
    }
    expect(checkingTheLine("sorry, you're breaking up")).toBe("hearing");
  });

  it("reads a leading 'oh,' as a word, and an 'oh' among the digits as a zero", () => {
    expect(findZip("oh, um, seven eight seven zero five")).toBe("78705");
    expect(findZip("oh! seven eight seven five one")).toBe("78751");
    expect(findZip("seven, eight, seven, oh, two")).toBe("78702");
    expect(findZip("seven eight seven oh four")).toBe("78704");
  });
});

describe("a negation ends at a comma", () => {
  it("hears 'nothing, no water at all' as no water, and a medical need as someone vulnerable", () => {
    expect(
      detectEmergency("she has nothing, no running water anywhere in the house, and she's on oxygen"),
    ).toBe("no_water_vulnerable");
    expect(detectEmergency("we got zilch, no water at all, and my wife does dialysis at home")).toBe(
      "no_water_vulnerable",
    );
  });

  it("still hears a negation that is not cut off", () => {
    expect(detectEmergency("there's no water on the floor, the faucet just drips")).toBeNull();
  });
});

describe("water escaping out of sight", () => {
  it("is a burst pipe when it sprays or rushes under the house, in a wall or under the slab", () => {
    for (const said of [
      "it sounds like water spraying inside the wall behind the fridge",
      "something is gushing in the crawl space, I can hear it from the kitchen",
      "water is rushing under the floor somewhere, you can hear it",
    ])
      expect(detectEmergency(said), said).toBe("burst_pipe");
  });

  it("is a burst pipe when the water meter races with nothing on", () => {
    expect(detectEmergency("nothing's on in the house and the meter is spinning like mad")).toBe(
      "burst_pipe",
    );
    expect(detectEmergency("the dial on the water meter is going crazy")).toBe("burst_pipe");
  });

  it("is not one for a sprinkler spraying the yard or a meter the caller only wonders about", () => {
    expect(detectEmergency("one of the sprinkler heads sprays the sidewalk instead of the yard")).toBeNull();
    expect(detectEmergency("I think the water meter moves a little when everything is off")).toBeNull();
  });
});

describe("gas, said without the word", () => {
  it("hears the smell of an unlit stove or burner", () => {
    for (const said of [
      "the kitchen smells like when you leave a burner on and it doesn't light",
      "there's an odor like the stove when the flame won't catch, no flame at all",
      "it smells like the gas stove before the burner lights, in the whole laundry room",
    ])
      expect(detectEmergency(said), said).toBe("gas_smell");
  });

  it("hears a hiss by a gas appliance that smells", () => {
    expect(detectEmergency("there's a hissing next to the furnace and a weird smell in the closet")).toBe(
      "gas_smell",
    );
  });

  it("does not hear a toilet that hisses in a musty bathroom", () => {
    expect(detectEmergency("the toilet hisses all night and the bathroom smells musty")).toBeNull();
  });
});

describe("a problem that is over and settled", () => {
  it("is not an emergency and not urgent: it happened, and it's dry or cleaned up now", () => {
    for (const said of [
      "the dishwasher flooded the kitchen yesterday, we mopped it all up and it's fine now",
      "the basement flooded last weekend but it's all dry now, I want someone to look at the sump",
      "there's a water stain on the ceiling from a leak a couple years ago, it's bone dry",
    ]) {
      expect(detectEmergency(said), said).toBeNull();
      expect(urgencyOf(said), said).toBe("normal");
      expect(isPlainlyRoutine(said), said).toBe(true);
    }
  });

  it("is still an emergency when the caller says it is still going on", () => {
    expect(
      detectEmergency(
        "a pipe burst last night, we cleaned up what we could but water is still pouring through the ceiling",
      ),
    ).not.toBeNull();
  });
});

describe("water that stays in the fixture", () => {
  it("is a slow drain when the water stands deep in the tub or shower", () => {
    for (const said of [
      "the tub takes forever to drain, I'm standing in inches of water by the time I'm done",
      "the shower drains really slow, the water is up to my ankles",
    ])
      expect(detectEmergency(said), said).toBeNull();
    expect(detectEmergency("there's water rising in the basement")).toBe("flooding");
  });

  it("is a fixture problem when a shower head or a sprayer sprays everywhere", () => {
    for (const said of [
      "the kitchen sprayer sprays everywhere",
      "the new showerhead is spraying water everywhere but on me",
    ])
      expect(detectEmergency(said), said).toBeNull();
    expect(detectEmergency("water is spraying out of the wall behind the washer")).toBe("flooding");
  });
});

describe("the whole house down to a trickle", () => {
  it("asks who is at home without water, as for no water", () => {
    expect(safetyTopicOf("every tap in the house is barely a trickle since noon")).toBe("no_service");
    expect(isPlainlyRoutine("all the faucets are down to a trickle all of a sudden")).toBe(false);
  });

  it("leaves one faucet's weak flow routine", () => {
    expect(safetyTopicOf("the bathroom faucet is down to a trickle")).not.toBe("no_service");
  });
});

describe("'this is …' before a description is not a name", () => {
  it("does not take an adjective or a verb form as the caller's name", () => {
    for (const said of [
      "this is ridiculous, the sink has been clogged for two days",
      "okay this is getting worse, the toilet keeps overflowing",
      "this is embarrassing but I flushed a toy",
    ])
      expect(nameSaid(said), said).toBeNull();
  });

  it("still takes a name introduced the same way", () => {
    expect(nameSaid("hi, this is Maria Lopez, my kitchen sink is clogged")).toBe("Maria Lopez");
    expect(nameSaid("this is Irving", "name")).toBe("Irving");
  });
});
