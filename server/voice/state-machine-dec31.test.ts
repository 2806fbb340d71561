// The call after what the thirty-first held-out batch (leaks told by their effects, details out of
// order, non-native English, availability, callers for someone else, odd places, how to reach the
// caller) taught. Each lesson in wordings of its own, played as a live call reads them.
import { describe, expect, it } from "vitest";
import { detectEmergency } from "@/server/intake/emergency-rules";
import { addressOf, heardAsWritten, urgencyOf } from "@/server/intake/rules-extract";
import { conversation, MONDAY_MORNING } from "@/server/test/call-conversation";
import { heardAt } from "@/server/test/heard-at";

/** Demo Plumbing's own lists: it does not take commercial buildings, septic tanks or well pumps. */
const CTX = {
  ...MONDAY_MORNING,
  answers: { servicesNotOffered: ["Commercial buildings", "Septic tanks", "Well pumps"] },
};
const { asHeard: end } = conversation(CTX);
const detectEmergencyIn = (said: string) => detectEmergency(heardAsWritten(said));
const TO_THE_TIME = [
  "78701",
  "the bathroom faucet drips",
  "Anneliese Whitfield",
  "yes",
  "2408 Oxford Avenue",
];

describe("a faucet or spigot knocked off with water blasting out", () => {
  it("is an emergency, outside the house too", () => {
    for (const said of [
      "The faucet on the side of her house snapped clean off, I think the lawn guy hit it, and water is just blasting out against the wall.",
      "the spigot broke off and water is blasting out",
      "the spigot got sheared off by the mower and water's spewing against the siding",
    ])
      expect(["burst_pipe", "flooding"], said).toContain(detectEmergencyIn(said));
  });

  it("but a handle that came off a dripping faucet is not", () => {
    expect(
      detectEmergencyIn("the handle came off the kitchen faucet and it sprays a little when I turn it on"),
    ).toBeNull();
  });
});

describe("names said without 'is', and with 'by the way'", () => {
  it("'My name Lan Nguyen' is the name", () => {
    expect(heardAt("name", "My name Lan Nguyen.").callerName).toBe("Lan Nguyen");
    expect(heardAt("name", "my name oksana hrytsenko").callerName).toBe("Oksana Hrytsenko");
    expect(heardAt("name", "Eh, you don't need my name, you've got my number.").callerName).toBeNull();
  });

  it("'by the way' after a name is no part of it", () => {
    expect(
      heardAt("name", "It won't drain at all. This is Rosalind Achterberg, by the way.").callerName,
    ).toBe("Rosalind Achterberg");
  });
});

describe("leaks told by the bill, smells with nothing coming up", () => {
  it("a water bill that doubled with nothing wet is a normal visit", () => {
    expect(
      urgencyOf(
        "our water bill came in at like double what it normally is. i don't see anything wet anywhere, so something's leaking somewhere",
      ),
    ).toBe("normal");
  });

  it("'no water come up, only the smell' is no home without water", () => {
    expect(
      urgencyOf("smell is coming from drain in the bathroom, like sewer. no water come up, only the smell."),
    ).toBe("normal");
    expect(urgencyOf("there's no water coming out of the tap")).toBe("high");
  });
});

describe("a count of days is no house number", () => {
  it("and a street word in the next sentence is no street", () => {
    expect(
      addressOf(
        "a little puddle in the drain pan, it's been there 2 days. Is there any way someone could come today?",
      ),
    ).toBeNull();
    expect(addressOf("it's been 2 days. Anyway, I'm at 1204 Oak Street")).toBe("1204 Oak Street");
    expect(addressOf("1808 S. 3rd Street")).toBe("1808 S. 3rd Street");
  });
});

describe("the time the caller can be there", () => {
  it("'only free after 4' rules out every window that starts before, and is noted", () => {
    const r = end([
      ...TO_THE_TIME,
      "I'm only free after 4, I work until 3:30 every day. Do you have anything late afternoon?",
    ]);
    expect(r.state.fields.appointmentAt).toBeUndefined();
    expect(r.say).toContain("after 4 PM");
    expect(r.state.fields.notes).toContain("after 4");
    const callback = end([
      ...TO_THE_TIME,
      "I'm only free after 4. Anything late afternoon?",
      "No, that's still during work. Could somebody just call me and we'll figure something out?",
    ]);
    expect(callback.state.fields.appointmentAt).toBeUndefined();
    expect(callback.state.endReason).toBe("callback_requested");
  });

  it("'anything after 2?' is said back as after 2, not at 2", () => {
    expect(end([...TO_THE_TIME, "anything after 2?"]).say).toContain("after 2 PM");
    // A window that starts after the hour is still offered.
    expect(end([...TO_THE_TIME, "anything after 12?"]).state.fields.appointmentAt).toBe(
      "2026-03-04T19:00:00.000Z",
    );
  });

  it("a day the caller is busy with something ('I'm showing it Tuesday morning') is out", () => {
    expect(
      end([...TO_THE_TIME, "Wednesday afternoon. I'm showing it Tuesday morning."]).state.fields
        .appointmentAt,
    ).toBe("2026-03-04T19:00:00.000Z");
  });
});

describe("how to reach the caller", () => {
  it("'could someone call my dad to set it up' and 'just email me a quote' ask for a call, not a visit", () => {
    for (const said of [
      "Could someone call my dad directly to set it up? He's home all day. His number is 512-555-0134.",
      "I don't need anyone out yet. Can you just email me a quote? And please don't call before noon, I work nights.",
    ])
      expect(heardAt("booking_offer", said).bookingIntent, said).toBe("callback");
    // "Please" is still a yes, and a day is still a visit, also with a text asked for after it.
    expect(heardAt("booking_offer", "yes please").bookingIntent).toBe("visit");
    expect(heardAt("booking_offer", "please do").bookingIntent).toBe("visit");
    expect(heardAt("booking_offer", "Thursday.").bookingIntent).toBe("visit");
    expect(heardAt("booking_offer", "Tuesday works, text me the confirmation").bookingIntent).toBe("visit");
    // The caller calling now to schedule is no call back asked for.
    expect(heardAt("issue", "I wanted to call to schedule a drain cleaning").bookingIntent).not.toBe(
      "callback",
    );
  });

  it("is noted in the caller's words, with any other number", () => {
    const r = end([
      "78701",
      "the bathroom faucet drips",
      "Priya Raman",
      "Could someone call my dad directly to set it up? He's home all day. His number is 512-555-0134.",
    ]);
    expect(r.state.fields.notes).toContain("512-555-0134");
    expect(r.state.fields.notes).toContain("call my dad");
  });

  it("a teenager who puts it under his mom's name and says who he is after is noted", () => {
    const r = end([
      "Um, hi. My mom told me to call. The zip is 78701.",
      "The bathtub drain is super slow",
      "No, it's just slow. Nothing's coming up.",
      "Put it under my mom's name, Latoya Grant. I'm Marcus, her son.",
    ]);
    expect(r.state.fields.callerName).toBe("Latoya Grant");
    expect(r.state.fields.notes).toContain("Called by Marcus");
  });
});

describe("work the business does not take, told as the problem", () => {
  it("is said so at once, with no safety question, and 'I'll call the septic people then' ends the call", () => {
    const told = end([
      "78701",
      "Our septic tank needs pumping. The alarm on the little panel out back keeps beeping.",
    ]);
    expect(told.say).toContain("we don't do septic tanks");
    // The office's call is offered at once, before the name.
    expect(told.state.stage).toBe("booking_offer");
    const gone = end([
      "78701",
      "Our septic tank needs pumping. The alarm on the little panel out back keeps beeping.",
      "Oh, y'all don't? Okay, I'll call the septic people then.",
    ]);
    expect(gone.state.stage).toBe("ended");
    expect(gone.state.outcome).toBe("not_booked");
  });

  it("a church told it is commercial work ends when they say they'll find somebody else", () => {
    const r = end([
      "78702",
      "I'm the facilities volunteer at Holy Cross Lutheran. The toilet in the men's room runs constantly.",
      "Oh. Okay, well, we'll find somebody else then. Thank you.",
    ]);
    expect(r.state.outcome).toBe("not_booked");
  });

  it("a well-kept word that only looks like the service is not it", () => {
    // ("Well, the sump pump…": "well" and "pump" apart are no well pump.)
    expect(end(["78701", "well, the sump pump in the basement hums but won't pump"]).say).not.toContain(
      "we don't do",
    );
  });
});

describe("guards on what the thirty-first batch taught", () => {
  it("a bill with a warm spot on the floor is still asked about (a slab leak)", () => {
    expect(
      end(["78701", "theres a warm spot on the kitchen floor and the water bill was like double this month"])
        .state.stage,
    ).toBe("safety");
  });

  it("'my name id rather not give it' is no name", () => {
    expect(heardAt("name", "why do you need my name id rather not give it").callerName).toBeNull();
  });

  it("a not-offered service asked about in passing is answered, and the drain job goes on", () => {
    const r = end([
      "78701",
      "the kitchen drain is slow and also do yall pump septic tanks my mom has one out at her place",
      "its rudy trevino",
      "yeah go ahead send somebody for the drain",
    ]);
    expect(r.say).toContain("street address");
  });
});
