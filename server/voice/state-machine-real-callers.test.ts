// Callers as they really talk, from calls nobody tuned the rules to: the safety question asked once
// and never mistaken, names that look like names, every question heard, the read-back that fixes
// what the caller says, and sentences a good office manager would say.
import { describe, expect, it } from "vitest";
import { conversation, last, MONDAY_MORNING } from "@/server/test/call-conversation";
import { isSafetyQuestion, SAFETY_AGAIN, SAFETY_QUESTIONS } from "@/server/voice/scripts";
import {
  transition,
  type CallAction,
  type CallContext,
  type TransitionResult,
} from "@/server/voice/state-machine";

// Monday 2 March 2026, 10:00 AM in Austin; openings Tuesday 9-11, Wednesday 1-3, Thursday 9-11.
const CTX: CallContext = {
  ...MONDAY_MORNING,
  serviceZips: ["78701", "78702", "78703"],
  answers: {
    servicesOffered: ["Water heaters", "Drain cleaning"],
    servicesNotOffered: ["Commercial buildings", "Septic tanks"],
  },
};
const NO_ON_CALL: CallContext = { ...CTX, onCallPhone: null };

const { hear, converse } = conversation(CTX);
const said = (results: TransitionResult[]) => results.map((r) => r.say ?? "");
const tasks = (results: TransitionResult[]) =>
  results.flatMap((r) =>
    r.actions.filter((a): a is Extract<CallAction, { type: "create_task" }> => a.type === "create_task"),
  );

describe("the safety question, asked once and never mistaken", () => {
  it("never asks about a toilet that runs all night, and never calls it sewage", () => {
    const results = converse(["78701", "the toilet runs all night"]);
    expect(last(results).state.stage).toBe("name");
    expect(said(results).some(isSafetyQuestion)).toBe(false);
  });

  it("answers a question said instead of a yes or no, then asks once more briefly: not an emergency", () => {
    const results = converse([
      "78701",
      "the hose behind the washing machine is leaking",
      "what times do you have?",
      "no, just a small puddle",
    ]);
    const again = results[3]!;
    expect(again.say).toContain("The earliest opening I have is tomorrow, Tuesday, between 9 and 11 AM.");
    expect(again.say).toContain(SAFETY_AGAIN.water);
    expect(last(results).state.escalation).toBeNull();
    expect(last(results).state.stage).toBe("name");
    // The whole safety line is said once in the call.
    expect(said(results).filter((s) => s.includes(SAFETY_QUESTIONS.water))).toHaveLength(1);
  });

  it("takes a second answer that is still no yes or no as yes, the safe side", () => {
    const results = converse([
      "78701",
      "the hose behind the washing machine is leaking",
      "what times do you have?",
      "how much do you charge?",
    ]);
    expect(last(results).state.escalation?.reason).toBe("emergency");
  });

  it("calls a yes about a toilet spilling clean water a flood, not a sewage backup", () => {
    const results = converse(["78701", "the toilet tank cracked and it's leaking", "yes, it's spreading"]);
    expect(last(results).state.escalation?.emergencyKind).toBe("flooding");
  });
});

describe("names that look like names", () => {
  it("does not take 'this is weird, there's…' said with an emergency as a name", () => {
    const results = converse(
      ["78701", "okay this is weird, there's water dripping out of the outlet in the kitchen"],
      NO_ON_CALL,
    );
    expect(last(results).state.fields.callerName).toBeUndefined();
    expect(last(results).state.stage).toBe("name");
  });

  it("answers 'how long till somebody calls?' at the name question and asks the name again", () => {
    const results = converse(
      [
        "78701",
        "water is pouring out under the sink and I can't stop it",
        "How long till somebody calls? I'm freaking out",
      ],
      NO_ON_CALL,
    );
    const r = last(results);
    expect(r.say).toBe(
      "Someone from Demo Plumbing will call you back within 5 minutes. And who am I speaking with?",
    );
    expect(r.state.fields.callerName).toBeUndefined();
    expect(r.state.stage).toBe("name");
    expect(hear(r.state, "Danielle Brooks", NO_ON_CALL).state.fields.callerName).toBe("Danielle Brooks");
  });

  it("uses the caller's first name, once they have given it", () => {
    const results = converse(["78701", "the kitchen faucet drips", "carla jimenez"]);
    expect(last(results).say).toMatch(/^Thanks, Carla\. Would you like/);
  });
});

describe("every caller handled", () => {
  it("takes 'can someone just call me back?' as a callback request, not a question to note", () => {
    const results = converse([
      "78701",
      "Can someone just call me back? I'm at work. It's about a quote for a kitchen remodel.",
    ]);
    expect(last(results).state.fields.notes ?? "").not.toContain("Caller asked");
    expect(last(results).say).not.toContain("Good question");
  });

  it("takes the ZIP after a correction in the same breath", () => {
    expect(last(converse(["78731, no, 78703"])).state.fields.zip).toBe("78703");
  });

  it("repeats the question for 'speak up, I can't hear you' and 'what was that, dear?', without counting a miss", () => {
    const first = last(converse(["Speak up, honey, I can't hear you"]));
    expect(first.say).toBe("Of course. So, what's the ZIP code where you need the work done?");
    expect(first.state.misses).toBe(0);
    const second = last(converse(["78701", "What was that, dear?"]));
    expect(second.say).toBe("Of course. Now, what's going on with your plumbing?");
    expect(second.state.misses).toBe(0);
  });

  it("helps a caller who doesn't know the ZIP, then takes a callback rather than losing the call", () => {
    const helped = converse(["I don't know the zip code, I just moved here."]);
    expect(last(helped).say).toContain("It's on any piece of mail");
    expect(last(helped).state.misses).toBe(0);
    const results = converse([
      "I don't know the zip code, I just moved here.",
      "No, I can't find the zip anywhere",
    ]);
    expect(last(results).state.outcome).toBe("followup_needed");
    expect(tasks(results).map((t) => t.kind)).toEqual(["callback"]);
  });

  it("books a business run from a home as residential work", () => {
    const results = converse([
      "78701",
      "I run a little hair salon out of my house and the shampoo sink drains slow",
    ]);
    expect(last(results).say).not.toContain("commercial");
    expect(last(results).state.stage).toBe("name");
  });

  it("never declines commercial work and offers a booking in one breath: only a call from the office, offered at once", () => {
    const results = converse(["78701", "I own a restaurant and the floor drain in the kitchen is slow"]);
    expect(last(results).say).toBe(
      "I'm sorry, we don't do commercial buildings. I can't book a visit for that, but would you like someone from the office to call you back?",
    );
    const yes = hear(last(results).state, "yes please");
    expect(yes.state.fields.bookingIntent).toBe("callback");
    // Then the name, so the office knows who to ask for, and the callback read back.
    expect(yes.state.stage).toBe("name");
    const named = hear(yes.state, "sam ortiz");
    expect(named.say).toContain("a call back at the number ending in");
  });

  it("thanks a caller who lets declined work go ('okay, no problem', 'no worries'): not booked, no task", () => {
    for (const reply of ["Okay, no problem.", "Oh, okay. No worries.", "That's alright, thanks anyway."]) {
      const results = converse([
        "78701",
        "I own a restaurant and the floor drain in the kitchen is slow",
        reply,
      ]);
      expect(last(results).state.outcome, reply).toBe("not_booked");
      expect(tasks(results), reply).toHaveLength(0);
    }
  });

  it("ends politely with no callback when the caller says never mind after a decline", () => {
    const results = converse(["do you pump septic tanks?", "Oh, okay. Never mind then, thanks anyway."]);
    expect(last(results).state.outcome).toBe("not_booked");
    expect(tasks(results)).toHaveLength(0);
  });

  it("gets a person for 'is Mike there? somebody real?', without the safety question", () => {
    const results = converse(["78701", "Is Mike there? Can I just talk to him or somebody real?"]);
    expect(last(results).state.escalation?.reason).toBe("asked_for_person");
    expect(said(results).some(isSafetyQuestion)).toBe(false);
    // Nobody picks up: the callback is promised without calling the request urgent.
    const failed = transition(last(results).state, { type: "transfer_failed" }, CTX);
    expect(failed.say).toContain("I've asked someone to call you back within 5 minutes");
    expect(failed.say).not.toMatch(/urgent|emergency/i);
  });

  it("closes a wrong number before asking for the ZIP again", () => {
    const r = last(converse(["Hello? Is this Walgreens? I'm calling about my prescription refill."]));
    expect(r.state.outcome).toBe("closed");
    expect(r.say).not.toContain("ZIP");
  });

  it("offers the weekday the caller asks for when it has an opening", () => {
    const r = last(
      converse([
        "78701",
        "the kitchen faucet drips",
        "jim hale",
        "yes",
        "4302 avenue d",
        "Tuesday's no good, I work. Can y'all do Thursday morning?",
      ]),
    );
    expect(r.state.outcome).toBe("booked");
    expect(r.say).toContain("Thursday, March 5, between 9 and 11 AM");
    expect(r.state.fields.notes ?? "").not.toContain("Caller asked");
  });

  it("answers 'how soon can somebody get out here?' from the real openings", () => {
    const r = last(converse(["78701", "the tub drains super slow. How soon can somebody get out here?"]));
    expect(r.say).toBe(
      "The earliest opening I have is tomorrow, Tuesday, between 9 and 11 AM. And who am I speaking with?",
    );
  });

  it("answers 'do y'all do tankless?' from the water heaters the business lists", () => {
    const r = last(converse(["78701", "Do y'all do tankless?"]));
    expect(r.say).toContain("Yes, we do water heaters.");
  });
});

describe("what callers taught the agent in the later December batch", () => {
  it("asks the safety question about a water heater the caller can't explain, and escalates a yes", () => {
    const results = converse([
      "78701",
      "not sure what's going on with the water heater, it's been banging",
      "yes, there's water coming out under it and it's all over the garage floor",
    ]);
    expect(said(results).some(isSafetyQuestion)).toBe(true);
    expect(last(results).state.escalation?.reason).toBe("emergency");
  });

  it("takes the name said with its spelling at once", () => {
    const r = last(converse(["78701", "the kitchen faucet drips", "Aoife Brennan. That's A-O-I-F-E."]));
    expect(r.state.fields.callerName).toBe("Aoife Brennan");
    expect(r.state.stage).toBe("booking_offer");
  });

  it("takes a name with a company at the name question, and keeps a property manager's duplex residential", () => {
    const results = converse([
      "78701",
      "I manage a duplex, the upstairs unit's toilet keeps running",
      "Greta Ames with Lakeline Property Management",
    ]);
    expect(said(results).join(" ")).not.toContain("commercial");
    expect(last(results).state.fields.callerName).toBe("Greta Ames");
    expect(last(results).state.stage).toBe("booking_offer");
  });

  it("ends politely at the name question when the caller says never mind after a decline", () => {
    const results = converse([
      "78701",
      "the sink in our office building is clogged, do you do commercial?",
      "Oh, okay. Never mind then.",
    ]);
    expect(last(results).state.outcome).toBe("not_booked");
    expect(last(results).state.fields.callerName).toBeUndefined();
    expect(tasks(results)).toHaveLength(0);
  });
});

describe("a callback asked for at any step after the problem is known", () => {
  const atOffer = ["78701", "the kitchen faucet drips", "rita moreno"];

  it("hears 'could somebody just give me a call back?' at the booking offer", () => {
    const r = last(converse([...atOffer, "Could somebody just give me a call back?"]));
    expect(r.state.fields.bookingIntent).toBe("callback");
    expect(r.state.fields.notes ?? "").not.toContain("Caller asked");
    expect(r.say).toContain("a call back at the number ending in");
  });

  it("turns the visit into a callback when the caller asks at the address question", () => {
    const results = converse([
      ...atOffer,
      "yes book it",
      "hmm, actually, can you have the plumber call me first?",
    ]);
    expect(last(results).state.fields.bookingIntent).toBe("callback");
    expect(last(results).state.fields.address).toBeUndefined();
    expect(tasks(results).map((t) => t.kind)).toEqual(["callback"]);
  });

  it("keeps a callback asked at the name question, and asks the name once more", () => {
    const asked = last(
      converse(["78701", "the kitchen faucet drips", "Just have somebody call me, I'm at work"]),
    );
    expect(asked.say).toBe("Sure, someone can call you back. And who am I speaking with?");
    const named = hear(asked.state, "Rita Moreno");
    expect(named.state.fields.callerName).toBe("Rita Moreno");
    expect(named.say).not.toContain("book a plumber");
    // "You can call me Bob" is a name, not a callback.
    const bob = last(converse(["78701", "the kitchen faucet drips", "you can call me Bob"]));
    expect(bob.state.fields.bookingIntent).toBeUndefined();
  });

  it("keeps a callback asked before the ZIP or with the problem, and offers no visit after the name", () => {
    const results = converse([
      "Hi, this is Tom Becker, my kitchen sink is clogged, give me a call back when you get this",
      "Oh, it's a machine. OK. 78701.",
    ]);
    expect(last(results).state.fields.bookingIntent).toBe("callback");
    expect(said(results).join(" ")).not.toContain("book a plumber");
    expect(last(results).say).toContain("Tom Becker, a call back at the number ending in");
    // "You can call me Bob" is a name.
    const bob = last(converse(["you can call me Bob, my kitchen sink is clogged", "78701"]));
    expect(bob.state.volunteered.callback).toBeUndefined();
  });

  it("keeps a callback asked at the safety question, which still wants its yes or no", () => {
    const results = converse(["78701", "the washer hose is leaking", "can someone just call me back?", "no"]);
    expect(results[3]!.say).toContain(SAFETY_AGAIN.water);
    expect(last(results).state.escalation).toBeNull();
    expect(last(results).state.fields.bookingIntent).toBe("callback");
    const noThenCallback = last(converse(["78701", "the washer hose is leaking", "no, just call me back"]));
    expect(noThenCallback.state.escalation).toBeNull();
    expect(noThenCallback.state.fields.bookingIntent).toBe("callback");
  });
});

describe("the line and the ZIP", () => {
  it("closes with a callback after the caller twice doesn't know the ZIP, however it is said", () => {
    const results = converse([
      "I don't know the zip, I'm at my aunt's place",
      "no, sorry, I really don't know it",
    ]);
    expect(last(results).state.outcome).toBe("followup_needed");
    expect(tasks(results).map((t) => t.kind)).toEqual(["callback"]);
    expect(last(results).state.fields.notes).toContain("my aunt's place");
  });

  it("says who the caller reached for 'is this the plumber? I can barely hear you', never taking it as the problem", () => {
    const r = last(converse(["Hello? Is this the plumber? I can barely hear you"]));
    expect(r.say).toBe(
      "You've reached Demo Plumbing, and I'm the virtual assistant. So, what's the ZIP code where you need the work done?",
    );
    expect(r.state.volunteered.issue).toBeUndefined();
    expect(r.state.misses).toBe(0);
    const breakingUp = last(converse(["78701", "sorry, you're breaking up"]));
    expect(breakingUp.say).toBe("Of course. Now, what's going on with your plumbing?");
  });

  it("takes a ZIP said with an apology for the line, even on the second try", () => {
    for (const answers of [
      ["sorry, you cut out. seven eight seven oh two"],
      ["", "sorry, bad line here. seven eight seven oh two"],
      ["oh, uh, seven eight seven oh two"],
    ]) {
      const r = last(converse(answers));
      expect(r.state.fields.zip, answers.join(" / ")).toBe("78702");
      expect(r.state.stage).toBe("issue");
    }
  });

  it("answers 'do you work Saturdays?' from the business hours", () => {
    const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, openMinute: 8 * 60, closeMinute: 17 * 60 }));
    const r = last(
      converse([...["78701", "the toilet runs all night", "linda cole"], "Do you guys work Saturdays?"], {
        ...CTX,
        businessHours: hours,
      }),
    );
    expect(r.say).toMatch(/^We're closed on Saturdays\. The office is open Monday to Friday, 8 AM to 5 PM\./);
    expect(r.state.fields.notes).toBeUndefined();
  });
});

describe("a question asked at the booking, the address or the time", () => {
  it("is acknowledged and noted for the plumber, then the same question is asked again", () => {
    const before = ["78701", "the kitchen faucet drips", "nina ross", "a visit please", "12 oak street"];
    const results = converse([
      ...before,
      "roughly how long does a job like that take? will I lose my whole afternoon?",
    ]);
    const r = last(results);
    expect(r.state.fields.notes).toMatch(/Caller asked: roughly how long does a job like that take/i);
    expect(r.state.stage).toBe("slot");
    expect(r.state.fields.appointmentAt).toBeUndefined();
    expect(r.say).toContain("Tuesday");
    const booked = last(converse([...before, "what should I do to get ready for him?", "tuesday works"]));
    expect(booked.state.fields.notes).toMatch(/Caller asked: what should I do to get ready for him/i);
    expect(booked.state.fields.appointmentAt).toBeDefined();
  });
});

describe("the goodbye after a second fix at the read-back", () => {
  it("says thanks once", () => {
    const r = last(
      converse([
        "78701",
        "the tub drain is slow",
        "jane roe",
        "just call me back",
        "no, it is jane rowe, r o w e",
        "actually call my cell instead, 512 555 0199",
      ]),
    );
    expect(r.say).toBe(
      "Thanks, I've changed the number to call to the one ending in 0 1 9 9. Someone from Demo Plumbing will call you back shortly. Goodbye.",
    );
  });
});

describe("a caller whose number was withheld", () => {
  const WITHHELD: CallContext = { ...CTX, callerPhone: null };
  const WITHHELD_NO_ON_CALL: CallContext = { ...NO_ON_CALL, callerPhone: null };

  it("never promises a call back 'at this number': asks for one, then reads it back", () => {
    const results = converse(["78701", "the tub drain is slow", "jane roe", "just call me back"], WITHHELD);
    expect(said(results).join(" ")).not.toContain("at this number");
    expect(last(results).say).toContain("your number didn't come through on my end");
    expect(last(results).state.stage).toBe("phone");
    // The callback task stands before the number is asked for: a hang-up loses nothing.
    expect(tasks(results).map((t) => t.kind)).toEqual(["callback"]);
    const given = hear(last(results).state, "five one two, five five five, oh one nine nine", WITHHELD);
    expect(given.state.callbackNumber).toBe("5125550199");
    expect(given.state.fields.notes).toContain("Call back at 5125550199");
    expect(given.say).toContain("a call back at the number ending in 0 1 9 9");
  });

  it("takes the number last after an emergency nobody could take live, and promises that number", () => {
    const results = converse(
      ["78701", "water is pouring out under the sink and I can't stop it", "jane roe", "12 oak street"],
      WITHHELD_NO_ON_CALL,
    );
    expect(said(results).join(" ")).not.toContain("at this number");
    expect(last(results).state.stage).toBe("phone");
    const r = hear(last(results).state, "512-555-0199", WITHHELD_NO_ON_CALL);
    expect(r.say).toBe(
      "Thank you. Someone from Demo Plumbing will call you back within 5 minutes at that number. Goodbye.",
    );
  });

  it("asks once more for a number it did not catch, then asks the caller to call again", () => {
    const atNumber = last(converse(["78701", "the tub drain is slow", "jane roe", "call me back"], WITHHELD));
    const again = hear(atNumber.state, "uh, hang on", WITHHELD);
    expect(again.state.stage).toBe("phone");
    const none = hear(again.state, "I'm not sure", WITHHELD);
    expect(none.state.stage).toBe("ended");
    expect(none.say).toMatch(/please call Demo Plumbing back/);
    expect(none.say).not.toContain("at this number");
  });

  it("asks once, after the read-back, for the number the plumber can reach on a booked visit; the visit stands either way", () => {
    const booked = converse(
      ["78701", "the tub drain is slow", "jane roe", "yes", "200 congress avenue", "yes", "yes"],
      WITHHELD,
    );
    const asking = last(booked);
    expect(asking.state.outcome).toBe("booked");
    expect(asking.state.stage).toBe("phone");
    expect(asking.say).toContain("What's the best number for the plumber to reach you");
    const given = hear(asking.state, "it's 737 555 0142", WITHHELD);
    expect(given.state.callbackNumber).toBe("7375550142");
    expect(given.state.stage).toBe("ended");
    expect(given.state.outcome).toBe("booked");
    expect(given.say).toMatch(/^Thanks\. You're all set, Jane\./);
    const declined = hear(asking.state, "I'd rather not say", WITHHELD);
    expect(declined.state.outcome).toBe("booked");
    expect(declined.state.callbackNumber).toBeNull();
    expect(declined.say).toMatch(/^You're all set, Jane\./);
    // A caller ID that came through is never asked for.
    const withId = converse([
      "78701",
      "the tub drain is slow",
      "jane roe",
      "yes",
      "200 congress avenue",
      "yes",
      "yes",
    ]);
    expect(said(withId).join(" ")).not.toContain("number didn't come through");
  });
});

describe("the read-back fixes what the caller says", () => {
  const booked = ["78701", "the kitchen faucet drips", "bob grant", "a visit", "2204 avenue g", "yes"];

  it("fixes the first name and the house number said in one answer, and says what it changed", () => {
    const r = last(converse([...booked, "Actually it's Robert, and the number is 2240 not 2204"]));
    expect(r.state.fields.callerName).toBe("Robert Grant");
    expect(r.state.fields.address).toBe("2240 Avenue G");
    expect(r.say).toMatch(
      /^Thanks, I've changed the name to Robert Grant and the house number to 2240\. Let me read that back: Robert Grant, 2240 Avenue G/,
    );
  });

  it("calls back the number the caller gives instead, and reads back its last digits", () => {
    const results = converse([
      "78701",
      // The callback asked for with the problem is kept: no booking offer after the name.
      "I'd like a call back about a quote for a new water heater",
      "tina morales",
      "No, call my cell instead, 512 555 0199",
    ]);
    const r = last(results);
    expect(r.state.callbackNumber).toBe("5125550199");
    expect(r.say).toContain("a call back at the number ending in 0 1 9 9");
    expect(r.state.fields.notes).toContain("Call back at 5125550199");
  });
});

describe("sentences", () => {
  it("says sympathy once, not again before the name", () => {
    const results = converse([
      "78701",
      "the water heater is leaking on the garage floor",
      "no, nothing like that",
    ]);
    expect(results[2]!.say).toMatch(/^I'm sorry you're dealing with that\./);
    expect(last(results).say).toBe("Got it, thanks. And who am I speaking with?");
  });

  it("says no 'Got it' right after its own answer", () => {
    const r = last(converse(["78701", "the tub drains slow. How soon can somebody come?"]));
    expect(r.say).not.toContain("Got it");
  });

  it("refers back to the safety advice after a failed transfer instead of repeating it word for word", () => {
    const results = converse(["78701", "water is pouring out under the sink and I can't stop it"]);
    const failed = transition(last(results).state, { type: "transfer_failed" }, CTX);
    expect(last(results).say).toContain("turn off the water valve");
    expect(failed.say).not.toContain("turn off the water valve");
    expect(failed.say).toContain("Please keep following the safety advice I gave you.");
  });
});
