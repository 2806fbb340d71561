// The read-back and what comes after it (what the twenty-second held-out batch taught), each
// lesson in wordings of its own: a word or number of the address named after "not", both halves
// of a name spelled, a yes with something added for the plumber, a day moved at the read-back, a
// gate code that is no house number, and an emergency said once the visit is booked.
import { describe, expect, it } from "vitest";
import { conversation, last, MONDAY_MORNING } from "@/server/test/call-conversation";
import { closeOnHangup } from "@/server/voice/state-machine";

const CTX = MONDAY_MORNING;

const { converse, hear } = conversation(CTX);
const bookedAt = (address: string, name = "Lucia Ferreira", time = "tuesday works") =>
  last(converse(["78701", "the shower drains slow", name, "send someone", address, time])).state;
const readBack = (address: string, said: string, name?: string, time?: string) =>
  hear(bookedAt(address, name, time), said);

describe("fixing the address at the read-back", () => {
  it("replaces the street word named after 'not' with the one spelled", () => {
    const r = readBack("4410 Avalon Drive", "No, not Avalon. Avondale, A-V-O-N-D-A-L-E. Number's fine.");
    expect(r.state.fields.address).toBe("4410 Avondale Drive");
    expect(r.state.fields.callerName).toBe("Lucia Ferreira");
  });

  it("replaces it with the street said instead, keeping the number", () => {
    const r = readBack("4410 Avalon Drive", "no, not Avalon, we're on Rosedale, same number");
    expect(r.state.fields.address).toBe("4410 Rosedale Drive");
  });

  it("takes no street word from 'not a problem' on a street named by one letter", () => {
    const r = readBack("1204 Avenue A", "Yes, that's right, not a problem at all.");
    expect(r.state.fields.address).toBe("1204 Avenue A");
    expect(r.state.stage).toBe("ended");
  });

  it("takes the number said for the one named, not another number in the same answer", () => {
    const r = readBack(
      "5120 Avalon Drive",
      "Two things: the number is 5210, not 5120, and it's the gray house",
    );
    expect(r.state.fields.address).toBe("5210 Avalon Drive");
  });

  it("fixes the unit, not the house number, when the caller names the unit's number", () => {
    const r = readBack("900 Rio Grande Street, unit 23", "the apartment's wrong, it's 32, not 23");
    expect(r.state.fields.address).toBe("900 Rio Grande Street, unit 32");
  });
});

describe("fixing the name at the read-back", () => {
  it("fixes both halves of a name spelled in one answer", () => {
    const r = readBack(
      "4410 Avalon Drive",
      "First name is K-A-R-L with a K, and Brandt has a D, B-R-A-N-D-T.",
      "carl brant",
    );
    expect(r.state.fields.callerName).toBe("Karl Brandt");
  });

  it("takes no name from a yes with a question, or from a sentence about the caller", () => {
    const yes = readBack("4410 Avalon Drive", "That's right. Will he text before he comes?");
    expect(yes.state.fields.callerName).toBe("Lucia Ferreira");
    const busy = readBack(
      "4410 Avalon Drive",
      "I'm hardly ever home before noon, so afternoons are better for me",
    );
    expect(busy.state.fields.callerName).toBe("Lucia Ferreira");
  });
});

describe("a yes with something added", () => {
  it("keeps what the caller adds after the yes for the plumber, and a gate code is no house number", () => {
    const r = readBack(
      "4410 Avalon Drive",
      "Yes, that's all right. Oh, and they'll need the gate code. It's 3381 then star.",
    );
    expect(r.state.fields.address).toBe("4410 Avalon Drive");
    expect(r.state.fields.notes).toMatch(/gate code.*3381/);
    expect(r.state.stage).toBe("ended");
  });

  it("adds nothing for a plain yes and a goodbye", () => {
    const r = readBack("4410 Avalon Drive", "Yep, that's all correct. Okay, thank you, bye now.");
    expect(r.state.fields.notes).toBeUndefined();
  });
});

describe("moving the day at the read-back", () => {
  it("moves the visit to the day asked for when the one booked turns out not to work", () => {
    const r = readBack(
      "4410 Avalon Drive",
      "Oh shoot, Tuesday I've got a dentist thing. Can we do Thursday instead?",
    );
    expect(r.state.fields.appointmentAt).toBe("2026-03-05T15:00:00.000Z");
    expect(r.state.fields.notes).toBeUndefined();
  });

  it("takes 'actually no, make it Wednesday afternoon' as the new time, not as a no", () => {
    const r = readBack("4410 Avalon Drive", "Actually no, make it Wednesday afternoon, Tuesday's my shift.");
    expect(r.state.fields.appointmentAt).toBe("2026-03-04T19:00:00.000Z");
  });
});

describe("a visit taken back at the read-back", () => {
  it("clears the visit, leaves a callback task and tells the caller no visit stands", () => {
    const r = readBack(
      "4410 Avalon Drive",
      "Hmm, actually, hold off on booking it. Can somebody just call me first?",
    );
    expect(r.state.fields.appointmentAt).toBeNull();
    expect(r.state.outcome).toBe("followup_needed");
    expect(r.actions).toContainEqual(expect.objectContaining({ type: "end", outcome: "followup_needed" }));
    expect(r.actions).toContainEqual(
      expect.objectContaining({
        type: "set_fields",
        fields: expect.objectContaining({ appointmentAt: null }),
      }),
    );
    expect(r.actions).toContainEqual(expect.objectContaining({ type: "create_task", kind: "callback" }));
    expect(r.say).toMatch(/won't book the visit/i);
    // What the caller gave stays for the office's call.
    expect(r.state.fields.address).toBe("4410 Avalon Drive");
    expect(r.state.fields.callerName).toBe("Lucia Ferreira");
  });

  it("hears it in other words: a callback instead, not ready to book", () => {
    for (const said of [
      "you know what, let's do a callback instead of the visit, I need to ask my landlord",
      "sorry, I'm not ready to book yet. Call me and we'll talk about the price",
    ]) {
      const r = readBack("4410 Avalon Drive", said);
      expect(r.state.outcome, said).toBe("followup_needed");
      expect(r.state.fields.appointmentAt, said).toBeNull();
    }
  });

  it("keeps the visit when the caller asks for a call before the plumber comes", () => {
    const r = readBack(
      "4410 Avalon Drive",
      "Yes, that's right. Have him call me when he's on his way, please.",
    );
    expect(r.state.outcome).toBe("booked");
    expect(r.state.fields.appointmentAt).toBe("2026-03-03T15:00:00.000Z");
  });
});

describe("a visit chosen at a callback's read-back", () => {
  it("closes the callback task, asks the address and offers the time that fits what was said", () => {
    const calledBack = last(
      converse(["78701", "the garbage disposal just hums", "Priya Raman", "just have someone call me"]),
    );
    expect(calledBack.state.outcome).toBe("followup_needed");
    const r = hear(
      calledBack.state,
      "Yes. Hmm, actually, could you book me a visit instead? Wednesday works best.",
    );
    expect(r.actions).toContainEqual(expect.objectContaining({ type: "close_tasks", kind: "callback" }));
    expect(r.state.outcome).toBeNull();
    expect(r.say).toMatch(/address/i);
    const offered = hear(r.state, "88 Rainey Street");
    expect(offered.say).toMatch(/Wednesday/);
    const booked = hear(offered.state, "yes");
    expect(booked.state.outcome).toBe("booked");
    expect(booked.state.fields.appointmentAt).toBe("2026-03-04T19:00:00.000Z");
  });
});

describe("a caller who missed the time offered", () => {
  it("says the time again after 'hang on, my other line — okay, what was that?', booking nothing", () => {
    const atSlot = last(
      converse(["78701", "the shower drains slow", "Lucia Ferreira", "send someone", "4410 Avalon Drive"]),
    );
    const r = hear(atSlot.state, "Hold on, sorry, I was on the other line. Okay, what did you say?");
    expect(r.state.fields.appointmentAt).toBeUndefined();
    expect(r.state.outcome).toBeNull();
    expect(r.say).toMatch(/Tuesday, between 9 and 11 AM\. Does that work/);
  });
});

describe("an emergency once the visit is booked", () => {
  it("escalates, and a hang-up during the transfer keeps the visit and leaves the urgent callback", () => {
    const r = readBack(
      "4410 Avalon Drive",
      "Yes. Oh, and now there's water dripping through the living room ceiling, it's getting worse",
    );
    expect(r.state.escalation).toMatchObject({ reason: "emergency" });
    const ended = closeOnHangup(r.state);
    expect(ended.status).toBe("booked");
    expect(ended.task).toMatchObject({ type: "create_task", kind: "urgent_callback" });
  });
});

describe("a question, then a name, instead of the safety answer", () => {
  it("answers the question, keeps the name, and takes the safe side", () => {
    const r = last(
      converse([
        "78701",
        "there's a wet spot on the kitchen ceiling",
        "Gwen Hartley",
        "Gwen Hartley, like I said",
      ]),
    );
    expect(r.state.escalation).toMatchObject({ reason: "emergency" });
    expect(r.state.fields.callerName).toBe("Gwen Hartley");
  });
});

describe("a maybe at the safety question", () => {
  it("takes 'maybe? … is that bad?' as an unclear answer (the safe side), not as a question to answer instead", () => {
    const r = last(
      converse([
        "78701",
        "there's a funny smell in the hallway closet, I can't place it",
        "Hmm, maybe? It's a bit like the grill when the knob doesn't light. Is that bad?",
      ]),
    );
    expect(r.state.escalation).toMatchObject({ reason: "emergency" });
    expect(r.state.fields.notes).toBeUndefined();
  });
});
