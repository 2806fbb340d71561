// What the tenth held-out batch taught the rules, each lesson in wordings of its own (never the
// batch's sentences): pinned through the exported functions.
import { describe, expect, it } from "vitest";
import { detectEmergency } from "@/server/intake/emergency-rules";
import {
  extractByRules,
  isPlainlyRoutine,
  lastBookingIntentOf,
  questionOf,
  safetyTopicOf,
  urgencyOf,
} from "@/server/intake/rules-extract";

const at = (stage: "issue" | "name" | "address" | "booking_offer", utterance: string) =>
  extractByRules({ stage, utterance, slotsOffered: [] });

describe("a smell in the water, a detector that chirps", () => {
  it("asks the safety question when the tap water smells of rotten eggs or sulfur, never escalating on it", () => {
    for (const said of [
      "when I run the hot water it smells like rotten eggs",
      "the water from the bathroom tap has a sulfur smell lately",
    ]) {
      expect(detectEmergency(said), said).toBeNull();
      expect(isPlainlyRoutine(said), said).toBe(false);
      expect(safetyTopicOf(said), said).toBe("gas");
    }
  });

  it("still escalates the air smelling of rotten eggs", () => {
    expect(detectEmergency("the whole hallway smells like rotten eggs")).toBe("gas_smell");
  });

  it("asks about a carbon monoxide detector that only chirps (its battery), and escalates one going off", () => {
    const chirp = "our CO detector in the laundry room keeps chirping, even with fresh batteries";
    expect(detectEmergency(chirp)).toBeNull();
    expect(safetyTopicOf(chirp)).toBe("gas");
    expect(detectEmergency("the carbon monoxide alarm is going off upstairs")).toBe("carbon_monoxide");
    expect(detectEmergency("the co detector chirped and now my husband feels dizzy by the furnace")).toBe(
      "carbon_monoxide",
    );
  });
});

describe("a problem that comes back, not happening now", () => {
  it("is a visit, not an emergency, when it recurs and is fine today", () => {
    for (const said of [
      "the main line backs up every few months, it's working fine today, we want it replaced",
      "sewage comes up in the basement drain once in a while when it rains hard, we'd like a quote",
    ]) {
      expect(detectEmergency(said), said).toBeNull();
      expect(urgencyOf(said), said).toBe("normal");
    }
  });

  it("is an emergency when it is happening now", () => {
    expect(
      detectEmergency("it backs up every couple of weeks and right now sewage is coming up in the tub"),
    ).toBe("sewage_backup");
  });
});

describe("sewage coming up, said plainly", () => {
  it("hears a floor drain burping or spitting up dirty water", () => {
    for (const said of [
      "the laundry floor drain keeps burping up nasty brown water",
      "the basement drain is spitting up water that smells like an outhouse",
    ])
      expect(detectEmergency(said), said).toBe("sewage_backup");
  });
});

describe("names as people say them", () => {
  it("keeps a full name said first, then repeated in part or whole", () => {
    expect(at("name", "walter briggs. mister walter briggs.").callerName).toBe("Walter Briggs");
    expect(at("name", "ruth ellison, that's e l l i s o n. ruth.").callerName).toBe("Ruth Ellison");
  });

  it("hears a name introduced in Spanish, with its accents, and not Spanish words as a name", () => {
    expect(at("name", "mi nombre es maría josé peña").callerName).toBe("María José Peña");
    expect(at("issue", "hola, me llamo hector ruiz, the toilet is leaking").callerName).toBe("Hector Ruiz");
    expect(at("name", "sí, es para mi papá").callerName).toBeNull();
  });

  it("keeps a surname's particles without counting them as words", () => {
    expect(at("name", "it's carmen de la rosa").callerName).toBe("Carmen De La Rosa");
    expect(at("name", "dirk van der meer").callerName).toBe("Dirk Van Der Meer");
  });
});

describe("a caller who changes their mind", () => {
  it("goes by the last decision between a visit and a call back", () => {
    expect(
      lastBookingIntentOf("sure, send someone. or actually, can somebody just call me? no, no, book it"),
    ).toBe("visit");
    expect(lastBookingIntentOf("yeah come out. actually, just have someone call me first")).toBe("callback");
    expect(lastBookingIntentOf("send someone please. no, not tomorrow though")).toBe("visit");
  });

  it("takes a house number corrected with a plain 'no'", () => {
    expect(at("address", "twenty two ten… no, twenty two oh one, maple avenue").address).toMatch(
      /^2201 maple avenue/i,
    );
  });
});

describe("questions said after the problem or with a tag", () => {
  it("hears 'y'all do X, right?' after the problem as a question about the service", () => {
    expect(questionOf("the water softener stopped working. y'all work on softeners, right?")).toEqual({
      question: "services",
      serviceAsked: "softeners",
    });
  });

  it("hears a question that starts its own sentence, after a word like 'oiga' or 'hey'", () => {
    expect(questionOf("okay sure. hey, does the plumber take cards?").question).not.toBeNull();
    expect(questionOf("sí, book it. oye, will he call before he comes?").question).toBe("other");
  });
});
