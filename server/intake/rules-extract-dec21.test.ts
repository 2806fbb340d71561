// What the twenty-first held-out batch (plumbing in words nobody wrote down: regional names,
// metaphors, understatement, callers from other English-speaking places) taught the rules, each
// lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import { heardAsWritten, isPlainlyRoutine, safetyTopicOf, urgencyOf } from "@/server/intake/rules-extract";
import { detectEmergency } from "@/server/intake/emergency-rules";
import { heardAt } from "@/server/test/heard-at";

const heard = (said: string) => heardAsWritten(said);

describe("no water, in other words", () => {
  it("hears dry taps as no water, and asks who can't do without it", () => {
    expect(safetyTopicOf(heard("all the faucets are bone dry since lunch"))).toBe("no_service");
    expect(safetyTopicOf(heard("we haven't had not one drop since the storm"))).toBe("no_service");
    expect(urgencyOf(heard("every tap in the flat is dry"))).toBe("high");
  });

  it("escalates dry taps with someone who depends on the water, however it is said", () => {
    expect(detectEmergency(heard("the taps are dry and my mum's on oxygen, she's ninety"))).toBe(
      "no_water_vulnerable",
    );
    expect(detectEmergency(heard("not one drop, and the baby is three weeks old"))).toBe(
      "no_water_vulnerable",
    );
    expect(detectEmergency(heard("the pipes in the crawlspace have dry rot"))).toBeNull();
  });
});

describe("work by choice", () => {
  it("reads a working fixture swapped by choice as low", () => {
    expect(urgencyOf(heard("the vanity faucet works fine, it's just dated, I want a new one"))).toBe("low");
    expect(urgencyOf(heard("nothing is wrong with it, we just want the tall toilet"))).toBe("low");
    expect(urgencyOf(heard("the heater is fifteen years old, I'd like to replace it before it dies"))).toBe(
      "low",
    );
    // A broken one is not by choice.
    expect(urgencyOf(heard("the water heater died and I need a new one"))).not.toBe("low");
  });

  it("keeps what is said after a services question as the problem with the service asked", () => {
    const x = heardAt(
      "issue",
      "Do you do water softeners? Ours is ancient, still runs, but we want it swapped.",
    );
    expect(x.question).toBe("services");
    expect(x.issueSummary).toMatch(/^Water softeners: /);
    expect(x.urgency).toBe("low");
  });
});

describe("outside the house", () => {
  it("keeps a meter box that fills with water routine: nothing is wet in the house", () => {
    expect(urgencyOf(heard("the meter box by the curb always has water in it, is the line leaking?"))).toBe(
      "normal",
    );
    expect(isPlainlyRoutine(heard("the meter box by the curb always has water in it"))).toBe(true);
  });
});
