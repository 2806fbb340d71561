// What the twenty-fourth held-out batch (callers who do not follow the script) taught the rules,
// each lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import { extractByRules, questionOf } from "@/server/intake/rules-extract";
import { THREE_SLOTS } from "@/server/test/heard-at";

const readAt = (stage: "name" | "issue" | "confirm", utterance: string) =>
  extractByRules({ stage, utterance, slotsOffered: THREE_SLOTS });

describe("names whose last word is also a particle", () => {
  it("keeps Le, Du and the like as the surname right after the given name", () => {
    expect(readAt("name", "it's Thanh Le").callerName).toBe("Thanh Le");
    expect(readAt("name", "my name is jing du").callerName).toBe("Jing Du");
    expect(readAt("name", "its hoa hoa le").callerName).toBe("Hoa Le");
  });

  it("still drops a particle the caller was cut off on", () => {
    expect(readAt("name", "this is carmen de la").callerName).toBe("Carmen");
    expect(readAt("name", "Jean Le Blanc").callerName).toBe("Jean Le Blanc");
  });
});

describe("a question about another service, after the problem", () => {
  it("hears the service asked in its own sentence, and keeps the problem without the question", () => {
    const x = readAt(
      "issue",
      "Toilet keeps running all night. Oh, and you guys install water softeners? We've been meaning to get one.",
    );
    expect(x.question).toBe("services");
    expect(x.serviceAsked).toBe("water softeners");
    expect(x.issueSummary).toMatch(/toilet keeps running/i);
    expect(x.issueSummary).not.toMatch(/softener|\boh\b/i);
  });

  it("keeps a property manager's question about a service as asked, not as commercial work", () => {
    expect(
      questionOf("i manage some rentals. the one on elm has a slow drain. y'all do drains?").serviceAsked,
    ).not.toBe("commercial");
  });
});

describe("a day moved at the read-back", () => {
  it("takes the day asked for in the last sentence, past a day turned down with a time of day", () => {
    const x = readAt(
      "confirm",
      "Oh shoot, Wednesday afternoon I pick up my grandson. Could we do Tuesday instead?",
    );
    expect(x.slotNumber).toBe(1);
    expect(x.slotUnavailable).toBeNull();
  });
});

describe("the visit and the callback, changed at the read-back", () => {
  it("hears a visit taken back, and not an instruction for the plumber's visit", () => {
    expect(
      readAt("confirm", "wait, scratch that, my wife wants to get a quote first. just call me").bookingIntent,
    ).toBe("callback");
    expect(
      readAt("confirm", "yes. have the plumber call me when he's ten minutes out").bookingIntent,
    ).toBeNull();
  });

  it("hears a visit asked for instead of the callback", () => {
    expect(
      readAt("confirm", "yeah that's the number. actually could you book me a visit instead").bookingIntent,
    ).toBe("visit");
    expect(readAt("confirm", "yes that's my cell, call after three").bookingIntent).toBeNull();
  });
});
