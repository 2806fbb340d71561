// What the twenty-fifth held-out batch (is it an emergency right now?) taught the rules, each
// lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import { detectEmergency } from "@/server/intake/emergency-rules";
import {
  extractByRules,
  heardAsWritten,
  isPlainlyRoutine,
  safetyTopicOf,
} from "@/server/intake/rules-extract";
import { heardAt, THREE_SLOTS } from "@/server/test/heard-at";

const emergencyIn = (said: string) => detectEmergency(heardAsWritten(said));
const routine = (said: string) => isPlainlyRoutine(heardAsWritten(said));

describe("the answer to the safety question, after an aside or a question", () => {
  it("takes the yes or no that follows a name or a question of the caller's own", () => {
    expect(heardAt("safety", "Oh, this is Dolores, by the way. Nope, it's only damp in there.").yesNo).toBe(
      "no",
    );
    expect(
      heardAt("safety", "Should I be worried? I mean, yeah, it's dripping on the carpet now.").yesNo,
    ).toBe("yes");
    expect(heardAt("safety", "Not that I can tell, no.").yesNo).toBe("no");
  });

  it("still reads a don't-know as the safe side", () => {
    expect(heardAt("safety", "I can't tell, honestly. Maybe?").yesNo).not.toBe("no");
  });
});

describe("a dropped g", () => {
  it("reads 'runnin'' as running, so the words are heard and never taken for a name", () => {
    expect(heardAsWritten("it's runnin' across the floor and it ain't quittin'")).toBe(
      "it's running across the floor and it ain't quitting",
    );
    expect(heardAt("name", "it's runnin' everywhere").callerName).toBeNull();
  });
});

describe("where a water heater stands is no outage", () => {
  it("asks about water, not about who is home without it, for a heater out in the garage that leaks", () => {
    expect(safetyTopicOf("my water heater out in the garage is leaking a little")).toBe("water");
    expect(safetyTopicOf("the water heater is out, no hot water since yesterday")).toBe("no_service");
  });
});

describe("water stopped at the valve and cleaned up", () => {
  it("is no emergency now, even with no time said", () => {
    expect(
      emergencyIn(
        "the dishwasher hose popped off and sprayed the kitchen, I turned the water off and we wiped it all up",
      ),
    ).toBeNull();
  });

  it("is still one when water keeps coming after the valve", () => {
    expect(
      emergencyIn(
        "a pipe burst in the attic, I shut off the main and mopped up but it's still coming through the ceiling",
      ),
    ).not.toBeNull();
  });
});

describe("emergencies described, not named", () => {
  it("hears an alarm that is not the smoke one, with people feeling sick, as carbon monoxide", () => {
    expect(
      emergencyIn("that plug-in alarm near the bedrooms is beeping like crazy and my daughter feels dizzy"),
    ).toBe("carbon_monoxide");
    expect(emergencyIn("the smoke alarm chirps every minute, I think it's the battery")).toBeNull();
  });

  it("hears water bubbling up out of the yard like a fountain as the service line broken", () => {
    expect(emergencyIn("water is gushing up out of the lawn by the driveway like a geyser")).toBe(
      "burst_pipe",
    );
    expect(emergencyIn("the lawn is soggy by the driveway after all that rain")).toBeNull();
  });
});

describe("grey-zone problems that get the safety question", () => {
  it("asks about a heater noise with water by it, and a drain that gurgles when another is used", () => {
    expect(
      routine("the water heater keeps crackling and there's a little water next to it on the floor"),
    ).toBe(false);
    expect(routine("the shower drain burps every time somebody flushes the toilet")).toBe(false);
    expect(routine("the water heater crackles when it heats up")).toBe(true);
  });

  it("takes a toilet that hisses now and then by itself as a running toilet", () => {
    expect(routine("the upstairs toilet hisses every twenty minutes or so by itself")).toBe(true);
  });
});

describe("a time picked, with the days the caller is busy said after it", () => {
  it("books the day that works, never a day of the class or work list", () => {
    for (const said of [
      "wednesday afternoon works i got class tuesday and thursday mornings",
      "Wednesday works. I have class Tuesday and Thursday mornings.",
    ]) {
      const x = extractByRules({
        stage: "slot",
        utterance: heardAsWritten(said),
        slotsOffered: THREE_SLOTS,
        slotsMentioned: [0],
        slotsDeclined: [],
      });
      expect(x.slotNumber, said).toBe(2);
      expect(x.slotTentative, said).toBe(false);
    }
  });
});
