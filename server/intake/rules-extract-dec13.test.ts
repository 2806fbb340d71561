// What the thirteenth held-out batch (how people choose a time, repeat customers, several problems
// in one call, emergencies in plain words) taught the rules, each lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import { detectEmergency } from "@/server/intake/emergency-rules";
import { isPlainlyRoutine, questionOf, sentencesOf, slotChoiceOf } from "@/server/intake/rules-extract";

describe("water escaping where nobody sees it", () => {
  it("hears a meter that moves with everything turned off as a broken line", () => {
    for (const said of [
      "the meter out front keeps turning and we've got everything shut off",
      "the water meter is running even with nothing on in the house",
    ])
      expect(detectEmergency(said), said).toBe("burst_pipe");
  });
});

describe("water in the garden is not water in the home", () => {
  it("keeps a spigot 'flooding' the flower bed or the lawn routine", () => {
    const said = "the hose bib won't close all the way and it's flooding the lawn, been a week";
    expect(detectEmergency(said)).toBeNull();
    expect(isPlainlyRoutine(said)).toBe(true);
    expect(detectEmergency("the laundry room is flooding and it won't stop")).toBe("flooding");
  });
});

describe("choosing a time", () => {
  const slots = [
    { day: "Tuesday", relativeDay: "tomorrow", hour: 9 },
    { day: "Wednesday", relativeDay: null, hour: 13 },
    { day: "Thursday", relativeDay: null, hour: 9 },
  ] as unknown as Parameters<typeof slotChoiceOf>[1];

  it("takes every day the caller works as out", () => {
    // All three times were read out; Tuesday and Thursday are work days: Wednesday is left.
    const choice = slotChoiceOf("not tuesday, i work mondays, tuesdays and thursdays", slots, [0, 1, 2]);
    expect(choice).toEqual({ kind: "offer", indices: [1] });
  });
});

describe("questions without a question mark", () => {
  it("hears a question asked after a comma at the end of a sentence", () => {
    expect(sentencesOf("Dave set it up last spring, can you send Dave?")).toEqual([
      "Dave set it up last spring.",
      "can you send Dave?",
    ]);
    expect(questionOf("Dave set it up last spring, can you send Dave?").question).toBe("other");
  });

  it("hears a question cut off an unpunctuated answer", () => {
    expect(questionOf("the tub drain is slow what's your address i want to drop off the part").question).toBe(
      "other",
    );
  });
});

describe("a toilet that runs all night", () => {
  it("is routine however dramatic the words", () => {
    expect(
      isPlainlyRoutine("the upstairs toilet has been running all night long, it sounds like a waterfall"),
    ).toBe(true);
  });
});
