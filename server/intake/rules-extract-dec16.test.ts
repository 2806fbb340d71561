// What the sixteenth held-out batch (ordinary people on an ordinary weekday) taught the rules, each
// lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import { isPlainlyRoutine, slotChoiceOf, urgencyOf, workZipOf } from "@/server/intake/rules-extract";
import { heardAt, THREE_SLOTS } from "@/server/test/heard-at";

const at = heardAt;
const pick = (said: string, mentioned = [0]) => slotChoiceOf(said.toLowerCase(), THREE_SLOTS, mentioned);

describe("times", () => {
  it("does not take leaving work early as wanting the morning", () => {
    expect(pick("alright, thursday afternoon then? i'll get off early")).toEqual({
      kind: "unavailable",
      asked: "on Thursday in the afternoon",
    });
    expect(pick("wednesday is good. i can leave work early that day.")).toEqual({ kind: "pick", index: 1 });
    expect(pick("early is better for me", [])).toMatchObject({ kind: "pick", index: 0 });
  });

  it("hears the part of the day the caller works as out ('I work mornings')", () => {
    expect(pick("got anything in the afternoon? we work mornings")).toEqual({ kind: "pick", index: 1 });
    expect(pick("i'm busy mornings, is there an afternoon")).toEqual({ kind: "pick", index: 1 });
    // Free in the mornings is not busy.
    expect(pick("i have mornings free")).toMatchObject({ kind: "pick" });
  });

  it("turns down the day something keeps the caller busy, said before the day", () => {
    expect(pick("could we do thursday instead? we've got guests tuesday", [0])).toEqual({
      kind: "pick",
      index: 2,
    });
    expect(pick("make it wednesday, i have an appointment on tuesday", [0])).toEqual({
      kind: "pick",
      index: 1,
    });
  });
});

describe("questions", () => {
  it("answers 'do you do weekends' as a question about the days the office works", () => {
    expect(at("slot", "you guys do saturdays? i'm at work all week").question).toBe("hours");
    expect(at("issue", "do y'all do weekends at all?").question).toBe("hours");
    // Work asked about stays a question about the work.
    expect(at("issue", "do you guys do water softeners?").question).toBe("services");
  });

  it("takes 'can somebody call me back' as the callback, not a question for the office", () => {
    const x = at(
      "booking_offer",
      "can someone just ring me back later, i can't really do an appointment right now",
    );
    expect(x.bookingIntent).toBe("callback");
    expect(x.question).toBeNull();
  });
});

describe("the ZIP where the work is", () => {
  it("does not take the ZIP of the caller's workplace", () => {
    expect(workZipOf("my job is downtown, 78701, but the rental house is 78745")).toBe("78745");
    expect(workZipOf("I'm at work in 78759 right now. The house is in Round Rock. 78664.")).toBe("78664");
  });
});

describe("names", () => {
  it("reads a name said again in full", () => {
    expect(at("name", "uh it's jo, it's jo ellen price").callerName).toBe("Jo Ellen Price");
    expect(at("name", "Raymond... Raymond Ortiz").callerName).toBe("Raymond Ortiz");
    // The same word twice at the end is said once (a two-letter name such as "Li Li" is kept).
    expect(at("name", "yeah it's Gus. Gus.").callerName).toBe("Gus");
    expect(at("name", "my name is Li Li").callerName).toBe("Li Li");
    // Words said twice that are no name leave the name alone.
    expect(at("name", "Nina Park. I know, I know, it's short.").callerName).toBe("Nina Park");
  });
});

describe("urgency", () => {
  it("keeps a drip 'no big deal' a normal repair", () => {
    expect(urgencyOf("the bathroom sink drips, it's not a big deal really")).toBe("normal");
    expect(urgencyOf("the bathroom sink drips, no rush at all")).toBe("low");
  });

  it("reads something put in, nothing broken, as low", () => {
    expect(urgencyOf("we'd like to have a new garbage disposal put in")).toBe("low");
    expect(urgencyOf("need a guy to hook it up, it's a new dishwasher")).toBe("low");
    expect(urgencyOf("we want to switch the old heater over to a tankless")).toBe("low");
    expect(urgencyOf("we picked up a couple of new faucets at lowes")).toBe("low");
    expect(urgencyOf("i need somebody to fix the toilet, it won't stop running")).toBe("normal");
  });

  it("reads a tank refilling by itself as a running toilet, not a drain backing up", () => {
    expect(urgencyOf("the toilet keeps filling back up on its own every half hour")).toBe("normal");
    expect(isPlainlyRoutine("upstairs toilet runs and runs, it refills right back up")).toBe(true);
    expect(urgencyOf("the kitchen sink backs up into the other side")).toBe("normal");
    expect(urgencyOf("the toilet backs up every time we flush")).toBe("high");
  });
});
