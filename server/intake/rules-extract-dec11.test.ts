// What the eleventh held-out batch taught the rules, each lesson in wordings of its own (never the
// batch's sentences): pinned through the exported functions.
import { describe, expect, it } from "vitest";
import { detectEmergency } from "@/server/intake/emergency-rules";
import {
  extractByRules,
  isPlainlyRoutine,
  joinSpelling,
  nameOf,
  questionOf,
  questionSentenceOf,
  safetyTopicOf,
} from "@/server/intake/rules-extract";
import { groundName } from "@/server/voice/evidence";

const at = (stage: "issue" | "name" | "slot", utterance: string) =>
  extractByRules({ stage, utterance, slotsOffered: [] });

describe("a burning smell", () => {
  it("is a safety risk at once, whatever plumbing problem comes with it", () => {
    for (const said of [
      "the tankless unit is leaking a bit and there's a scorched smell coming off it",
      "there's a smell of burning plastic from the water heater closet",
      "the boiler is making a racket and it smells like something melted",
    ])
      expect(detectEmergency(said), said).toBe("other_safety_risk");
  });

  it("is not one when it only smells while the disposal runs, or when it is a match (sulfur: the gas question)", () => {
    expect(detectEmergency("the disposal smells burnt when I run it")).toBeNull();
    const matches = "a whiff like a burnt match by the furnace, on and off";
    expect(detectEmergency(matches)).toBeNull();
    expect(safetyTopicOf(matches)).toBe("gas");
  });

  it("is not one when nothing is burning", () => {
    expect(detectEmergency("no burning smell or anything, the heater just drips")).toBeNull();
    expect(detectEmergency("the smoke detector chirps when the shower runs")).toBeNull();
  });
});

describe("dirty water where it should not be is sewage", () => {
  it("hears a toilet spilling brown or dirty water over its rim as a sewage backup", () => {
    for (const said of [
      "the downstairs toilet is overflowing with dirty water all over the tile",
      "it went over the rim and it's brownish, it's in the hall now",
    ])
      expect(detectEmergency(said), said).toBe("sewage_backup");
  });

  it("hears a tub or shower filling up with filthy water from its drain as a sewage backup", () => {
    expect(detectEmergency("the shower is filling up with black water from the drain")).toBe("sewage_backup");
    expect(detectEmergency("nasty brown stuff keeps coming out of the drain in the tub")).toBe(
      "sewage_backup",
    );
  });

  it("keeps clean water over the rim a flood, and an old stain neither", () => {
    expect(detectEmergency("the toilet is overflowing and won't stop, water everywhere")).toBe("flooding");
    expect(detectEmergency("there's a brown stain under the sink from when it overflowed")).toBeNull();
  });
});

describe("figures of speech and harmless problems", () => {
  it("does not hear 'a flood of' as a flood, and still hears one", () => {
    expect(detectEmergency("we've had a flood of calls about this all week, the shower drips")).toBeNull();
    expect(detectEmergency("there's a flood of water in the laundry room")).toBe("flooding");
    expect(detectEmergency("the garage flooded overnight and it's still rising")).toBe("flooding");
  });

  it("keeps a toilet that runs or refills by itself routine", () => {
    for (const said of [
      "the toilet in the hall refills by itself every so often",
      "our toilet keeps starting to run on its own in the middle of the night",
    ])
      expect(isPlainlyRoutine(said), said).toBe(true);
  });

  it("keeps a drain named with where it is, then slow, routine", () => {
    expect(isPlainlyRoutine("the drain in the laundry room is slow")).toBe(true);
  });
});

describe("names spelled letter by letter", () => {
  it("joins letters apart by commas into one word up to a full stop", () => {
    expect(joinSpelling("M, I, L, A. Mila. And the last name is R, O, S, S, I.")).toContain("Mila");
    expect(nameOf(joinSpelling("M, I, L, A. Mila. And the last name is R, O, S, S, I."), true)).toBe(
      "Mila Rossi",
    );
  });

  it("keeps hyphenated spellings of two words apart", () => {
    expect(nameOf(joinSpelling("It's T-O-M-A-S N-O-V-A-K"), true)).toBe("Tomas Novak");
  });

  it("does not take the article for a letter ('with a P H')", () => {
    expect(nameOf(joinSpelling("philip, with a p h, philip grant"), true)).toBe("Philip Grant");
  });

  it("grounds a name that was only spelled", () => {
    expect(groundName("Tomas Novak", "It's T-O-M-A-S N-O-V-A-K")).toBe("Tomas Novak");
    expect(groundName("Tomas Novak", "It's Tom")).toBeNull();
  });
});

describe("every question heard", () => {
  it("hears a price asked with the problem", () => {
    expect(questionOf("the tub spout leaks. what would a fix like that typically cost?").question).toBe(
      "price",
    );
  });

  it("hears a question about someone else at home or about the caller's own part", () => {
    for (const said of [
      "can my son let him in?",
      "do we have to move the car?",
      "roughly how long is the visit?",
    ])
      expect(questionOf(said).question, said).toBe("other");
  });

  it("keeps a question asked with the chosen time for the notes, in its own words", () => {
    const x = at("slot", "Thursday works. Does the plumber need me to clear out the cabinet?");
    expect(x.question).toBe("other");
    expect(x.questionAsked).toBe("does the plumber need me to clear out the cabinet?");
    expect(questionSentenceOf("ok. how long will it take? and will he call first?")).toMatch(/how long/);
  });

  it("hears 'do you do restaurants?' and the like as commercial work", () => {
    expect(questionOf("do y'all work on restaurants?")).toEqual({
      question: "services",
      serviceAsked: "commercial",
    });
    expect(questionOf("I run a bakery out of my home, do you do businesses?").serviceAsked).not.toBe(
      "commercial",
    );
    expect(questionOf("we run a small dental office, do you do water heaters?").serviceAsked).toBe(
      "commercial",
    );
    // A property manager's properties are mostly homes: the question is answered as asked.
    expect(questionOf("I'm the property manager, do you guys do water heaters?").serviceAsked).toBe(
      "water heaters",
    );
  });
});

describe("a tenant, from the one who manages the home", () => {
  it("hears 'the tenant' as the person the work is for", () => {
    expect(
      at("issue", "I manage the place, and the tenant in the back unit says the toilet won't flush")
        .thirdParty,
    ).toBeTruthy();
  });
});
