// What the twenty-third held-out batch (emergencies nobody names, and calls that only sound like
// them) taught the rules, each lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import { extractByRules, heardAsWritten } from "@/server/intake/rules-extract";
import { THREE_SLOTS } from "@/server/test/heard-at";
import { detectEmergency } from "@/server/intake/emergency-rules";

const emergencyIn = (said: string) => detectEmergency(heardAsWritten(said));

describe("a gas smell told by what it is like", () => {
  it("hears a struck match, sulfur or a propane grill by a gas appliance as gas", () => {
    expect(emergencyIn("the furnace closet smells like a match somebody just struck, kind of sulfur")).toBe(
      "gas_smell",
    );
    expect(emergencyIn("by the oven there's an odor like the propane tank on our camp stove")).toBe(
      "gas_smell",
    );
  });

  it("does not take water that smells of rotten eggs or sulfur for gas", () => {
    expect(emergencyIn("our hot water smells like sulfur, it's coming from the water heater")).toBeNull();
    expect(emergencyIn("the tap water has a sulfur smell near the stove sink")).toBeNull();
  });
});

describe("water escaping, never named", () => {
  it("hears water running inside a wall with everything off as a pipe giving way", () => {
    expect(
      emergencyIn(
        "nobody's using anything, everything is off, and there's water rushing inside the wall by the stairs",
      ),
    ).toBe("burst_pipe");
    expect(emergencyIn("I hear water running in the wall when the washer fills")).toBeNull();
  });

  it("hears a meter wheel whirling with everything off", () => {
    expect(emergencyIn("went out to the meter and the dial is whirling and we have nothing on")).toBe(
      "burst_pipe",
    );
    expect(emergencyIn("the meter's little wheel turns when we run the sprinklers")).toBeNull();
  });

  it("hears water coming up through the floor and growing", () => {
    expect(emergencyIn("water's coming up through the slab in the den and it's getting bigger")).toBe(
      "flooding",
    );
    expect(emergencyIn("a little water seeps up around the toilet base when I flush")).toBeNull();
  });
});

describe("no water for someone who depends on it", () => {
  it("hears taps that cough air and a person home from the hospital", () => {
    expect(
      emergencyIn(
        "the faucets cough air and then nothing, and my wife just got out of the hospital after surgery",
      ),
    ).toBe("no_water_vulnerable");
  });
});

describe("over and done", () => {
  it("takes a fear of next time for no problem now", () => {
    expect(
      emergencyIn(
        "the tub overflowed last week, we mopped it all up and it's fine now, I'm just worried it'll happen again",
      ),
    ).toBeNull();
  });
});

describe("times", () => {
  const slotOf = (said: string) =>
    extractByRules({
      stage: "slot",
      utterance: said,
      slotsOffered: THREE_SLOTS,
      slotsMentioned: [0],
      slotsDeclined: [],
    }).slotNumber;

  it("keeps a day turned down in one sentence out of the time asked for in the next", () => {
    // Slots: 1 Tuesday 9 AM, 2 Wednesday 1 PM, 3 Thursday 9 AM.
    expect(slotOf("Tuesday's out, I'm at the office. Any other morning this week?")).toBe(3);
    expect(slotOf("Is Thursday open? Tuesday and Wednesday we're on a job in Round Rock.")).toBe(3);
  });
});
