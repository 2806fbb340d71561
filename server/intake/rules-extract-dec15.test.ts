// What the fifteenth held-out batch (callers under pressure, people who talk differently) taught
// the rules, each lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import {
  addressOf,
  heardAsWritten,
  isPlainlyRoutine,
  slotChoiceOf,
  summarizeIssue,
  urgencyOf,
} from "@/server/intake/rules-extract";
import { heardAt, THREE_SLOTS } from "@/server/test/heard-at";

const at = heardAt;

describe("names", () => {
  it("takes a full name said in passing", () => {
    expect(at("issue", "the laundry sink is slow and im rosa delgado by the way").callerName).toBe(
      "Rosa Delgado",
    );
  });

  it("never takes plumbing words, a house number or a nickname's lead-in as the name", () => {
    expect(at("name", "just send somebody. water heater.").callerName).toBeNull();
    expect(at("name", "its sixty two oh one burnet road").callerName).toBeNull();
    expect(at("name", "Harold Pike. Everyone calls me Hal.").callerName).toBe("Harold Pike");
    expect(at("name", "this is Tom Reyes, house is on Elm").callerName).toBe("Tom Reyes");
  });

  it("keeps a visit asked for instead of the name", () => {
    expect(at("name", "yeah just send somebody out").bookingIntent).toBe("visit");
    expect(at("name", "Ana Ruiz").bookingIntent).toBeNull();
  });
});

describe("addresses", () => {
  it("reads 'the house number … and the street is …'", () => {
    expect(addressOf("the house number is 88 and the street is cedar lane")).toBe("88 Cedar Lane");
  });

  it("keeps an ordinal street without its street type", () => {
    expect(addressOf("1110 west 9th")).toBe("1110 West 9th");
  });

  it("takes a day or an address at the booking offer as asking for the visit", () => {
    expect(at("booking_offer", "friday.").bookingIntent).toBe("visit");
    const x = at("booking_offer", "1110 west 9th");
    expect(x.bookingIntent).toBe("visit");
    expect(x.address).toBe("1110 West 9th");
  });
});

describe("a long story", () => {
  it("is summed up by its sentences about plumbing", () => {
    const story =
      "Well, my son usually handles the house, but he moved to Denver in the fall and I don't like bothering him. " +
      "The grandkids were here all weekend and we had a lovely time at the lake. " +
      "Since then the bathroom faucet won't shut off all the way and it dribbles into the sink day and night. " +
      "My neighbor Frank thinks it's a washer.";
    expect(summarizeIssue(story)).toMatch(/^Since then the bathroom faucet/);
  });
});

describe("choosing a time", () => {
  const slots = THREE_SLOTS;

  it("takes 'any day but Tuesday' as Tuesday out", () => {
    expect(slotChoiceOf("any day but tuesday", slots, [0])).toEqual({ kind: "declined" });
    expect(slotChoiceOf("anything but thursday", slots, [0, 1, 2])).toEqual({
      kind: "offer",
      indices: [0, 1],
    });
  });

  it("takes a part of the day the caller is busy in as out, not as wanted", () => {
    expect(slotChoiceOf("thursday works. i have physical therapy in the afternoons", slots, [0])).toEqual({
      kind: "pick",
      index: 2,
    });
    expect(slotChoiceOf("afternoons. i work in the mornings", slots, [0])).toEqual({
      kind: "pick",
      index: 1,
    });
  });
});

describe("urgency", () => {
  it("takes what a home inspection found as a repair to plan", () => {
    expect(urgencyOf("the inspector found a leaking valve under the kitchen sink")).toBe("normal");
    expect(urgencyOf("the home inspection report says to scope the sewer line, we'd like a quote")).toBe(
      "low",
    );
  });

  it("takes a leak only while the shower is on, and a drip all night, as routine", () => {
    expect(urgencyOf("the tub spout leaks behind the handle when the shower's on")).toBe("normal");
    expect(isPlainlyRoutine(heardAsWritten("this is a nightmare the bathroom faucet drips all night"))).toBe(
      true,
    );
    expect(urgencyOf("the faucet leaks at the base whenever it's on")).toBe("normal");
  });
});
