// Ask, don't guess: the one safety question, the read-back, names and addresses that never cost a
// booking, questions that are always heard, and callers who are not customers. Each test plays
// the caller's words through the rules model and the pure state machine.
import { describe, expect, it } from "vitest";
import { conversation, last, MONDAY_MORNING } from "@/server/test/call-conversation";
import { isReadBack, isSafetyQuestion, SAFETY_AGAIN, SAFETY_QUESTIONS } from "@/server/voice/scripts";
import {
  closeOnHangup,
  type CallAction,
  type CallContext,
  type TransitionResult,
} from "@/server/voice/state-machine";

// Monday 2 March 2026, 9:00 AM in Austin.
const CTX: CallContext = {
  ...MONDAY_MORNING,
  bookingSlots: [
    { weekday: 2, startMinute: 9 * 60, endMinute: 11 * 60 },
    { weekday: 4, startMinute: 13 * 60, endMinute: 15 * 60 },
  ],
  now: "2026-03-02T15:00:00Z",
  answers: { priceAnswer: "The plumber quotes the job on site before any work starts.", licenseAnswer: null },
};

const { hear, converse } = conversation(CTX);
const ofType = <K extends CallAction["type"]>(r: TransitionResult, type: K) =>
  r.actions.filter((a): a is Extract<CallAction, { type: K }> => a.type === type);
const next = (r: TransitionResult) => last(r.actions);
const asked = (results: TransitionResult[]) => results.filter((r) => r.say && isSafetyQuestion(r.say)).length;

describe("the safety question", () => {
  it("asks one yes/no question about right now when water is involved and no emergency was heard", () => {
    const r = last(converse(["78701", "my sump pump quit and there's water in the basement"]));
    expect(r.state.stage).toBe("safety");
    expect(r.say).toContain(SAFETY_QUESTIONS.water);
  });

  it("takes the emergency path at once on a yes, with the kind matched to what was said", () => {
    const r = last(
      converse([
        "78701",
        "every time somebody flushes, water comes out of the tub drain",
        "yes, it's coming up right now",
      ]),
    );
    expect(r.state.escalation).toMatchObject({ reason: "emergency", emergencyKind: "sewage_backup" });
    expect(r.state.fields.urgency).toBe("emergency");
    expect(next(r)).toMatchObject({ type: "transfer" });
  });

  it("counts an unclear answer as yes: the safe side", () => {
    const r = last(
      converse([
        "78701",
        "there's water under the kitchen sink",
        "hmm, I'm not really sure, it's kind of hard to tell",
      ]),
    );
    expect(r.state.safety).toEqual({ topic: "water", answer: "unclear" });
    expect(r.state.escalation?.reason).toBe("emergency");
  });

  it("goes on with the intake after a no, keeping the urgency the problem had", () => {
    const r = last(converse(["78701", "the pipe under the sink is leaking", "no, nothing like that"]));
    expect(r.state.escalation).toBeNull();
    expect(r.state.stage).toBe("name");
    expect(r.state.fields.urgency).toBe("high");
  });

  it("lowers a leak to normal when the no says the caller has contained it", () => {
    const r = last(
      converse(["78701", "the pipe under the sink is leaking", "no, it's just dripping into the bucket"]),
    );
    expect(r.state.escalation).toBeNull();
    expect(r.state.fields.urgency).toBe("normal");
  });

  it("asks about a gas smell or a carbon monoxide alarm when the caller describes a smell or an alarm", () => {
    const atSafety = last(converse(["78702", "there's a weird smell by the water heater"]));
    expect(atSafety.say).toContain(SAFETY_QUESTIONS.gas);
    const gas = hear(atSafety.state, "yeah, kind of like rotten eggs");
    expect(gas.state.escalation?.emergencyKind).toBe("gas_smell");
    const alarm = last(
      converse(["78702", "something by the furnace keeps beeping", "yes, the alarm thing is going off"]),
    );
    expect(alarm.state.escalation?.emergencyKind).toBe("carbon_monoxide");
  });

  it("asks whether anyone can't do without water when the home has none", () => {
    const r = last(converse(["78701", "we don't have any hot water since this morning"]));
    expect(r.say).toContain(SAFETY_QUESTIONS.no_service);
    const yes = hear(r.state, "yes, my mother lives with us, she's on oxygen");
    expect(yes.state.escalation?.emergencyKind).toBe("no_water_vulnerable");
  });

  it("never asks when the rules already know: an emergency said plainly, or a plainly routine job", () => {
    for (const problem of [
      "I'd like a quote for a new water heater",
      "my bathroom faucet drips a little",
      "the kitchen drain has been slow for two weeks",
      "my toilet keeps running",
      "the water pressure in the shower is weak",
      "the outdoor spigot leaks, no rush",
    ]) {
      expect(asked(converse(["78701", problem])), problem).toBe(0);
    }
    const emergency = converse(["78701", "a pipe burst and water is pouring through the ceiling"]);
    expect(asked(emergency)).toBe(0);
    expect(last(emergency).state.escalation?.reason).toBe("emergency");
  });

  it("keeps a name given instead of an answer and asks the safety question once more", () => {
    const results = converse(["78701", "the pipe under my kitchen sink is leaking", "My name is Jane Doe"]);
    const r = last(results);
    expect(r.state.fields.callerName).toBe("Jane Doe");
    expect(r.state.stage).toBe("safety");
    expect(r.say).toBe(`Thanks, Jane. ${SAFETY_AGAIN.water}`);
    const no = hear(r.state, "no, it's just under the sink");
    expect(no.state.escalation).toBeNull();
    // The name is not asked again.
    expect(no.state.stage).toBe("booking_offer");
  });

  it("keeps a bare name given at the safety question ('It's Bob. Bob Ferreira.', 'Kim Lee') without taking it as an unclear answer", () => {
    for (const [said, stored] of [
      ["It's Bob. Bob Ferreira.", "Bob Ferreira"],
      ["Kim Lee", "Kim Lee"],
    ] as const) {
      const r = last(converse(["78701", "my garbage disposal's leaking", said]));
      expect(r.state.escalation, said).toBeNull();
      expect(r.state.fields.callerName).toBe(stored);
      expect(r.state.stage).toBe("safety");
    }
  });

  it("asks when a hose or tank lets go, and not for a service visit with nothing wrong", () => {
    expect(asked(converse(["78701", "the washing machine hose let go"]))).toBe(1);
    expect(asked(converse(["78701", "need someone to look at my water softener"]))).toBe(0);
  });

  it("asks at most once a call", () => {
    const results = converse(["78701", "water under the sink", "no", "Ana Ruiz", "book it", "12 Oak Street"]);
    expect(asked(results)).toBe(1);
  });

  it("treats a hang-up at the safety question as a yes: an urgent callback", () => {
    const r = last(converse(["78701", "my sump pump quit and there's water in the basement"]));
    expect(closeOnHangup(r.state)).toMatchObject({
      status: "followup_needed",
      task: { kind: "urgent_callback", dueInMinutes: 5 },
    });
  });

  it("is not asked when turned off (tests and evaluation only)", () => {
    expect(
      asked(
        converse(["78701", "my sump pump quit and there's water in the basement"], {
          ...CTX,
          askSafetyQuestion: false,
        }),
      ),
    ).toBe(0);
  });
});

const TO_READ_BACK = [
  "78701",
  "my toilet keeps running",
  "this is Lena Smith",
  "book a visit",
  "312 Birch Lane",
  "yes that works",
];

describe("the read-back", () => {
  it("reads back name, street address, day and window in one sentence once the caller accepts the time, and books at once", () => {
    const results = converse(TO_READ_BACK);
    const r = last(results);
    expect(r.say).toBe(
      "Great, you're booked. Let me read that back: Lena Smith, 312 Birch Lane, tomorrow, Tuesday, between 9 and 11 AM. Did I get that right?",
    );
    expect(isReadBack(r.say!)).toBe(true);
    expect(ofType(r, "end")).toEqual([{ type: "end", outcome: "booked", reason: "booked" }]);
    // A hang-up during the read-back keeps the booking.
    expect(closeOnHangup(r.state)).toEqual({ status: "booked", task: null });
  });

  it("keeps the visit but asks the office to confirm it when the caller said no to the read-back and hung up", () => {
    const r = hear(last(converse(TO_READ_BACK)).state, "no");
    expect(closeOnHangup(r.state)).toMatchObject({
      status: "booked",
      task: { kind: "callback", title: expect.stringMatching(/^Call to confirm the booked visit/) },
    });
  });

  it("ends on a yes, with no second booking", () => {
    const r = hear(last(converse(TO_READ_BACK)).state, "yep, that's all correct");
    expect(r.state.stage).toBe("ended");
    expect(r.actions).toEqual([{ type: "hangup" }]);
    expect(r.say).toContain("You're all set, Lena.");
  });

  it("takes a spelled name at the read-back and reads it back once more", () => {
    const r = hear(last(converse(TO_READ_BACK)).state, "it's Smythe, S M Y T H E");
    expect(r.state.fields.callerName).toBe("Lena Smythe");
    expect(r.say).toMatch(
      /^Thanks, I've changed the name to Lena Smythe\. Let me read that back: Lena Smythe, 312 Birch Lane/,
    );
    const done = hear(r.state, "yes");
    expect(done.state.stage).toBe("ended");
  });

  it("takes a corrected house number said in words", () => {
    const r = hear(last(converse(TO_READ_BACK)).state, "no, the house number is three twenty one");
    expect(r.state.fields.address).toBe("321 Birch Lane");
  });

  it("moves the visit to another offered time", () => {
    const r = hear(last(converse(TO_READ_BACK)).state, "oh wait, can we do Thursday instead");
    expect(r.state.fields.appointmentAt).toBe("2026-03-05T19:00:00.000Z");
    expect(r.say).toContain("Thursday, March 5, between 1 and 3 PM");
  });

  it("asks what to change after a bare no, and reads back at most twice in all", () => {
    const first = hear(last(converse(TO_READ_BACK)).state, "no");
    expect(first.say).toBe("Sorry about that. What should I change?");
    const fixed = hear(first.state, "the name is Lena Smythe");
    expect(fixed.state.readBacks).toBe(2);
    const again = hear(fixed.state, "and it's 321 not 312");
    expect(again.state.stage).toBe("ended");
    expect(again.state.fields.address).toBe("321 Birch Lane");
  });

  it("reads back the name and the number to call on a callback that carries a name", () => {
    const r = last(
      converse(["78701", "my toilet keeps running", "Lena Smith", "just have someone call me back"]),
    );
    expect(r.say).toBe(
      "No problem. Let me read that back: Lena Smith, a call back at the number ending in 0 1 2 3. Did I get that right?",
    );
    expect(ofType(r, "create_task")).toEqual([expect.objectContaining({ kind: "callback" })]);
    const other = hear(r.state, "actually call me at 512 555 0199 instead");
    expect(other.state.fields.notes).toContain("Call back at 5125550199");
  });
});

describe("nothing the lead can live without ends a call", () => {
  it("skips a name still unclear after one re-ask, notes it, and goes on to booking", () => {
    const results = converse(["78701", "my toilet keeps running", "hmm", "uh the thing"]);
    const r = last(results);
    expect(r.say).toMatch(/^No problem, we have your number\./);
    expect(r.state.stage).toBe("booking_offer");
    expect(r.state.fields.notes).toContain("Name not given on the call");
  });

  it("books with the address left for the office to confirm after two unclear tries", () => {
    const results = converse([
      "78701",
      "my toilet keeps running",
      "Lena Smith",
      "book it",
      "uh the blue one",
      "it's by the park",
    ]);
    const atSlots = last(results);
    expect(atSlots.state.stage).toBe("slot");
    expect(atSlots.say).toMatch(/^No problem, the office will call you to confirm the address\./);
    const booked = hear(atSlots.state, "yes");
    expect(booked.state.outcome).toBe("booked");
    expect(ofType(booked, "create_task")).toEqual([
      expect.objectContaining({
        kind: "callback",
        title: "Call to confirm the address for the booked visit",
      }),
    ]);
    expect(booked.say).toContain("the address to be confirmed by phone");
  });

  it("understands names with titles and after filler", () => {
    expect(
      last(converse(["78701", "my toilet keeps running", "This is Dr. Patel. Anjali Patel."])).state.fields
        .callerName,
    ).toBe("Anjali Patel");
    expect(
      last(converse(["78701", "my toilet keeps running", "Fine. Amy Sorensen."])).state.fields.callerName,
    ).toBe("Amy Sorensen");
  });

  it("takes a spelled last name at any later step", () => {
    const atAddress = last(converse(["78701", "my toilet keeps running", "Mary Gray", "book it"]));
    const r = hear(atAddress.state, "oh and my last name is spelled G R E Y, with an e");
    expect(r.state.fields.callerName).toBe("Mary Grey");
    expect(r.state.stage).toBe("address");
  });

  it("reads house numbers said in words", () => {
    const atAddress = last(converse(["78701", "my toilet keeps running", "Mary Gray", "book it"]));
    expect(hear(atAddress.state, "Three twelve Birch Lane").state.fields.address).toBe("312 Birch Lane");
    expect(hear(atAddress.state, "twenty-two forty West thirty-second Street").state.fields.address).toBe(
      "2240 West 32nd Street",
    );
    expect(hear(atAddress.state, "2204, sorry, 2240 Elm Street").state.fields.address).toBe(
      "2240 Elm Street",
    );
  });

  it("takes the ZIP where the work is when the caller gives two", () => {
    const r = last(
      converse(["Well I live in 10001 but the house that needs the work is my rental in 78701"]),
    );
    expect(r.state.fields.zip).toBe("78701");
    expect(r.state.fields.inArea).toBe(true);
  });
});

describe("every question heard", () => {
  it("notes a question the settings do not answer, says so, and asks the same question again", () => {
    const r = last(
      converse([
        "78701",
        "my toilet keeps running",
        "Before I give you my info, are you guys licensed and insured?",
      ]),
    );
    expect(r.say).toBe(
      "Good question. I'll note it so the plumber can answer that when they call. And who am I speaking with?",
    );
    expect(r.state.fields.notes).toBe("Caller asked: are you guys licensed and insured?");
    expect(r.state.stage).toBe("name");
    expect(r.state.misses).toBe(0);
  });

  it("answers from the settings when the owner wrote an answer", () => {
    const ctx = {
      ...CTX,
      answers: { ...CTX.answers, licenseAnswer: "Yes, we're licensed and fully insured in Texas." },
    };
    const r = last(converse(["78701", "my toilet keeps running", "are you licensed?"], ctx));
    expect(r.say).toMatch(/^Yes, we're licensed and fully insured in Texas\./);
    expect(r.state.fields.notes).toBeUndefined();
  });

  it("answers every question asked in one breath, in the order asked, and notes the one the settings cannot answer", () => {
    const ctx = {
      ...CTX,
      answers: { ...CTX.answers, licenseAnswer: "Yes, we're licensed and fully insured in Texas." },
    };
    const r = last(
      converse(["78701", "my toilet keeps running", "How much do you charge, and are you licensed?"], ctx),
    );
    const say = r.say ?? "";
    const price = say.indexOf("The plumber quotes the job on site");
    const license = say.indexOf("Yes, we're licensed and fully insured in Texas.");
    expect(price).toBeGreaterThanOrEqual(0);
    expect(license).toBeGreaterThan(price);
    // Both answered from the settings: nothing to note, and the call goes on where it was.
    expect(r.state.fields.notes).toBeUndefined();
    expect(say).toMatch(/who am I speaking with\?$/);
    expect(r.state.stage).toBe("name");

    const asked = last(
      converse(["78701", "my toilet keeps running", "Are you licensed? And how much do you charge?"], CTX),
    );
    const said = asked.say ?? "";
    // The licence is asked first: noted (no answer in the settings) before the price is answered.
    expect(said.indexOf("I'll note it")).toBeGreaterThanOrEqual(0);
    expect(said.indexOf("I'll note it")).toBeLessThan(said.indexOf("The plumber quotes the job on site"));
    expect(asked.state.fields.notes).toMatch(/^Caller asked: .*licensed/);
    expect(asked.state.fields.notes).not.toMatch(/charge/);
  });

  it("keeps the name said together with a question, and answers the question", () => {
    const r = last(
      converse(
        ["78701", "my toilet keeps running", "It's Pete Lindqvist. Is this going to cost a fortune?"],
        CTX,
      ),
    );
    expect(r.state.fields.callerName).toBe("Pete Lindqvist");
    expect(r.say).toContain("The plumber quotes the job on site");
    expect(r.state.stage).not.toBe("name");
  });

  it("answers a line check with 'Yes, I'm here' and the same question, never as a failed answer", () => {
    const r = last(
      converse(["78701", "my toilet keeps running", "", "Hello? Are you still there?"].filter(Boolean)),
    );
    expect(r.say).toBe("Yes, I'm here. And who am I speaking with?");
    expect(r.state.misses).toBe(0);
  });
});

describe("not a customer", () => {
  it("closes a sales call politely with a reason the office sees, and no callback task", () => {
    const r = last(converse(["Hi, I'm calling about your Google business profile, is the owner available?"]));
    expect(r.state).toMatchObject({ stage: "ended", outcome: "closed", endReason: "not_a_customer" });
    expect(r.state.fields.notes).toBe("Not a customer: sales call");
    expect(ofType(r, "create_task")).toEqual([]);
    expect(next(r)).toEqual({ type: "hangup" });
  });

  it("closes a recorded message and a wrong number the same way", () => {
    expect(
      last(
        converse([
          "This is a recorded message about your business listing. Press 1 now to speak with a specialist.",
        ]),
      ).state.fields.notes,
    ).toBe("Not a customer: recorded message");
    expect(last(converse(["78701", "oh, sorry, wrong number"])).state.fields.notes).toBe(
      "Not a customer: wrong number",
    );
  });

  it("keeps a caller with a plumbing problem a customer", () => {
    const r = last(converse(["78701", "sorry, I dialed the wrong... no wait, my kitchen sink is leaking"]));
    expect(r.state.outcome).toBeNull();
  });
});

describe("the callback promise tells the truth about when", () => {
  const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, openMinute: 8 * 60, closeMinute: 17 * 60 }));

  it("says 'shortly' while the office is open", () => {
    const r = last(
      converse(["78701", "my toilet keeps running", "ann lee", "just call me back", "yes, that's right"], {
        ...CTX,
        businessHours: hours,
      }),
    );
    expect(r.say).toMatch(/will call you back shortly\. Goodbye\./);
  });

  it("says when the office opens after hours, on a weekend and before opening", () => {
    const cases: [string, RegExp][] = [
      // Monday 9 PM in Austin.
      ["2026-03-03T03:00:00Z", /will call you back when the office opens tomorrow at 8 AM\. Goodbye\./],
      // Saturday noon.
      ["2026-03-07T18:00:00Z", /when the office opens on Monday at 8 AM\./],
      // Tuesday 6 AM.
      ["2026-03-03T12:00:00Z", /when the office opens at 8 AM\./],
    ];
    for (const [now, said] of cases) {
      const r = last(
        converse(["78701", "my toilet keeps running", "ann lee", "just call me back", "yes, that's right"], {
          ...CTX,
          now,
          businessHours: hours,
        }),
      );
      expect(r.say, now).toMatch(said);
      expect(r.say, now).not.toMatch(/shortly/);
    }
  });
});

describe("a street spelled at the read-back", () => {
  it("fixes the address and leaves the name alone", () => {
    const r = last(
      converse([
        "78701",
        "the kitchen faucet drips",
        "colin mahoney",
        "a visit",
        "1807 alto vista avenue",
        "tuesday",
        "Alta, A-L-T-A, not Alto. 1807 Alta Vista Avenue.",
      ]),
    );
    expect(r.state.fields.callerName).toBe("Colin Mahoney");
    expect(r.state.fields.address).toMatch(/1807 Alta Vista Avenue/i);
  });
});

describe("every time read out when the caller asks what there is", () => {
  it("reads all the open times at the time question, then books the one picked", () => {
    const turns = ["78701", "the kitchen faucet drips", "ann lee", "a visit", "12 oak street"];
    for (const ask of ["what days do you have", "can you read me all the times", "which days are open"]) {
      const r = last(converse([...turns, ask]));
      expect(r.say, ask).toMatch(
        /^I have tomorrow, Tuesday, between 9 and 11 AM, Thursday, March 5, between 1 and 3 PM, or Tuesday, March 10, between 9 and 11 AM\. Which works best\?$/,
      );
      expect(r.state.stage, ask).toBe("slot");
    }
    // "What else you got?" turns the first time down: the others are offered.
    expect(last(converse([...turns, "what else you got"])).say).toMatch(
      /^Okay\. I also have Thursday, March 5, between 1 and 3 PM or Tuesday, March 10/,
    );
    const booked = last(converse([...turns, "what days do you have", "the thursday one"]));
    expect(booked.state.fields.appointmentAt).toBeDefined();
    expect(booked.say).toMatch(/Thursday/);
  });
});

describe("the problem changed at a later question", () => {
  it("replaces the problem and its urgency, says so, and still takes the name", () => {
    const r = last(
      converse([
        "78701",
        "the kitchen sink is clogged, nothing goes down",
        "Rosa Diaz. Oh wait, sorry, the sink's fine now, it's the dishwasher that's full of water, that's the problem.",
      ]),
    );
    expect(r.state.fields.issueSummary).toMatch(/dishwasher/);
    expect(r.state.fields.urgency).toBe("normal");
    expect(r.state.fields.callerName).toBe("Rosa Diaz");
    expect(r.say).toMatch(/^Got it, I've changed the problem to what you just told me\./);
  });
});

describe("a family's name", () => {
  it("is stored as said and never used as a first name", () => {
    const r = last(converse(["78701", "the tub drains slow", "just put down the Hendersons"]));
    expect(r.state.fields.callerName).toBe("The Hendersons");
    expect(r.say).toMatch(/^Thanks\. Would you like/);
  });
});

describe("winter and holiday calls (dec14)", () => {
  const booked = [
    "78701",
    "the kitchen faucet drips",
    "ann lee",
    "a visit",
    "2910 sam gabriel street",
    "tuesday",
  ];

  it("fixes a street word said again at the read-back, and leaves the name alone", () => {
    const r = last(converse([...booked, "it's san gabriel, san like san marcos"]));
    expect(r.state.fields.address).toBe("2910 San Gabriel Street");
    expect(r.state.fields.callerName).toBe("Ann Lee");
  });

  it("notes an instruction for the plumber said with the time, and still books", () => {
    const r = last(
      converse([
        "78701",
        "the tub drains slow",
        "hal ames",
        "a visit",
        "12 oak street",
        "tuesday is fine, just call my tenant before you go",
      ]),
    );
    expect(r.state.fields.appointmentAt).toBeDefined();
    expect(r.state.fields.notes).toMatch(/For the plumber: call my tenant before you go/);
  });

  it("answers a holiday question from the weekly hours and notes it for the office", () => {
    const r = last(
      converse(["78701", "the tub drains slow", "are y'all open on christmas eve?"], {
        ...CTX,
        businessHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, openMinute: 480, closeMinute: 1020 })),
      }),
    );
    expect(r.say).toMatch(/^I don't have the holiday hours in front of me\. The office is normally open/);
    expect(r.state.fields.notes).toMatch(/Caller asked: are y'all open on christmas eve/);
  });

  it("takes 'could you send someone Tuesday?' at the booking offer as the visit", () => {
    const r = last(converse(["78701", "the tub drains slow", "hal ames", "could you send someone tuesday?"]));
    expect(r.state.fields.bookingIntent).toBe("visit");
    expect(r.state.fields.notes ?? "").not.toMatch(/Caller asked/);
  });

  it("reads no time out of the address said again at the time question", () => {
    const r = last(
      converse([
        "78701",
        "the tub drains slow",
        "hal ames. it's 2106 harris boulevard",
        "a visit",
        "2106 harris boulevard",
      ]),
    );
    expect(r.say).not.toMatch(/don't have an opening/);
  });
});

describe("a time that suits, said before any time is offered", () => {
  it("offers the first opening that fits it first, said as such, and books it on a yes", () => {
    const turns = [
      "78701",
      "the tub drains slow, and afternoons are better for me",
      "ann lee",
      "a visit",
      "12 oak street",
    ];
    const r = last(converse(turns));
    expect(r.say).toBe(
      "Thanks, I have 12 Oak Street. The first opening that fits what you said is Thursday, March 5, between 1 and 3 PM. Does that work for you?",
    );
    const booked = last(converse([...turns, "yes"]));
    expect(booked.state.fields.appointmentAt).toBe(r.state.slotsOffered[1]!.startsAt);
  });

  it("skips a day the caller turned down before the offer", () => {
    const turns = [
      "78701",
      "the tub drains slow",
      "ann lee",
      "send someone, any day but tuesday",
      "12 oak street",
    ];
    expect(last(converse(turns)).say).toMatch(
      /The first opening that fits what you said is Thursday, March 5/,
    );
  });

  it("offers the next opening as usual when nothing was said, or when it already fits", () => {
    const plain = ["78701", "the tub drains slow", "ann lee", "a visit", "12 oak street"];
    expect(last(converse(plain)).say).toMatch(/The next opening is tomorrow, Tuesday/);
    const mornings = [
      "78701",
      "the tub drains slow, mornings work best",
      "ann lee",
      "a visit",
      "12 oak street",
    ];
    expect(last(converse(mornings)).say).toMatch(/The next opening is tomorrow, Tuesday/);
  });
});

describe("answers given at the wrong question", () => {
  it("re-checks the area when the ZIP is corrected at the next answer", () => {
    const fixed = last(converse(["78701", "oh wait, that's my office. the house is 78702. the tub drips"]));
    expect(fixed.state.fields).toMatchObject({ zip: "78702", inArea: true });
    expect(fixed.state.fields.issueSummary).toMatch(/tub drips/);
    const outside = last(converse(["78701", "sorry, that's my work, the house is in 90210. the tub drips"]));
    expect(outside.state.fields).toMatchObject({ zip: "90210", inArea: false });
    expect(outside.state.outcome).toBe("not_booked");
  });

  it("takes a different ZIP said alone at the problem question as the ZIP, said again right", () => {
    const outside = last(converse(["I'm at my office, 78701, but the house is in Leander", "78641, yes"]));
    expect(outside.state.fields).toMatchObject({ zip: "78641", inArea: false });
    expect(outside.state.outcome).toBe("not_booked");
    const inside = last(converse(["78701", "uh sorry, 78702"]));
    expect(inside.state.fields).toMatchObject({ zip: "78702", inArea: true });
    // A problem said with a number in it is the problem, not a ZIP.
    const problem = last(converse(["78701", "the tub drips, it's been like that since 2019"]));
    expect(problem.state.fields.zip).toBe("78701");
  });

  it("keeps a visit asked for at the name question and asks the name once more, then skips the booking offer", () => {
    const asked = last(converse(["78701", "the tub drains slow", "yeah just send somebody out"]));
    expect(asked.say).toMatch(/^Sure, we can send someone out\. .*who am I speaking with\?$/);
    const named = last(converse(["78701", "the tub drains slow", "yeah just send somebody out", "ann lee"]));
    expect(named.state.fields).toMatchObject({ callerName: "Ann Lee", bookingIntent: "visit" });
    expect(named.state.stage).toBe("address");
  });
});
