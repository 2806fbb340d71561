// The call after what the twenty-sixth held-out batch taught: never lose a call over a name (a
// question or the address said with it after an emergency, words at the safety question that only
// look like a name), and the problem put right or added to at the read-back. Each lesson in
// wordings of its own.
import { describe, expect, it } from "vitest";
import { conversation, last, MONDAY_MORNING } from "@/server/test/call-conversation";

const CTX = MONDAY_MORNING;

const { converse, hear, afterTransferFailed } = conversation(CTX);

describe("the name after an emergency", () => {
  it("keeps the name said with a question, answers the question and moves on to the address", () => {
    const state = afterTransferFailed(
      "the toilet upstairs is going over the top and running down the stairs",
    );
    const r = hear(state, "bill hall how long till somebody gets here");
    expect(r.state.fields.callerName).toBe("Bill Hall");
    expect(r.state.stage).toBe("address");
    expect(r.say).toMatch(/within 5 minutes/);
    expect(r.say).not.toMatch(/who am I speaking with/i);
  });

  it("keeps the address said with the name, and does not ask for it again", () => {
    const state = afterTransferFailed("water is pouring through the kitchen ceiling");
    const r = hear(state, "Tom Baker, and I'm at 4410 Avenue H.");
    expect(r.state.fields.callerName).toBe("Tom Baker");
    expect(r.state.fields.address).toBe("4410 Avenue H");
    expect(r.state.stage).toBe("ended");
    expect(r.say).not.toMatch(/what's the address/i);
  });

  it("takes the address said instead of the name, so the callback still has where to go", () => {
    const state = afterTransferFailed("water is pouring through the kitchen ceiling");
    const r = hear(state, "it's at 2215 East 51st Street");
    expect(r.state.fields.address).toMatch(/^2215 East 51st Street/);
    expect(r.state.stage).toBe("ended");
  });
});

describe("words at the safety question that only look like a name", () => {
  const atSafety = () =>
    last(converse(["78702", "There's a puddle on the floor next to the water heater. I just noticed it."]))
      .state;

  it("reads 'It's dark in that closet. Maybe?' as the unclear answer it is (the safe side), not a name", () => {
    const r = hear(atSafety(), "I... I don't know? It's dark in that closet. Maybe? I can't really tell.");
    expect(r.state.fields.callerName).toBeUndefined();
    expect(r.state.fields.urgency).toBe("emergency");
    expect(r.say).not.toMatch(/Thanks, Dark/);
  });

  it("still keeps a name said alone there, and asks the safety question once more", () => {
    const r = hear(atSafety(), "It's Bob. Bob Ferreira.");
    expect(r.state.fields.callerName).toBe("Bob Ferreira");
    expect(r.state.stage).toBe("safety");
  });
});

describe("the problem at the read-back", () => {
  const bookedFor = (problem: string) =>
    last(converse(["78701", problem, "Siobhan Kearney", "send someone", "2511 Rio Grande Street", "tuesday"]))
      .state;

  it("puts a word of the problem right, and the booking stands", () => {
    const state = bookedFor("The downstairs toilet keeps running after you flush.");
    expect(state.stage).toBe("confirm");
    const r = hear(state, "Yes — oh wait, sorry, it's the upstairs toilet, not the downstairs one.");
    expect(r.state.fields.issueSummary).toMatch(/^The upstairs toilet keeps running/);
    expect(r.state.fields.appointmentAt).toBe(state.fields.appointmentAt);
    expect(r.state.stage).toBe("ended");
  });

  it("adds a second problem for the same visit to the problem, answering its 'can he look at that?'", () => {
    const state = bookedFor("My bathroom faucet drips all night long.");
    const r = hear(
      state,
      "Yep, that's right. Oh, and while he's out here, my garbage disposal is jammed too. Can he look at that?",
    );
    expect(r.state.fields.issueSummary).toMatch(/faucet drips.*Also: my garbage disposal is jammed/);
    expect(r.say).toMatch(/updated the problem/);
    expect(r.say).not.toMatch(/Good question/);
    expect(r.state.stage).toBe("ended");
  });
});

describe("a title and surname", () => {
  it("is how the agent thanks the caller", () => {
    const r = last(converse(["78701", "the kitchen sink is clogged", "Mrs. Delgado."]));
    expect(r.state.fields.callerName).toBe("Mrs. Delgado");
    expect(r.say).toMatch(/^Thanks, Mrs\. Delgado\./);
  });
});

describe("a faucet that will not turn off", () => {
  it("gets the safety question, and a no keeps it routine", () => {
    const asked = last(
      converse(["78701", "The faucet in my bathtub won't shut off, it just keeps running."]),
    );
    expect(asked.state.stage).toBe("safety");
    const r = hear(asked.state, "No, it's all going down the drain, nothing on the floor.");
    expect(r.state.fields.urgency).not.toBe("emergency");
    expect(r.state.stage).toBe("name");
  });
});
