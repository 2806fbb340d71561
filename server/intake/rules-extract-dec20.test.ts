// What the twentieth held-out batch (calls as the phone line hears them: speech-to-text without
// apostrophes or full stops, words split in two, sound-alikes, names spelled letter by letter)
// taught the rules, each lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import {
  heardAsWritten,
  isPlainlyRoutine,
  safetyTopicOf,
  slotChoiceOf,
  urgencyOf,
} from "@/server/intake/rules-extract";
import { detectEmergency } from "@/server/intake/emergency-rules";
import { heardAt, THREE_SLOTS } from "@/server/test/heard-at";

const heard = (said: string) => heardAsWritten(said);
const emergencyIn = (said: string) => detectEmergency(heard(said));
const pick = (said: string) => slotChoiceOf(heard(said).toLowerCase(), THREE_SLOTS, [0]);

describe("what speech recognition hands over", () => {
  it("joins words it splits in two and puts right the sound-alikes the words around them explain", () => {
    expect(heard("its leaking every where")).toBe("it's leaking everywhere");
    expect(heard("theres water dripping threw the sealing")).toBe(
      "there's water dripping through the ceiling",
    );
    expect(heard("the kitchen pressures so week")).toBe("the kitchen pressure's so weak");
    expect(heard("its all over the flour")).toBe("it's all over the floor");
    expect(heard("i dont know were its coming from")).toBe("i don't know where it's coming from");
    expect(heard("a leek under the vanity")).toBe("a leak under the vanity");
    // A real seal, real flour and a real "were" stay as they are.
    expect(heard("the sealing around the tub is cracked")).toBe("the sealing around the tub is cracked");
    expect(heard("I poured flour down the drain")).toBe("I poured flour down the drain");
    expect(heard("they were here last week")).toBe("they were here last week");
  });

  it("reads 'its' before a verb in -ing as 'it is' after any word, never before a noun it owns", () => {
    expect(heard("the fitting came off its gushing")).toBe("the fitting came off it's gushing");
    expect(heard("under the sink its still dripping")).toBe("under the sink it's still dripping");
    expect(heard("the valve came out of its housing")).toBe("the valve came out of its housing");
    expect(heard("the pipe slipped off its coupling")).toBe("the pipe slipped off its coupling");
  });
});

describe("emergencies told the way the line hears them", () => {
  it("hears water that won't stop when 'everywhere' comes in two words", () => {
    expect(emergencyIn("the supply line blew off its pouring every where and i cant stop it")).toBe(
      "flooding",
    );
    expect(emergencyIn("water going every where the knob is stuck it dont turn")).toBe("flooding");
  });

  it("hears a backup named by what comes up: sewer water is sewage, not clean flooding", () => {
    expect(emergencyIn("the shower drain is backing up with sewage and its on the floor")).toBe(
      "sewage_backup",
    );
    expect(emergencyIn("theres sewer water all over the basement floor")).toBe("sewage_backup");
    expect(emergencyIn("the kitchen sink backed up with dishwater")).toBeNull();
  });
});

describe("asking when unsure", () => {
  it("asks who is at home without water when the water simply quit, not whether water is spreading", () => {
    expect(safetyTopicOf(heard("the water just quit you open the faucet and nothing"))).toBe("no_service");
    expect(safetyTopicOf(heard("we turn the tap and nothing not a drop"))).toBe("no_service");
    // Water that stopped leaking is no outage.
    expect(safetyTopicOf(heard("the water stopped leaking after i tightened it"))).not.toBe("no_service");
  });

  it("asks about water heard running inside a wall, even next to a banging pipe", () => {
    expect(
      isPlainlyRoutine(
        heard("pipes knock when the dishwasher stops and i hear water running behind the wall"),
      ),
    ).toBe(false);
    expect(isPlainlyRoutine(heard("the pipes knock when the dishwasher stops"))).toBe(true);
  });
});

describe("urgency", () => {
  it("keeps one fixture down to a trickle plainly routine, and every tap down to a trickle not", () => {
    expect(isPlainlyRoutine(heard("the shower in the hall bath barely trickles"))).toBe(true);
    expect(isPlainlyRoutine(heard("every faucet in the house is just a trickle"))).toBe(false);
  });

  it("keeps weak pressure in one bathroom routine: the home still has its water", () => {
    expect(urgencyOf(heard("the tub only trickles, pressures weak just in that one bathroom"))).toBe(
      "normal",
    );
    expect(urgencyOf(heard("we only have the one bathroom and the toilet wont flush"))).toBe("high");
    expect(urgencyOf(heard("it's our only toilet and it's clogged"))).toBe("high");
  });

  it("reads 'not draining very fast' as a slow drain, and 'not draining' as a drain out of use", () => {
    expect(urgencyOf(heard("the tub is not draining very well"))).toBe("normal");
    expect(urgencyOf(heard("the tub is not draining at all"))).toBe("high");
  });
});

describe("names", () => {
  it("takes a common given name said on its own among a terse caller's fragments, never someone else's", () => {
    expect(heardAt("zip", "drain. 78702. maria.").callerName).toBe("Maria");
    expect(heardAt("issue", "toilet clogged, upstairs, greg").callerName).toBe("Greg");
    expect(heardAt("zip", "78702. water's brown. sandy.").callerName).toBeNull();
    expect(heardAt("zip", "78702, it's my dad's place, george").callerName).toBeNull();
    expect(heardAt("issue", "the toilet upstairs keeps running").callerName).toBeNull();
  });

  it("says a stammered word once", () => {
    expect(heardAt("name", "its priya priya raman").callerName).toBe("Priya Raman");
  });

  it("drops a letter the name does not have", () => {
    expect(heardAt("name", "jon without an h, jon pike").callerName).toBe("Jon Pike");
    expect(heardAt("name", "its sara with out an h s a r a lindgren").callerName).toBe("Sara Lindgren");
  });

  it("never takes 'wait', 'whoa' or 'nothing' for a name", () => {
    expect(heardAt("name", "wait hold on do you take checks").callerName).toBeNull();
    expect(heardAt("name", "no nothing is wet").callerName).toBeNull();
  });
});

describe("questions", () => {
  it("hears 'is this like a robot' as the robot question", () => {
    expect(heardAt("zip", "um is this like a robot or something").question).toBe("robot");
    expect(heardAt("zip", "are you even a real person").question).toBe("robot");
  });

  it("keeps the job a price question names as the problem", () => {
    const x = heardAt(
      "issue",
      "i was wondering what you charge to snake a bathtub drain its backing up slow",
    );
    expect(x.question).toBe("price");
    expect(x.issueSummary).toMatch(/snake a bathtub drain/i);
    expect(heardAt("issue", "how much do you charge").issueSummary).toBeNull();
  });
});

describe("times", () => {
  it("reads 'tuesday i cant thursday works' without its full stop as Tuesday out, Thursday wanted", () => {
    expect(pick("tuesday i cant thursday works")).toEqual({ kind: "pick", index: 2 });
    expect(pick("tomorrow we cant wednesday is better")).toEqual({ kind: "pick", index: 1 });
  });
});
