// What the twelfth held-out batch (calls as speech recognition hands them over: no punctuation,
// no apostrophes, words split and misheard) taught the rules, each lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import { detectEmergency } from "@/server/intake/emergency-rules";
import {
  extractByRules,
  heardAsWritten,
  isPlainlyRoutine,
  questionOf,
  questionSentenceOf,
  safetyTopicOf,
  sentencesOf,
} from "@/server/intake/rules-extract";
import { digitByDigit } from "@/server/intake/spoken-numbers";
import { matchService } from "@/server/voice/caller-answers";

const at = (stage: "issue" | "name", utterance: string) =>
  extractByRules({ stage, utterance: heardAsWritten(utterance), slotsOffered: [] });

describe("contractions written without their apostrophe", () => {
  it("reads them as written", () => {
    expect(heardAsWritten("theres water and i cant stop it dont know what to do")).toBe(
      "there's water and i can't stop it don't know what to do",
    );
    expect(heardAsWritten("Im not sure yall do this")).toBe("I'm not sure y'all do this");
  });

  it("puts right plumbing words it mishears, and a clogged sink stays routine", () => {
    expect(heardAsWritten("the tub is clocked up again")).toBe("the tub is clogged up again");
    expect(heardAsWritten("the toilet is over flowing")).toBe("the toilet is overflowing");
    expect(isPlainlyRoutine(heardAsWritten("the bathroom sink is clocked"))).toBe(true);
  });

  it("reads 'its' as 'it is' only where it can be", () => {
    expect(heardAsWritten("its leaking again")).toBe("it's leaking again");
    expect(heardAsWritten("the tank refills on its own")).toBe("the tank refills on its own");
    expect(heardAsWritten("water around its base")).toBe("water around its base");
  });

  it("hears the emergency and the name they carry", () => {
    expect(
      detectEmergency(
        heardAsWritten("the pipe split and its still coming i shut the main its not slowing down"),
      ),
    ).toBe("burst_pipe");
    expect(at("name", "its tomas tomas reyes").callerName).toBe("Tomas Reyes");
  });
});

describe("an answer with no punctuation", () => {
  it("is cut before a question, so the problem and the question are both heard", () => {
    expect(sentencesOf("the shower valve drips nonstop what do you charge to look at it")).toEqual([
      "the shower valve drips nonstop.",
      "what do you charge to look at it?",
    ]);
    expect(questionOf("the shower valve drips nonstop what do you charge to look at it").question).toBe(
      "price",
    );
    expect(questionSentenceOf("ok my name is jo park do you guys do tankless")).toMatch(
      /^do you guys do tankless/,
    );
  });

  it("keeps one question whole, and leaves an answer without a question alone", () => {
    expect(sentencesOf("how much do y'all charge for a visit")).toEqual([
      "how much do y'all charge for a visit",
    ]);
    expect(sentencesOf("the kitchen sink is clogged and backing up")).toEqual([
      "the kitchen sink is clogged and backing up",
    ]);
  });

  it("takes the name said before a question in the same breath", () => {
    expect(at("name", "gwen ito uh do y'all install garbage disposals").callerName).toBe("Gwen Ito");
  });
});

describe("a service asked about by what it carries", () => {
  it("does not take 'water softeners' or 'water filters' for Water heaters", () => {
    expect(matchService("water softeners", ["Water heaters", "Drain cleaning"])).toBeNull();
    expect(matchService("water filters", ["Water heaters"])).toBeNull();
    expect(matchService("water heaters", ["Water heaters"])).toBe("Water heaters");
    expect(matchService("septic tanks", ["Septic systems"])).toBe("Septic systems");
  });
});

describe("emergencies in everyday words", () => {
  it("hears water that keeps coming after the main is off, or a broken fitting nobody can shut", () => {
    for (const said of [
      "water's coming down through the laundry room ceiling and i shut the main and it's still coming",
      "the hose bib got knocked off and it's spraying all over the siding, i can't find the shutoff",
    ])
      expect(detectEmergency(said), said).toBe("flooding");
  });

  it("hears a floor drain coming up with waste as sewage", () => {
    expect(detectEmergency("the laundry floor drain is coming up with toilet water and it stinks")).toBe(
      "sewage_backup",
    );
  });

  it("hears a detector that screams or shows CO, and a head that hurts by the furnace, as carbon monoxide", () => {
    expect(detectEmergency("the alarm in the hall says c o and won't stop")).toBe("carbon_monoxide");
    expect(detectEmergency("my head's been pounding since the furnace kicked on")).toBe("carbon_monoxide");
  });
});

describe("a sound is asked about when it could be more", () => {
  it("asks about a hiss, and a sound with water found", () => {
    const hiss = "there's a hissing under the floor by the laundry since this morning";
    expect(isPlainlyRoutine(hiss)).toBe(false);
    expect(safetyTopicOf(hiss)).not.toBeNull();
    expect(isPlainlyRoutine("something banged under the sink and now the cabinet floor is wet")).toBe(false);
  });

  it("keeps a plain sound routine", () => {
    expect(isPlainlyRoutine("the water heater pops when it heats up")).toBe(true);
  });
});

describe("names at the name question", () => {
  it("takes the name after a bare 'no', without asides", () => {
    expect(at("name", "its jon paul no jonpaul all one word jonpaul reed").callerName).toBe("Jonpaul Reed");
    expect(at("name", "like i said its dana cho").callerName).toBe("Dana Cho");
  });
});

describe("a house number spelled digit by digit", () => {
  it("reads the digits, and not the end of a number said in words", () => {
    expect(digitByDigit("no the number is forty one sixty four one six zero")).toBe("4160");
    expect(digitByDigit("it's four oh two")).toBe("402");
    expect(digitByDigit("forty-one oh six, not four sixteen")).toBeNull();
    expect(digitByDigit("twenty four sixteen")).toBeNull();
  });
});
