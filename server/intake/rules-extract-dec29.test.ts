// What the twenty-ninth held-out batch (older callers, small businesses, asides, bad lines) taught
// the rules, each lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import { detectEmergency } from "@/server/intake/emergency-rules";
import {
  addressOf,
  callbackAsked,
  heardAsWritten,
  isPlainlyRoutine,
  questionsOf,
  spokenAddress,
} from "@/server/intake/rules-extract";
import { heardAt } from "@/server/test/heard-at";

const emergencyIn = (said: string) => detectEmergency(heardAsWritten(said));
const routine = (said: string) => isPlainlyRoutine(heardAsWritten(said));

describe("a smell like struck matches by a gas appliance", () => {
  it("is gas, also when the water heater is named", () => {
    expect(
      emergencyIn("the water heater closet smells kind of like matches, like somebody just struck one"),
    ).toBe("gas_smell");
    expect(emergencyIn("there's a burnt match smell by the furnace")).toBe("gas_smell");
  });

  it("is not gas when it is the water that smells", () => {
    expect(emergencyIn("the hot water from the tap smells like matches")).not.toBe("gas_smell");
  });
});

describe("water heard in a wall with nothing on", () => {
  it("is asked about when it is a faint sound now and then", () => {
    const said =
      "at night I hear water running inside the wall by the bedroom even when nothing's on, like a shhh";
    expect(emergencyIn(said)).toBeNull();
    expect(routine(said)).toBe(false);
  });

  it("is a pipe giving way when it runs hard, whatever else is soft or quiet", () => {
    expect(
      emergencyIn(
        "the house is quiet, everything's off, and water is running hard in the wall, the baseboard's gone soft",
      ),
    ).toBe("burst_pipe");
    expect(
      emergencyIn(
        "everything is off and I hear water running in the wall behind the fridge, like a tap wide open",
      ),
    ).toBe("burst_pipe");
  });
});

describe("a drip the caller calls just a drip", () => {
  it("is plainly routine", () => {
    expect(routine("the shower handle keeps dripping even when it's all the way off, just a drip")).toBe(
      true,
    );
    expect(routine("bathroom faucet, only a drip but it's driving me nuts")).toBe(true);
  });
});

describe("a caller who will call back himself", () => {
  it("asks for no callback", () => {
    expect(callbackAsked("No, no visit right now, thanks. I'll call back if I need you.", null)).toBe(false);
    expect(callbackAsked("we will call you back when the landlord says okay", null)).toBe(false);
  });

  it("still asks for one when he wants to be called", () => {
    expect(callbackAsked("can somebody call me back later", null)).toBe(true);
  });
});

describe("a full name right after a greeting, unasked", () => {
  it("is the caller's name", () => {
    expect(
      heardAt(
        "zip",
        "Yeah hi, it's Priyanka Raghunathan, I'm in 78703, my garbage disposal is totally jammed",
      ).callerName,
    ).toBe("Priyanka Raghunathan");
    expect(heardAt("zip", "hello this is Dorothy Ames, 78701").callerName).toBe("Dorothy Ames");
  });

  it("is not words about the problem or the call", () => {
    expect(heardAt("zip", "hi, it's really bad, water everywhere, 78701").callerName).toBeNull();
    expect(heardAt("zip", "hey I'm calling about my water heater, 78702").callerName).toBeNull();
    expect(heardAt("zip", "hi it's leaking again, 78702").callerName).toBeNull();
  });
});

describe("written as said", () => {
  it("keeps a hyphenated given name's small letter and a half street", () => {
    expect(heardAt("name", "Ho-jin Kwon").callerName).toBe("Ho-jin Kwon");
    expect(heardAt("name", "Feeney-Ashworth, Lorraine Feeney-Ashworth").callerName).toMatch(
      /Feeney-Ashworth/,
    );
    expect(addressOf(spokenAddress("1200 East 38th and a Half Street"))).toBe("1200 East 38th 1/2 Street");
  });
});

describe("a restaurant told by its own kitchen", () => {
  it("is commercial work, even with another question in the same breath", () => {
    const asked = questionsOf(
      "this is the kitchen manager at Cantina Luz, our grease trap's overdue and the floor drain by the dish pit is slow. Can somebody come this week?",
    );
    expect(asked.some((q) => q.question === "services" && q.serviceAsked === "commercial")).toBe(true);
  });
});
