// What the nineteenth held-out batch (calls where things move: the problem changes during the call,
// and callers with follow-up questions) taught the rules, each lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import {
  isPlainlyRoutine,
  questionsOf,
  saysWhenItSuits,
  slotChoiceOf,
  urgencyOf,
} from "@/server/intake/rules-extract";
import { detectEmergency } from "@/server/intake/emergency-rules";
import { THREE_SLOTS } from "@/server/test/heard-at";

const pick = (said: string) => slotChoiceOf(said.toLowerCase(), THREE_SLOTS, [0]);
const kinds = (said: string) => questionsOf(said).map((q) => q.serviceAsked ?? q.question);

describe("every question heard", () => {
  it("hears each question asked in one breath, in the order asked", () => {
    expect(kinds("what's the trip charge, and do you take checks?")).toEqual(["estimate", "payment"]);
    expect(kinds("Are you a robot? Also do you guys do tankless water heaters?")).toEqual([
      "robot",
      "tankless water heaters",
    ]);
    expect(kinds("can somebody come today and how much will it be?")).toEqual(["today", "price"]);
  });

  it("hears one question once, and no question in a sentence that asks nothing", () => {
    expect(kinds("how much is it? how much roughly?")).toEqual(["price"]);
    expect(kinds("we need a new water softener put in. are you insured?")).toEqual(["licensed"]);
    expect(kinds("The toilet is clogged. It overflowed once.")).toEqual([]);
  });
});

describe("times", () => {
  it("reads 'I work' followed by another day as that day out, not the part of the day wanted before it", () => {
    expect(pick("could you do thursday morning i work tuesdays")).toEqual({ kind: "pick", index: 2 });
    expect(pick("wednesday afternoon would be good we work tuesday mornings")).toEqual({
      kind: "pick",
      index: 1,
    });
    // Still: the day said before "he works" is out, and so is the day before "I work <another day> is ok".
    expect(pick("tuesday he works, thursday's fine")).toEqual({ kind: "pick", index: 2 });
    expect(pick("tuesday i work wednesday is good")).toEqual({ kind: "pick", index: 1 });
  });

  it("keeps a day said on its own out of turn as the day that suits", () => {
    expect(saysWhenItSuits("wednesday.")).toBe(true);
    expect(saysWhenItSuits("um thursday morning")).toBe(true);
    expect(saysWhenItSuits("I called on Tuesday and nobody answered")).toBe(false);
  });
});

describe("urgency and emergencies", () => {
  it("hears toilet water or paper bubbling out of the yard's cleanout as sewage", () => {
    expect(
      detectEmergency("the cap on the pipe in the yard came off and toilet paper is bubbling out of it"),
    ).toBe("sewage_backup");
    expect(detectEmergency("the cleanout by the driveway is overflowing onto the lawn")).toBe(
      "sewage_backup",
    );
  });

  it("asks about a toilet whose water rises or falls by itself, even with a gurgle", () => {
    expect(isPlainlyRoutine("the toilet gurgles and the water in the bowl goes up and down on its own")).toBe(
      false,
    );
    expect(isPlainlyRoutine("the toilet gurgles when the shower drains")).toBe(true);
  });

  it("reads a sewer smell with nothing coming up as a normal visit, not a home without service", () => {
    expect(urgencyOf("there's a sewer smell from the basement drain, nothing is coming up")).toBe("normal");
    expect(urgencyOf("sewage is backing up into the basement")).toBe("emergency");
  });
});
