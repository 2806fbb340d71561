// What the twenty-seventh held-out batch (the call, part 3) taught the rules, each lesson in
// wordings of its own: a mess that is over and stopped at its valve, the name a caller goes by, an
// apostrophe and a letter that is not part of a spelled name, the problem put right with "I meant",
// and the "and" that joins the problem to the ZIP.
import { describe, expect, it } from "vitest";
import { detectEmergency, settledInThePast } from "@/server/intake/emergency-rules";
import {
  heardAsWritten,
  joinSpelling,
  nameCorrectionOf,
  problemAtReadBack,
  summarizeIssue,
} from "@/server/intake/rules-extract";
import { heardAt } from "@/server/test/heard-at";

const nameAt = (said: string) => heardAt("name", said).callerName;

describe("an overflow that is over: stopped at its valve and cleaned up", () => {
  it("is settled when the caller turned a knob or shut it off and mopped up", () => {
    for (const said of [
      "the toilet overflowed, I turned the little knob behind it and it stopped, and I mopped it all up, now it just won't flush",
      "the sink ran over but I shut it off and wiped it all up, it's just slow now",
      "water came out from under the dishwasher, I closed the valve under the sink and cleaned it up",
      "the tub overflowed upstairs, the water finally stopped and we soaked it all up with towels",
    ])
      expect(settledInThePast(heardAsWritten(said)), said).toBe(true);
  });

  it("is not settled while it still runs, or with nothing cleaned up", () => {
    for (const said of [
      "I turned the knob behind the toilet but it's still overflowing onto the floor",
      "I shut it off and mopped up but water is still coming through the ceiling right now",
      "I turned the valve and it stopped but there's water all over the floor",
      "the drain is stopped up and water is coming up all over the basement floor",
    ])
      expect(settledInThePast(heardAsWritten(said)), said).toBe(false);
  });

  it("still hears an emergency that is going on", () => {
    expect(
      detectEmergency(heardAsWritten("the toilet is overflowing and won't stop, water everywhere")),
    ).toBe("flooding");
  });
});

describe("the name a caller goes by", () => {
  it("is the name when said with 'just put', 'put me down as', 'knows me as', 'calls me' or 'go by'", () => {
    expect(nameAt("Just put Skeeter. Everybody knows me as Skeeter.")).toBe("Skeeter");
    expect(nameAt("put me down as Red")).toBe("Red");
    expect(nameAt("oh everyone calls me Boo")).toBe("Boo");
    expect(nameAt("Most folks call me Bubba.")).toBe("Bubba");
    expect(nameAt("I go by Dee, it's short for Deandra")).toBe("Dee");
    expect(nameAt("people know me as Tiny Martinez")).toBe("Tiny Martinez");
    expect(nameAt("Folks around here call me Tank, that'll do.")).toBe("Tank");
  });

  it("is still not a callback's 'call me back'", () => {
    expect(nameAt("just have somebody call me back")).toBeNull();
  });
});

describe("a spelled name with an apostrophe said as a word", () => {
  it("puts the apostrophe back", () => {
    expect(joinSpelling("d apostrophe a l e s s a n d r o")).toMatch(/^D'Alessandro/);
    expect(nameAt("its dominic dalessandro thats d apostrophe a l e s s a n d r o")).toBe(
      "Dominic D'Alessandro",
    );
    expect(nameAt("sean o'brien, o apostrophe b r i e n")).toBe("Sean O'Brien");
    expect(nameAt("mary o apostrophe n e i l l")).toBe("Mary O'Neill");
  });
});

describe("a letter the spelled name does not start with", () => {
  it("is left out of the spelling", () => {
    expect(joinSpelling("it starts with a q not a k q u i n t a n i l l a").trim()).toMatch(/Quintanilla$/);
    expect(joinSpelling("with a c, not a k, c a r l").trim()).toMatch(/Carl$/);
  });

  it("two words heard for one name said again are put together", () => {
    expect(nameCorrectionOf("no, it's Marisol", "Mary Sol Kintanilla")).toBe("Marisol Kintanilla");
    expect(nameCorrectionOf("sorry, it's Annmarie", "Ann Marie Walsh")).toBe("Annmarie Walsh");
  });
});

describe("the problem put right at the read-back with 'I meant'", () => {
  it("swaps the word the caller takes back", () => {
    const issue = "The kitchen faucet won't shut off all the way";
    expect(problemAtReadBack(issue, "Oh wait, did I say kitchen? I meant the bathroom faucet.")).toBe(
      "The bathroom faucet won't shut off all the way",
    );
    expect(
      problemAtReadBack(
        "The upstairs toilet keeps running",
        "yes but I said upstairs and I meant downstairs",
      ),
    ).toBe("The downstairs toilet keeps running");
  });

  it("changes nothing when the word is not in the problem, or nothing is taken back", () => {
    expect(problemAtReadBack("The kitchen faucet drips", "did I say Tuesday? I meant Thursday")).toBeNull();
    expect(problemAtReadBack("The kitchen faucet drips", "yes, I meant it when I said thanks")).toBeNull();
  });
});

describe("the problem said in the same breath as the ZIP", () => {
  it("does not start with the 'and' that joined them", () => {
    expect(summarizeIssue("and it's my outside faucet out back, it's dripping pretty good")).toBe(
      "It's my outside faucet out back, it's dripping pretty good",
    );
    expect(summarizeIssue("so the water heater is leaking from the bottom")).toBe(
      "The water heater is leaking from the bottom",
    );
  });
});
