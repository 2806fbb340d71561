// What the thirteenth held-out batch (how people choose a time, repeat customers, several problems
// in one call, emergencies in plain words) taught the rules, each lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import { detectEmergency } from "@/server/intake/emergency-rules";
import {
  addressOf,
  extractByRules,
  heardAsWritten,
  isPlainlyRoutine,
  problemChangeOf,
  questionOf,
  sentencesOf,
  slotChoiceOf,
  urgencyOf,
} from "@/server/intake/rules-extract";
import { heardAt, THREE_SLOTS } from "@/server/test/heard-at";

const atName = (said: string) => heardAt("name", said).callerName;

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
  const slots = THREE_SLOTS;

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

describe("names as people give them", () => {
  it("keeps a family's name when the caller asks to be put down as one", () => {
    expect(atName("you can just put us down as the Okafors")).toBe("The Okafors");
    expect(atName("put it under the name Delgado")).toBe("Delgado");
    expect(atName("mark me down as Priya Raman")).toBe("Priya Raman");
  });

  it("takes no name from 'put down the address' or 'the owners'", () => {
    expect(atName("I'd rather not, you can just put down the address")).toBeNull();
    expect(atName("put down the owners")).toBeNull();
  });

  it("joins a double surname said with 'dash' or 'hyphen'", () => {
    expect(atName("its maria lopez dash garza")).toBe("Maria Lopez-Garza");
    expect(atName("anne hyphen marie jones")).toBe("Anne-Marie Jones");
  });
});

describe("routine leaks and clogs stay normal", () => {
  it("takes a leak that shows only each time something is used as normal", () => {
    expect(urgencyOf("the bathroom faucet leaks onto the vanity each time you turn it on")).toBe("normal");
    expect(urgencyOf("the pipe under the sink is leaking")).toBe("high");
  });

  it("takes a dishwasher or washing machine that won't drain as the appliance, not the home", () => {
    expect(urgencyOf("the washing machine won't drain, it's still full of water")).toBe("normal");
    expect(urgencyOf("the dishwasher has standing water and now the kitchen sink won't drain either")).toBe(
      "high",
    );
  });

  it("takes water coming up in the other side of a double sink as a clog in that sink", () => {
    expect(urgencyOf("when i run one side it just fills up the other side of the sink")).toBe("normal");
  });

  it("still asks about water coming up from another drain every time somebody flushes", () => {
    expect(isPlainlyRoutine("every time somebody flushes, water comes out of the tub drain")).toBe(false);
  });
});

describe("the problem changed later in the call", () => {
  it("hears the new problem after a correction that puts it in the old one's place", () => {
    expect(problemChangeOf("sorry, my mistake, it's not the toilet, it's the tub that won't drain")).toMatch(
      /tub that won't drain/,
    );
    expect(
      problemChangeOf("Carl Jensen. Wait, actually the real problem is the water heater, it's leaking"),
    ).toMatch(/water heater/);
  });

  it("takes a name, or a second problem added, as no change", () => {
    expect(problemChangeOf("Nadia Haddad")).toBeNull();
    expect(problemChangeOf("Sam Ortiz, and actually the tub is slow too")).toBeNull();
  });
});

describe("a question first, then the problem, in one unpunctuated breath", () => {
  it("hears both", () => {
    const said = heardAsWritten("ok whats the charge to come out i have a toilet that wont stop running");
    const x = extractByRules({
      stage: "issue",
      utterance: said,
      slotsOffered: [],
      slotsMentioned: [],
      slotsDeclined: [],
    });
    expect(x.question).toBe("price");
    expect(x.issueSummary).toMatch(/toilet that won't stop running/i);
  });

  it("keeps a question whole when a clause inside it starts with 'if I'", () => {
    expect(sentencesOf("what should i do if i have a leak under the sink")).toHaveLength(1);
  });
});

describe("an address in lower case", () => {
  it("is written as an address", () => {
    expect(addressOf("5200 tannehill lane")).toBe("5200 Tannehill Lane");
    expect(addressOf("it's 1808 south 3rd street")).toBe("1808 South 3rd Street");
  });
});
