// The call after what the thirtieth held-out batch (winter, a bad line, callers who change their
// mind, landlords, near misses) taught, and callers who mix Spanish into their English. Each
// lesson in wordings of its own, played through the rules and the call state machine as a live
// call reads them (speech recognition's words put as written first).
import { describe, expect, it } from "vitest";
import { heardAsWritten, isPlainlyRoutine, urgencyOf } from "@/server/intake/rules-extract";
import { withEnglishGlosses } from "@/server/intake/spanish-words";
import { conversation, MONDAY_MORNING } from "@/server/test/call-conversation";
import { heardAt } from "@/server/test/heard-at";

const { asHeard: end } = conversation(MONDAY_MORNING);

const TO_THE_VISIT = [
  "78701",
  "the bathroom faucet drips",
  "Dmitri Volkov",
  "yes, send someone",
  "4507 Avenue D",
];

describe("callers who mix in Spanish", () => {
  it("are heard in English, the caller's own word kept beside it for the office", () => {
    expect(withEnglishGlosses("hay una fuga debajo del fregadero")).toBe(
      "hay una leak (fuga) debajo del kitchen sink (fregadero)",
    );
    expect(withEnglishGlosses("Sí, please come")).toBe("yes, please come");
    // Accents speech recognition drops are still heard.
    expect(withEnglishGlosses("el calentador no tiene agua caliente, la tuberia")).toContain(
      "pipe (tuberia)",
    );
  });

  it("leave English, names and a bare 'si' alone", () => {
    for (const said of ["This is Tina Domingo", "si el agua", "my mom Lupe", "the techno music upstairs"])
      expect(withEnglishGlosses(said).startsWith(said.split(" ")[0]!)).toBe(true);
    expect(withEnglishGlosses("This is Tina Domingo")).toBe("This is Tina Domingo");
    expect(withEnglishGlosses("si, I think so")).toBe("si, I think so");
  });

  it("escalate a burst pipe and a gas smell said in Spanish at once", () => {
    for (const said of [
      "se reventó un tubo y hay agua por todas partes",
      "huele a gas en la cocina, mucho",
      "the tubería se rompió and the basement is inundado",
    ])
      expect(end(["78701", said]).state.stage, said).toBe("transferring");
  });

  it("ask the safety question about sewage or water from the ceiling, and take 'sí' as yes", () => {
    const asked = end(["78701", "hay agua saliendo del techo, del cuarto de arriba"]);
    expect(asked.state.stage).toBe("safety");
    const yes = end(["78701", "hay agua saliendo del techo, del cuarto de arriba", "sí, mucha agua"]);
    expect(yes.state.stage).toBe("transferring");
    expect(yes.state.fields.callerName).toBeUndefined();
  });

  it("book the day asked for in Spanish, with the name said after 'me llamo'", () => {
    const r = end([
      "78701",
      "la llave de la cocina gotea",
      "no, solo gotea",
      "Me llamo Teodoro Zúñiga",
      "Sí, please come",
      "1304 Santa Rosa Street",
      "No puedo el martes. Wednesday afternoon, después de la una, yes.",
    ]);
    expect(r.state.fields.callerName).toBe("Teodoro Zúñiga");
    expect(r.state.fields.appointmentAt).toBe("2026-03-04T19:00:00.000Z");
    expect(r.state.fields.issueSummary).toContain("(gotea)");
  });
});

describe("the time offered, taken with 'the first you've got'", () => {
  it("is no date of the month", () => {
    for (const said of [
      "If Tuesday morning's the first you've got, I'll take it.",
      "if that's the first you have, book it",
      "the first available is fine",
    ])
      expect(end([...TO_THE_VISIT, said]).state.fields.appointmentAt, said).toBe("2026-03-03T15:00:00.000Z");
  });

  it("while 'the fifth' is still a date", () => {
    expect(end([...TO_THE_VISIT, "can you do the fifth?"]).state.fields.appointmentAt).toBe(
      "2026-03-05T15:00:00.000Z",
    );
  });
});

describe("at the read-back", () => {
  const readBack = (name: string) => [
    ...TO_THE_VISIT.slice(0, 2),
    name,
    ...TO_THE_VISIT.slice(3),
    "Tuesday's okay.",
  ];

  it("a name said to be right stays, and the day moved is moved", () => {
    const r = end([
      ...readBack("Beatriz Fonseca"),
      "Name and address are right, but actually make it Thursday, same time. Tuesday got messed up on my end.",
    ]);
    expect(r.state.fields.callerName).toBe("Beatriz Fonseca");
    expect(r.state.fields.appointmentAt).toBe("2026-03-05T15:00:00.000Z");
  });

  it("a last name said as such is added to the given name taken, or put in its place", () => {
    expect(
      end([
        ...readBack("its grace"),
        "The last name's O'Malley, O apostrophe M A L L E Y. Everything else is right.",
      ]).state.fields.callerName,
    ).toBe("Grace O'Malley");
    expect(end([...readBack("Grace Malley"), "the last name is O'Malley"]).state.fields.callerName).toBe(
      "Grace O'Malley",
    );
    expect(end([...readBack("Grace O'Malley"), "the last name is right, yes"]).state.fields.callerName).toBe(
      "Grace O'Malley",
    );
  });
});

describe("names as speech recognition hands them over", () => {
  it("an Irish O' surname heard as 'oh malley' is written O'Malley", () => {
    expect(heardAt("name", "its grace oh malley").callerName).toBe("Grace O'Malley");
    expect(heardAt("name", "this is sean o brien").callerName).toBe("Sean O'Brien");
    expect(heardAt("name", "Tom Oh").callerName).not.toContain("'");
  });

  it("a hyphenated surname spelled with 'dash' between its parts keeps its hyphen", () => {
    expect(heardAt("name", "Yusuf Al-Amin. A L, dash, A M I N.").callerName).toBe("Yusuf Al-Amin");
    expect(heardAt("name", "it's maria lopez-garcia, l o p e z hyphen g a r c i a").callerName).toBe(
      "Maria Lopez-Garcia",
    );
  });

  it("someone else named after 'the tenant's' is not the caller, and goes to the notes", () => {
    const x = heardAt("name", "Hector Villanueva. The tenant's Precious Jenkins, she'll let y'all in.");
    expect(x.callerName).toBe("Hector Villanueva");
    expect(x.thirdParty).toBe("my tenant Precious Jenkins");
    expect(heardAt("name", "My mom's name is Linda Park").callerName).toBeNull();
    // ("it's for my mom's house": a relation's house, no name.)
    expect(heardAt("name", "it's for my mom's house, I'm Dana Price").thirdParty).toBe("my mom");
  });
});

describe("a wrong number", () => {
  it("said as 'I must've dialed wrong' or by asking for another business ends the call politely", () => {
    for (const said of [
      "Oh. Plumbing? No, I must've dialed wrong, sorry about that.",
      "is this Rosie's Nails? I need to move my Thursday pedicure",
    ]) {
      const r = end([said]);
      expect(r.state.stage, said).toBe("ended");
      expect(r.state.fields.notes, said).toContain("wrong number");
    }
  });
});

describe("winter, and problems that sound worse than they are", () => {
  it("an overflow over this morning, valve off and mopped up, with only the clog left, is no emergency", () => {
    const said =
      "The toilet overflowed this morning, went all over the bathroom floor, total mess. I turned off the valve behind it and mopped it all up, it's fine now, it's just still clogged.";
    const r = end(["78701", said]);
    expect(r.state.stage).toBe("name");
    expect(r.state.fields.urgency).toBe("normal");
    // Still coming is still an emergency.
    expect(
      end(["78701", "the toilet overflowed this morning and it's still coming out all over the floor"]).state
        .stage,
    ).toBe("transferring");
  });

  it("a frozen outdoor spigot is routine, frozen pipes in the house are not", () => {
    expect(
      urgencyOf("the hose bib on the back of the house is frozen, it just won't turn, nothing leaking"),
    ).toBe("normal");
    expect(urgencyOf("no water at all, the pipe coming in by the meter is frozen solid")).toBe("high");
    expect(urgencyOf("our pipes froze last night")).toBe("high");
  });

  it("a water heater that can't keep up is routine: no safety question", () => {
    for (const said of [
      "Ever since this cold snap the water heater can't keep up. The shower goes lukewarm after about five minutes. It's a gas one.",
      "our hot water tank runs out of hot water really fast now",
    ])
      expect(isPlainlyRoutine(heardAsWritten(said)), said).toBe(true);
    // Not when it leaks.
    expect(isPlainlyRoutine("the water heater can't keep up and there's a puddle under it")).toBe(false);
  });

  it("a switch to tankless before the old tank dies is planned work (low)", () => {
    expect(urgencyOf("we want to switch to tankless before it dies, ours is twelve years old")).toBe("low");
  });

  it("work put in before that leaks now is a repair (normal), not new work", () => {
    expect(
      urgencyOf(
        "some other company put in a new toilet three weeks ago and now every time we flush there's water on the floor around the base",
      ),
    ).toBe("normal");
    expect(urgencyOf("we bought two new toilets and want them put in")).toBe("low");
  });
});

describe("a caller who asks for the lead to go under someone else's name", () => {
  it("is stored under that name, and the office is told who called", () => {
    const r = end([
      "Hi, this is about my father's house, he's 88. The ZIP there is 78701.",
      "His toilet runs all the time. You can hear it all night.",
      "I'm Ingrid, but please put it under his name, Walter Kowalczyk. It's his house.",
    ]);
    expect(r.state.fields.callerName).toBe("Walter Kowalczyk");
    expect(r.state.fields.notes).toContain("Called by Ingrid");
    // Only when asked: a name given plainly is no note.
    expect(
      end(["78701", "the toilet runs all night", "I'm Ingrid Sorensen"]).state.fields.notes ?? "",
    ).not.toContain("Called by");
  });
});
