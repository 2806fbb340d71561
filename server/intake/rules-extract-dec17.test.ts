// What the seventeenth held-out batch (people who don't talk like the script expects: non-native
// speakers, a very polite caller, far too much detail) taught the rules, each lesson in wordings of
// its own.
import { describe, expect, it } from "vitest";
import { callbackAsked, slotChoiceOf, urgencyOf, yesNoOf } from "@/server/intake/rules-extract";
import { detectEmergency } from "@/server/intake/emergency-rules";
import { heardAt, THREE_SLOTS } from "@/server/test/heard-at";

const at = heardAt;
const pick = (said: string, mentioned = [0]) => slotChoiceOf(said.toLowerCase(), THREE_SLOTS, mentioned);

describe("times", () => {
  it("reads a 'no good' as a no to the day before it, not to the day after", () => {
    expect(pick("thursdays no good, tuesday morning works")).toEqual({ kind: "pick", index: 0 });
    expect(pick("tuesday's no good. wednesday afternoon is fine")).toEqual({ kind: "pick", index: 1 });
  });

  it("turns down a day the caller or their household is busy", () => {
    expect(pick("tuesday he works, thursday is ok")).toEqual({ kind: "pick", index: 2 });
    expect(pick("oh wait my mother in law is visiting tuesday, can we do wednesday instead")).toEqual({
      kind: "pick",
      index: 1,
    });
    expect(pick("tuesday mornings we have our yoga class. wednesday afternoon?")).toEqual({
      kind: "pick",
      index: 1,
    });
  });

  it("takes a busy part of one day as that day out, not every such part", () => {
    // Thursday morning is still open when only Tuesday mornings are taken.
    expect(pick("tuesday mornings we have our quilting group. could thursday work?")).toEqual({
      kind: "pick",
      index: 2,
    });
    // What is said after a list of days is said of each of them.
    expect(pick("wednesday suits me, because tuesday and thursday morning i'm working at the shop")).toEqual({
      kind: "pick",
      index: 1,
    });
  });

  it("does not take the hour of an appointment as the time wanted", () => {
    expect(pick("I've got the doctor at 3 but the morning is free, so yes, Tuesday's fine")).toEqual({
      kind: "pick",
      index: 0,
    });
  });

  it("does not take 'no trouble' or 'no problem' as a no", () => {
    expect(pick("thursday if it's no trouble")).toEqual({ kind: "pick", index: 2 });
  });
});

describe("answers", () => {
  it("hears a yes wrapped in politeness at the read-back", () => {
    expect(yesNoOf("That is exactly right, thank you kindly")).toBe("yes");
    expect(yesNoOf("that's not right")).toBe("no");
  });

  it("does not take a name the caller goes by as a callback", () => {
    expect(callbackAsked("Robert Lane, but my friends call me Bobby", null)).toBe(false);
    expect(callbackAsked("Robert Lane, call me back after five", null)).toBe(true);
  });
});

describe("names", () => {
  it("stops a name at the end of its sentence", () => {
    expect(at("name", "It's Frances Doyle. Everybody says Fran.").callerName).toBe("Frances Doyle");
    expect(at("name", "Carl Benson. Mr. Benson to the kids next door.").callerName).toBe("Carl Benson");
  });

  it("takes back one half of the name in the same breath", () => {
    expect(at("name", "lena petrov no sorry petrova with an a").callerName).toBe("Lena Petrova");
  });
});

describe("urgency and emergencies", () => {
  it("reads a burst said as long ago and fixed as the past", () => {
    expect(
      urgencyOf("pressure is weak upstairs. we had a pipe burst three winters ago but that was fixed"),
    ).toBe("normal");
  });

  it("hears no hot water said in learner's English", () => {
    expect(urgencyOf("my wife she say is broken the heater, no have hot water")).toBe("high");
  });

  it("hears water on the breaker box as water at the electrics", () => {
    expect(
      detectEmergency(
        "the breaker panel in the basement is wet, there's water dripping down the wall onto it",
      ),
    ).toBe("other_safety_risk");
    expect(detectEmergency("the breaker for the water heater keeps tripping")).toBeNull();
  });

  it("reads a hose bibb misheard as a bid as the outdoor faucet", () => {
    expect(at("issue", "the hose bid by the garage drips when its on").urgency).toBe("normal");
  });
});
