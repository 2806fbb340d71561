// What the eighteenth held-out batch (people calling in the middle of something, and callers who
// are not simply the homeowner) taught the rules, each lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import {
  callbackAsked,
  heardAsWritten,
  isPlainlyRoutine,
  safetyTopicOf,
  urgencyOf,
} from "@/server/intake/rules-extract";
import { detectEmergency } from "@/server/intake/emergency-rules";
import { heardAt } from "@/server/test/heard-at";

const at = heardAt;

describe("names", () => {
  it("reads a dash between words as a pause, so the name before or after it is kept", () => {
    expect(at("name", "Marcus Bell — I'm the tenant, the landlord won't pick up.").callerName).toBe(
      "Marcus Bell",
    );
    expect(at("name", "put it under my wife - Anita Rao. She works from home.").callerName).toBe("Anita Rao");
    expect(at("name", "It's for my dad—no, put it under me—Carla Ortiz").callerName).toBe("Carla Ortiz");
  });

  it("keeps the dashes inside a spelled name, a ZIP and a time", () => {
    expect(heardAsWritten("it's S-I-O-B-H-A-N")).toBe("it's S-I-O-B-H-A-N");
    expect(heardAsWritten("78-702")).toBe("78-702");
    expect(heardAsWritten("between 9–11")).toBe("between 9–11");
  });
});

describe("callbacks", () => {
  it("does not take someone else not calling back as a callback asked for", () => {
    expect(callbackAsked("my landlord hasn't called me back in three days, so I'm trying you", null)).toBe(
      false,
    );
    expect(callbackAsked("the property company never calls us back", null)).toBe(false);
    expect(callbackAsked("can somebody call me back this afternoon", null)).toBe(true);
  });
});

describe("addresses", () => {
  it("does not take 'two things' or 'one more thing' as a house number and a street", () => {
    expect(at("confirm", "Two things: the last name is Okafor and it's apartment 3.").address).toBeNull();
    expect(at("address", "one more thing, is there a trip fee?").address).toBeNull();
    expect(at("address", "2 Oak Hollow Drive").address).toBe("2 Oak Hollow Drive");
  });
});

describe("urgency and emergencies", () => {
  it("hears an overheating water heater — a scream, a kettle, its relief valve spitting — as a safety risk", () => {
    expect(detectEmergency("the hot water heater is shrieking and theres steam coming off the top")).toBe(
      "other_safety_risk",
    );
    expect(
      detectEmergency("the relief valve on the water heater keeps blowing out hot water, it won't quit"),
    ).toBe("other_safety_risk");
    expect(detectEmergency("the tank in the closet whistles like a tea kettle when it heats")).toBe(
      "other_safety_risk",
    );
  });

  it("does not take a screaming water heater for a carbon monoxide alarm, but still hears the alarm that screams", () => {
    expect(detectEmergency("the water heater is screaming, really loud, nonstop")).not.toBe(
      "carbon_monoxide",
    );
    expect(detectEmergency("the alarm by the furnace is screaming and won't stop")).toBe("carbon_monoxide");
  });

  it("leaves a relief valve that only drips, and a water heater that pops, as routine words", () => {
    expect(detectEmergency("the relief valve on the water heater drips a little")).toBeNull();
    expect(detectEmergency("the water heater pops when it heats up")).toBeNull();
  });

  it("asks about a smell heard with a sound, which could be gas escaping", () => {
    const said = "there's a low whistling by the furnace and a sort of burnt match smell in the hall";
    expect(isPlainlyRoutine(said)).toBe(false);
    expect(safetyTopicOf(said)).toBe("gas");
    // A sound alone stays a sound.
    expect(isPlainlyRoutine("the pipes whistle when the washer fills")).toBe(true);
  });

  it("reads new work a contractor wants priced as low", () => {
    expect(
      urgencyOf("we're doing an addition and need a plumber for the rough-in, can you price it out"),
    ).toBe("low");
    expect(
      urgencyOf("new construction on the east side, I need somebody to give me a price on the plumbing"),
    ).toBe("low");
    // A problem to fix stays one, whoever calls.
    expect(urgencyOf("the client's toilet is leaking at the base")).not.toBe("low");
  });
});
