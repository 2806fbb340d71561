// What the later December batch taught the rules, each lesson in several wordings of its own
// (never the batch's sentences): pinned through the exported functions.
import { describe, expect, it } from "vitest";
import {
  extractByRules,
  isPlainlyRoutine,
  joinSpelling,
  safetyTopicOf,
  urgencyOf,
} from "@/server/intake/rules-extract";
import { findPhoneNumber } from "@/server/intake/spoken-numbers";

const nameSaid = (utterance: string) =>
  extractByRules({ stage: "name", utterance, slotsOffered: [] }).callerName;

describe("a water heater the caller is unsure about", () => {
  it("asks the safety question when the caller can't say what's wrong, even with a noise", () => {
    for (const said of [
      "something is wrong with our hot water heater, it keeps making a crackling sound",
      "the water heater is rumbling and it just doesn't sound right to me",
      "I'm not sure what's going on with the water heater, it's banging",
      "our tankless unit is acting up, it clicks over and over",
    ]) {
      expect(isPlainlyRoutine(said), said).toBe(false);
      expect(safetyTopicOf(said), said).not.toBeNull();
    }
  });

  it("asks it when a water heater leaks or drips, even a little", () => {
    for (const said of [
      "the hot water tank is seeping a bit at the base",
      "there's a small puddle next to the water heater, a few drops",
      "water heater's dripping a little from the pipe on top",
    ]) {
      expect(isPlainlyRoutine(said), said).toBe(false);
      expect(safetyTopicOf(said), said).toBe("water");
    }
  });

  it("leaves a plain water heater noise, a contained drip, an old one and a quote routine", () => {
    for (const said of [
      "the water heater pops and rumbles when it heats up, hot water is fine",
      "the water heater makes a ticking noise",
      "the water heater drips a little but the drain pan catches it",
      "my water heater has been leaking a little for a couple of months",
      "I'd like a quote to replace the water heater, no leaks, it's just old",
    ]) {
      expect(isPlainlyRoutine(said), said).toBe(true);
      expect(urgencyOf(said), said).not.toBe("emergency");
    }
  });
});

describe("a name said, then spelled", () => {
  it("keeps the spoken name with the spelled letters' spelling", () => {
    expect(nameSaid("Aoife Brennan. That's A-O-I-F-E.")).toBe("Aoife Brennan");
    expect(nameSaid("Marc Szymanski, spelled S-Z-Y-M-A-N-S-K-I")).toBe("Marc Szymanski");
    expect(nameSaid("it's Sean Doyle, S E A N")).toBe("Sean Doyle");
    // Speech recognition wrote the name another way: the spelling is what counts.
    expect(nameSaid("Shavon Kelly, that's S-I-O-B-H-A-N")).toBe("Siobhan Kelly");
  });

  it("leaves a first or last name spelled on its own to be read as one", () => {
    expect(joinSpelling("Karen, my last name is K-A-Y-E")).toBe("Karen, my last name is Kaye ");
    expect(nameSaid("Anna, K-O-W-A-L-S-K-I")).toBe("Anna Kowalski");
  });
});

describe("a name with who the caller is with", () => {
  it("takes the name and leaves the company", () => {
    expect(nameSaid("Greta Ames with Lakeline Property Management")).toBe("Greta Ames");
    expect(nameSaid("Tom Reyes from Hillside Rentals")).toBe("Tom Reyes");
  });
});

describe("a number to call back, as people say it", () => {
  it("hears ten digits said whole, in groups, in words, or with a leading 1", () => {
    expect(findPhoneNumber("512-555-0199")).toBe("5125550199");
    expect(findPhoneNumber("five one two, five five five, oh one nine nine")).toBe("5125550199");
    expect(findPhoneNumber("it's 1 512 555 0199")).toBe("5125550199");
    expect(findPhoneNumber("call me at 512 555 0199, that's my cell")).toBe("5125550199");
  });

  it("hears no number in a short run of digits", () => {
    expect(findPhoneNumber("555 0199")).toBeNull();
    expect(findPhoneNumber("I'm not sure")).toBeNull();
  });
});
