// What the twenty-eighth held-out batch (callers for someone else, questions, emergencies told late)
// taught the rules, each lesson in wordings of its own: a name said for someone else is not the
// caller's, a caller told to call a plumber asks for no callback, and a toilet that gurgles by
// itself now and then is asked about.
import { describe, expect, it } from "vitest";
import { callbackAsked, heardAsWritten, isPlainlyRoutine } from "@/server/intake/rules-extract";
import { heardAt } from "@/server/test/heard-at";

describe("a name said for someone else", () => {
  it("is not the caller's name", () => {
    for (const said of [
      "this is for a house I manage, the tenant's name is Destiny, her garbage disposal is jammed",
      "my mom's name is Gloria and her water heater is leaking",
      "the owners name is Mr. Patel, the toilet won't stop running",
      "her name is Keisha, she's the one living there, the sink is clogged",
    ])
      expect(heardAt("issue", said).callerName, said).toBeNull();
  });

  it("still hears the caller's own", () => {
    expect(heardAt("issue", "my name is Lorraine and the tenant's disposal is jammed").callerName).toBe(
      "Lorraine",
    );
    expect(heardAt("name", "name's Lorraine Feeney-Ashworth").callerName).toBe("Lorraine Feeney-Ashworth");
  });
});

describe("a caller told to call a plumber", () => {
  it("asks for no callback", () => {
    for (const said of [
      "I rent, my landlord's in Florida and told me to just call someone. The kitchen sink drains really slow",
      "my husband said to call you guys, the water heater's making a racket",
      "the HOA wants us to call a plumber about the shared line",
    ])
      expect(callbackAsked(said, null), said).toBe(false);
  });

  it("still asks for one in his own words", () => {
    expect(callbackAsked("my landlord told me to call, can someone just call me back", null)).toBe(true);
  });
});

describe("a toilet that gurgles by itself, now and then", () => {
  it("is asked about, not plainly routine", () => {
    for (const said of [
      "the toilet in the hall bathroom's been gurgling, kind of off and on since yesterday",
      "our toilet keeps gurgling by itself, nobody's even using anything",
      "the downstairs toilet glugs on and off all day",
    ])
      expect(isPlainlyRoutine(heardAsWritten(said)), said).toBe(false);
  });

  it("is routine when it only gurgles as it flushes", () => {
    expect(isPlainlyRoutine(heardAsWritten("the toilet gurgles a bit when it flushes, otherwise fine"))).toBe(
      true,
    );
  });
});
