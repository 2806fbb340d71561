import { describe, expect, it } from "vitest";
import { conversation, last, MONDAY_MORNING } from "@/server/test/call-conversation";
import { extraction, type PromptProfileName } from "@/server/intake/extraction";
import { upcomingSlots } from "@/server/voice/booking-slots";
import { slotWindow } from "@/server/voice/scripts";
import {
  canAskForAddress,
  closeOnHangup,
  newCallState,
  parseCallState,
  transcriptExcerpt,
  transition,
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
  callerPhone: undefined,
  // The safety question has its own tests (state-machine-ask.test.ts); these follow the other steps.
  askSafetyQuestion: false,
};
const NO_ON_CALL: CallContext = { ...CTX, onCallPhone: null };

function start(profile: PromptProfileName = "standard", ctx = CTX): TransitionResult {
  return transition(newCallState(profile), { type: "start" }, ctx);
}

const { hear, converse } = conversation(CTX);
const ofType = <K extends CallAction["type"]>(r: TransitionResult, type: K) =>
  r.actions.filter((a): a is Extract<CallAction, { type: K }> => a.type === type);
const next = (r: TransitionResult) => last(r.actions);

const BOOKING_CALL = [
  "my zip is seven eight seven oh one",
  "the kitchen sink is leaking under the cabinet",
  "this is Maria Lopez",
  "yes please, send someone out",
  "it's 123 Main Street",
  "the first one",
  "yes, that's right",
];

describe("the AI call", () => {
  it("asks for the ZIP code before anything else", () => {
    const r = start();
    expect(r.say).toMatch(/ZIP code/);
    expect(r.say).toContain("Demo Plumbing");
    expect(next(r)).toEqual({ type: "listen", stage: "zip" });
    expect(r.state.stage).toBe("zip");
  });

  it("does not start the intake before the ZIP, even when the caller describes the problem", () => {
    const r = hear(start().state, "my kitchen sink is clogged");
    expect(r.state.fields).toEqual({});
    expect(next(r)).toEqual({ type: "listen", stage: "zip" });
    expect(r.say).toMatch(/ZIP code/);
  });

  it("checks a spoken ZIP against the service area, then asks about the issue", () => {
    const r = hear(start().state, "it's seven eight seven oh one");
    expect(r.state.fields).toEqual({ zip: "78701", inArea: true });
    expect(next(r)).toEqual({ type: "listen", stage: "issue" });
    expect(r.say).toMatch(/plumbing/);
  });

  it("declines an out-of-area caller politely and logs not_booked", () => {
    const r = hear(start().state, "90210");
    expect(r.state.fields).toEqual({ zip: "90210", inArea: false });
    expect(r.state.outcome).toBe("not_booked");
    expect(r.say).toMatch(/sorry/i);
    expect(r.say).toContain("9 0 2 1 0");
    expect(r.actions).toEqual([
      {
        type: "set_fields",
        fields: { zip: "90210", inArea: false },
        evidence: { zip: "90210", inArea: "90210" },
      },
      { type: "end", outcome: "not_booked", reason: "out_of_area" },
      { type: "hangup" },
    ]);
  });

  it("books a visit: ZIP, issue, name, visit, address, slot → booked with appointmentAt", () => {
    const results = converse(BOOKING_CALL);
    const final = last(results);
    const firstSlot = upcomingSlots(CTX.bookingSlots, { timeZone: CTX.timeZone, now: CTX.now })[0]!;
    expect(results.map((r) => r.state.stage)).toEqual([
      "zip",
      "issue",
      "name",
      "booking_offer",
      "address",
      "slot",
      "confirm",
      "ended",
    ]);
    expect(final.state.outcome).toBe("booked");
    expect(final.state.fields).toEqual({
      zip: "78701",
      inArea: true,
      issueSummary: "The kitchen sink is leaking under the cabinet",
      urgency: "high",
      callerName: "Maria Lopez",
      bookingIntent: "visit",
      address: "123 Main Street",
      appointmentAt: firstSlot.startsAt,
    });
    expect(final.state.fields.appointmentAt).toBe("2026-03-03T15:00:00.000Z");
    expect(final.say).toContain("see you tomorrow, Tuesday, between 9 and 11 AM");
    // Booked when the caller accepts the time, then read back; the goodbye adds nothing.
    const accepted = results[results.length - 2]!;
    expect(accepted.actions.slice(-2)).toEqual([
      { type: "end", outcome: "booked", reason: "booked" },
      { type: "listen", stage: "confirm" },
    ]);
    expect(accepted.say).toBe(
      "Great, you're booked. Let me read that back: Maria Lopez, 123 Main Street, tomorrow, Tuesday, between 9 and 11 AM. Did I get that right?",
    );
    expect(final.actions).toEqual([{ type: "hangup" }]);
    expect(results.flatMap((r) => ofType(r, "create_task"))).toEqual([]);
  });

  it("keeps the caller's exact words as evidence for every field", () => {
    const final = last(converse(BOOKING_CALL));
    expect(final.state.evidence).toEqual({
      zip: "my zip is seven eight seven oh one",
      inArea: "my zip is seven eight seven oh one",
      issueSummary: "the kitchen sink is leaking under the cabinet",
      urgency: "the kitchen sink is leaking under the cabinet",
      callerName: "this is Maria Lopez",
      bookingIntent: "yes please, send someone out",
      address: "it's 123 Main Street",
      appointmentAt: "the first one",
    });
  });

  it("stores no field without the caller's words as evidence", () => {
    const atZip = start().state;
    // A model that "hears" a ZIP the caller never said.
    const invented = hear(atZip, "I'm not sure what it is", CTX, { zip: "78701" });
    expect(invented.state.fields).toEqual({});
    expect(invented.state.evidence).toEqual({});
    expect(ofType(invented, "set_fields")).toEqual([]);
    // Nothing heard, whatever the extraction claims.
    const empty = transition(
      atZip,
      { type: "heard", text: "   ", extraction: extraction({ zip: "78701" }) },
      CTX,
    );
    expect(empty.state.fields).toEqual({});
    // A name, an address and an issue the caller did not say are dropped too.
    const atIssue = hear(atZip, "78701").state;
    const made = hear(atIssue, "the toilet runs all night", CTX, {
      issueSummary: "Gas leak in basement",
      urgency: "low",
      callerName: "John Doe",
    });
    expect(made.state.fields.issueSummary).toBeUndefined();
    expect(made.state.fields.callerName).toBeUndefined();
  });

  it("never stores a field without evidence, over a whole call", () => {
    for (const r of converse(BOOKING_CALL)) {
      const callerWords = r.state.transcript.filter((t) => t.speaker === "caller").map((t) => t.text);
      for (const key of Object.keys(r.state.fields)) {
        const words = r.state.evidence[key as keyof typeof r.state.evidence];
        expect(words, key).toBeTruthy();
        expect(callerWords).toContain(words);
      }
    }
  });

  it("never asks for the address before booking intent", () => {
    const results = converse(BOOKING_CALL.slice(0, 4));
    const beforeIntent = results.slice(0, 4);
    for (const r of beforeIntent) {
      expect(r.say ?? "").not.toMatch(/address/i);
      expect(canAskForAddress(r.state)).toBe(false);
    }
    // A model that offers an address before the booking question is ignored.
    const atOffer = results[3]!.state;
    const early = hear(atOffer, "123 Main Street", CTX, { address: "123 Main Street" });
    expect(early.state.fields.address).toBeUndefined();
    expect(last(results).say).toMatch(/address/i);
    expect(canAskForAddress(last(results).state)).toBe(true);
  });

  it("does not ask for the address when the caller wants a callback, and leaves a callback task", () => {
    const final = last(converse([...BOOKING_CALL.slice(0, 3), "just have someone call me back"]));
    expect(final.state.fields.address).toBeUndefined();
    expect(final.say).not.toMatch(/address/i);
    expect(final.state.outcome).toBe("followup_needed");
    expect(ofType(final, "create_task")).toEqual([
      expect.objectContaining({ kind: "callback", dueInMinutes: 15 }),
    ]);
    expect(ofType(final, "create_task")[0]?.notes).toContain(
      "Issue: The kitchen sink is leaking under the cabinet",
    );
  });

  it("logs not_booked when the caller wants neither a visit nor a callback", () => {
    const final = last(converse([...BOOKING_CALL.slice(0, 3), "no thanks"]));
    expect(final.state.outcome).toBe("not_booked");
    expect(final.state.fields.bookingIntent).toBe("no");
    expect(ofType(final, "create_task")).toEqual([]);
  });

  it("offers only the tenant's booking slots", () => {
    const atSlot = last(converse(BOOKING_CALL.slice(0, 5)));
    const expected = upcomingSlots(CTX.bookingSlots, { timeZone: CTX.timeZone, now: CTX.now });
    expect(atSlot.state.slotsOffered).toEqual(expected);
    expect(atSlot.state.slotsOffered.length).toBeLessThanOrEqual(3);
    expect(atSlot.state.slotsOffered.map((s) => s.label)).toEqual([
      "tomorrow at 9 AM",
      "Thursday, March 5 at 1 PM",
      "Tuesday, March 10 at 9 AM",
    ]);
    // Over the phone only the earliest is read out first.
    expect(atSlot.say).toContain(
      "The next opening is tomorrow, Tuesday, between 9 and 11 AM. Does that work for you?",
    );
    expect(atSlot.say).not.toMatch(/Thursday|March 10/);
    expect(atSlot.state.slotsMentioned).toEqual([0]);
    // A pick outside what was offered books nothing.
    const outside = hear(atSlot.state, "the fifth one", CTX, { slotNumber: 5 });
    expect(outside.state.fields.appointmentAt).toBeUndefined();
    expect(next(outside)).toEqual({ type: "listen", stage: "slot" });
    // The pick is matched against the times offered, even if the clock moved on.
    const later = hear(atSlot.state, "Thursday", { ...CTX, now: "2026-03-06T15:00:00Z" });
    expect(later.state.fields.appointmentAt).toBe("2026-03-05T19:00:00.000Z");
  });

  it("never invents a time or a price", () => {
    const results = converse(BOOKING_CALL);
    // The offered start times, and the windows a booking is confirmed with.
    const labels = last(results).state.slotsOffered.flatMap((s) => [s.label, slotWindow(s)]);
    for (const r of results) {
      expect(r.say ?? "").not.toMatch(/\$|price|cost|dollar|fee|charge/i);
      const times = (r.say ?? "").match(/\b\d{1,2}(:\d{2})? (AM|PM)\b/g) ?? [];
      for (const time of times) expect(labels.some((l) => l.includes(time))).toBe(true);
    }
  });

  it("offers a callback instead of a time when the tenant has no open slot", () => {
    const final = last(converse(BOOKING_CALL.slice(0, 5), { ...CTX, bookingSlots: [] }));
    expect(final.state.outcome).toBe("followup_needed");
    expect(final.state.endReason).toBe("no_open_slots");
    expect(final.say).not.toMatch(/AM|PM/);
    expect(ofType(final, "create_task")).toEqual([expect.objectContaining({ kind: "callback" })]);
  });

  it("ends as followup_needed with a callback task when no offered time suits", () => {
    const results = converse([
      ...BOOKING_CALL.slice(0, 5),
      "none of those work for me",
      "no, neither of those",
    ]);
    // The first no brings the next two times; the second ends the call.
    expect(results.at(-2)!.say).toBe(
      "Okay. I also have Thursday, March 5, between 1 and 3 PM or Tuesday, March 10, between 9 and 11 AM. Would either of those work?",
    );
    expect(ofType(results.at(-2)!, "create_task")).toEqual([]);
    const final = last(results);
    expect(final.state.outcome).toBe("followup_needed");
    expect(final.state.endReason).toBe("slots_declined");
    expect(final.state.fields.appointmentAt).toBeUndefined();
    expect(ofType(final, "create_task")).toHaveLength(1);
  });

  it("lets the caller skip their name", () => {
    const r = last(converse([...BOOKING_CALL.slice(0, 2), "I'd rather not say"]));
    expect(r.state.fields.callerName).toBeUndefined();
    expect(next(r)).toEqual({ type: "listen", stage: "booking_offer" });
  });

  it("fixes a name the caller corrects at a later question and asks that question again, not taking the 'no' as an answer", () => {
    const results = converse([
      "78701",
      "the shower drain is clogged",
      "anna peterson",
      "no sorry, it's petersen with an e n, anna petersen",
    ]);
    const corrected = last(results);
    expect(corrected.state.fields.callerName).toBe("Anna Petersen");
    expect(corrected.state.fields.bookingIntent).toBeUndefined();
    expect(corrected.state.stage).toBe("booking_offer");
    expect(corrected.say).toMatch(/Anna Petersen/);
    expect(next(corrected)).toMatchObject({ type: "listen" });
    // The same question is answered next, as usual.
    const booked = hear(corrected.state, "send someone please");
    expect(booked.state.fields.bookingIntent).toBe("visit");
  });

  it("keeps the problem said in the same breath as a question, and asks for the name next", () => {
    const results = converse(["78701", "my kitchen sink won't drain, how much is it for you to come look"]);
    const r = last(results);
    expect(r.state.fields.issueSummary).toMatch(/sink/i);
    expect(r.state.stage).toBe("name");
  });

  it("does not ask for a name the caller already gave", () => {
    const r = last(converse(["78701", "this is Ana, my water heater is leaking"]));
    expect(r.state.fields.callerName).toBe("Ana");
    expect(next(r)).toEqual({ type: "listen", stage: "booking_offer" });
    expect(r.say).toContain("Thanks, Ana.");
  });
});

describe("escalation", () => {
  it("escalates a burst pipe at once to the on-call phone", () => {
    const r = hear(start().state, "a pipe burst and water is everywhere");
    expect(r.state.stage).toBe("transferring");
    expect(r.state.fields.urgency).toBe("emergency");
    expect(r.state.evidence.urgency).toBe("a pipe burst and water is everywhere");
    expect(next(r)).toEqual({
      type: "transfer",
      to: "+15125550199",
      timeoutSeconds: 20,
      reason: "emergency",
      emergencyKind: "burst_pipe",
    });
    expect(ofType(r, "create_task")).toEqual([]);
    expect(r.say).toMatch(/on-call plumber/);
  });

  it("escalates an emergency at any turn, not only the first", () => {
    const atName = last(converse(BOOKING_CALL.slice(0, 2))).state;
    const r = hear(atName, "hold on, now sewage is backing up into the tub");
    expect(next(r)).toMatchObject({ type: "transfer", emergencyKind: "sewage_backup" });
    expect(r.state.fields.urgency).toBe("emergency");
    expect(r.state.fields.issueSummary).toContain("The kitchen sink is leaking under the cabinet; ");
    expect(r.state.fields.issueSummary).toContain("sewage is backing up");
  });

  it("creates an urgent callback due within 5 minutes when no on-call phone is set", () => {
    const r = hear(start("standard", NO_ON_CALL).state, "I smell gas in the kitchen", NO_ON_CALL);
    // The urgent task is created at once; the call stays open only to take the name and address.
    expect(r.state.outcome).toBeNull();
    expect(r.state.fields.urgency).toBe("emergency");
    expect(r.state.escalation).toMatchObject({ via: "urgent_callback", callbackTaskCreated: true });
    expect(ofType(r, "create_task")).toEqual([
      expect.objectContaining({ kind: "urgent_callback", dueInMinutes: 5 }),
    ]);
    expect(ofType(r, "create_task")[0]?.title).toMatch(/gas smell/);
    expect(r.say).toMatch(/leave the building/);
    expect(r.say).toMatch(/within 5 minutes/);
    expect(r.say).toMatch(/what's your name\?$/);
    expect(next(r)).toEqual({ type: "listen", stage: "name" });
    const name = hear(r.state, "Dana Whitfield", NO_ON_CALL);
    expect(next(name)).toEqual({ type: "listen", stage: "address" });
    const done = hear(name.state, "4410 Duval Street", NO_ON_CALL);
    expect(done.state.outcome).toBe("followup_needed");
    expect(done.state.endReason).toBe("emergency_callback");
    expect(ofType(done, "create_task")).toEqual([]);
    expect(next(done)).toEqual({ type: "hangup" });
  });

  it("treats no water with a baby in the home as an emergency", () => {
    const atIssue = hear(start().state, "78702").state;
    const r = hear(atIssue, "we have no water at all and there's a newborn baby here");
    expect(next(r)).toMatchObject({ type: "transfer", emergencyKind: "no_water_vulnerable" });
  });

  it("escalates even before the service-area check: safety first", () => {
    const r = hear(start().state, "90210 and my basement is flooding");
    expect(r.state.fields).toMatchObject({ zip: "90210", inArea: false, urgency: "emergency" });
    expect(next(r)).toMatchObject({ type: "transfer" });
  });

  it("falls back to an urgent callback when the on-call phone does not answer", () => {
    const transferring = hear(start().state, "my pipe burst").state;
    const r = transition(transferring, { type: "transfer_failed" }, CTX);
    expect(r.state.outcome).toBeNull();
    expect(r.state.escalation).toMatchObject({
      via: "transfer",
      transferResult: "failed",
      callbackTaskCreated: true,
    });
    expect(ofType(r, "create_task")).toEqual([
      expect.objectContaining({
        kind: "urgent_callback",
        dueInMinutes: 5,
        title: expect.stringMatching(/^Transfer not answered\. Emergency \(a burst pipe\)/),
      }),
    ]);
    expect(r.say).toMatch(/^I'm sorry, I couldn't reach anyone just now\./);
    expect(r.say).toMatch(/within 5 minutes/);
    expect(next(r)).toEqual({ type: "listen", stage: "name" });
    const name = hear(r.state, "it's Priya Raman");
    const done = hear(name.state, "22 Oak Lane");
    expect(done.state.fields).toMatchObject({ callerName: "Priya Raman", address: "22 Oak Lane" });
    expect(done.state.outcome).toBe("followup_needed");
    expect(done.state.endReason).toBe("transfer_failed");
    expect(ofType(done, "create_task")).toEqual([]);
  });

  it("closes the call quietly once the on-call plumber took it", () => {
    const transferring = hear(start().state, "my pipe burst").state;
    const r = transition(transferring, { type: "transfer_answered" }, CTX);
    expect(r.state.escalation?.transferResult).toBe("answered");
    expect(r.say).toBeNull();
    expect(r.actions).toEqual([
      { type: "end", outcome: "followup_needed", reason: "transferred" },
      { type: "hangup" },
    ]);
  });

  it("warm-transfers a caller who asks for a person", () => {
    const atIssue = hear(start().state, "78701").state;
    const r = hear(atIssue, "can I just talk to a real person");
    expect(next(r)).toEqual({
      type: "transfer",
      to: "+15125550199",
      timeoutSeconds: 20,
      reason: "asked_for_person",
      emergencyKind: null,
    });
    expect(r.state.fields.urgency).toBeUndefined();
  });

  it("creates an urgent callback for a caller who asks for a person when nobody is on call", () => {
    const r = hear(start("standard", NO_ON_CALL).state, "let me talk to the plumber", NO_ON_CALL);
    expect(ofType(r, "create_task")).toEqual([
      expect.objectContaining({
        kind: "urgent_callback",
        dueInMinutes: 5,
        title: expect.stringMatching(/asked for a person/),
      }),
    ]);
    expect(r.state.outcome).toBe("followup_needed");
  });

  it("uses the tenant's own transfer timeout", () => {
    const r = hear(start().state, "my pipe burst", { ...CTX, transferTimeoutSeconds: 25 });
    expect(next(r)).toMatchObject({ type: "transfer", timeoutSeconds: 25 });
  });
});

describe("unclear answers", () => {
  it("re-asks an unclear answer once, then ends as followup_needed on the second", () => {
    const results = converse(["umm", "uh I dunno"]);
    expect(results.slice(1).map(next)).toEqual([{ type: "listen", stage: "zip" }, { type: "hangup" }]);
    const final = last(results);
    expect(final.state.outcome).toBe("followup_needed");
    expect(final.state.endReason).toBe("unclear_answers");
    expect(ofType(final, "create_task")).toEqual([
      expect.objectContaining({ kind: "callback", dueInMinutes: 15 }),
    ]);
    expect(next(final)).toEqual({ type: "hangup" });
    const zipQuestions = final.state.transcript.filter((t) => t.speaker === "agent" && /ZIP/.test(t.text));
    // The opening and one re-ask; the goodbye names no ZIP.
    expect(zipQuestions).toHaveLength(2);
    expect(final.say).toBe(
      "I'm sorry, I'm having trouble understanding. Someone from Demo Plumbing will call you back at this number shortly. Goodbye.",
    );
  });

  it("counts attempts per question, starting over at the next question", () => {
    const results = converse(["hmm", "78701", "uh", "my toilet won't flush"]);
    expect(last(results).state.stage).toBe("name");
    expect(last(results).state.misses).toBe(0);
  });

  it("treats silence as an unclear answer", () => {
    const atZip = hear(start().state, "uh").state;
    const r = transition(atZip, { type: "silence" }, CTX);
    expect(r.state.outcome).toBe("followup_needed");
    expect(r.state.endReason).toBe("unclear_answers");
    expect(r.state.transcript.filter((t) => t.speaker === "system")).toHaveLength(1);
  });

  it("ends a call where the caller never said a word with no outcome, so the hang-up makes it missed", () => {
    let r = start();
    for (let i = 0; i < 2; i++) r = transition(r.state, { type: "silence" }, CTX);
    expect(r.state.stage).toBe("ended");
    expect(r.state.outcome).toBeNull();
    expect(r.actions).toEqual([{ type: "hangup" }]);
    expect(r.say).toBe(
      "I'm sorry, I can't hear anything. Someone from Demo Plumbing will get back to you at this number. Goodbye.",
    );
    expect(closeOnHangup(r.state)).toEqual({ status: "missed", task: null });
  });
});

describe("the state", () => {
  it("records every agent and caller turn in the transcript", () => {
    const final = last(converse(BOOKING_CALL));
    const speakers = final.state.transcript.map((t) => t.speaker);
    expect(speakers).toEqual(["agent", ...BOOKING_CALL.flatMap(() => ["caller", "agent"])]);
    expect(final.state.transcript.filter((t) => t.speaker === "caller").map((t) => t.text)).toEqual(
      BOOKING_CALL,
    );
    expect(transcriptExcerpt(final.state)).toMatch(
      /^AI: Hi, thanks for calling Demo Plumbing.*\nCaller: my zip is seven eight seven oh one\n/s,
    );
  });

  it("is JSON-serialisable and parses back from the database column", () => {
    for (const r of converse(BOOKING_CALL)) {
      const json = JSON.parse(JSON.stringify(r.state));
      expect(json).toEqual(r.state);
      expect(parseCallState(json)).toEqual(r.state);
    }
    expect(parseCallState({}, "safe")).toEqual(newCallState("safe"));
    expect(() => parseCallState({ version: 1, stage: "dancing" })).toThrow(/Stored call state is not valid/);
  });

  it("is pure: it never changes the state it is given and repeats itself exactly", () => {
    const atName = last(converse(BOOKING_CALL.slice(0, 2))).state;
    const copy = structuredClone(atName);
    const a = hear(atName, "this is Maria Lopez");
    const b = hear(atName, "this is Maria Lopez");
    expect(atName).toEqual(copy);
    expect(a).toEqual(b);
  });

  it("ends every result with exactly one next step", () => {
    const all = [
      ...converse(BOOKING_CALL),
      ...converse(["hmm", "?", "no"]),
      hear(start().state, "my pipe burst"),
    ];
    for (const r of all) {
      const steps = r.actions.filter(
        (a) => a.type === "listen" || a.type === "transfer" || a.type === "hangup",
      );
      expect(steps).toHaveLength(1);
      expect(next(r)).toBe(steps[0]);
    }
  });

  it("repeats the current question when Twilio replays the start", () => {
    const atIssue = hear(start().state, "78701");
    const replay = transition(atIssue.state, { type: "start" }, CTX);
    expect(replay.say).toBe(atIssue.say);
    expect(replay.state.fields).toEqual(atIssue.state.fields);
    expect(next(replay)).toEqual({ type: "listen", stage: "issue" });
  });

  it("ignores anything that arrives after the call ended", () => {
    const ended = hear(start().state, "90210").state;
    const r = hear(ended, "hello?");
    expect(r).toEqual({ state: ended, say: null, actions: [{ type: "hangup" }] });
  });
});

describe("caller hangs up mid-intake", () => {
  it("logs missed when nothing was captured", () => {
    expect(closeOnHangup(start().state)).toEqual({ status: "missed", task: null });
  });

  it("logs followup_needed with a callback task when something was captured", () => {
    const r = closeOnHangup(hear(start().state, "78701").state);
    expect(r.status).toBe("followup_needed");
    expect(r.task).toMatchObject({ kind: "callback", dueInMinutes: 15, notes: "ZIP: 78701" });
  });

  it("keeps the outcome of a call that already ended", () => {
    expect(closeOnHangup(last(converse(BOOKING_CALL)).state)).toEqual({ status: "booked", task: null });
  });

  it("asks for an urgent callback when the caller hangs up during a transfer", () => {
    const r = closeOnHangup(hear(start().state, "my basement is flooding").state);
    expect(r).toMatchObject({
      status: "followup_needed",
      task: { kind: "urgent_callback", dueInMinutes: 5 },
    });
  });
});

describe("prompt profiles", () => {
  it("speaks only the fixed script in the safe profile: never the caller's own words", () => {
    const results = converse(BOOKING_CALL, CTX, "safe");
    const final = last(results);
    expect(final.state.outcome).toBe("booked");
    expect(results[results.length - 2]!.say).toBe(
      "You are booked. I have: a visit tomorrow, Tuesday, between 9 and 11 AM at the address you gave. Did I get that right?",
    );
    for (const r of results) {
      expect(r.say ?? "").not.toMatch(/Maria|Lopez|Main Street|7 8 7 0 1/);
    }
    expect(results[0]!.say).toBe(
      "Thank you for calling Demo Plumbing. This is the automated assistant. What is the five-digit ZIP code where you need service?",
    );
    expect(final.say).toBe(
      "You are booked for tomorrow, Tuesday, between 9 and 11 AM. Thank you for calling Demo Plumbing. Goodbye.",
    );
  });

  it("uses the caller's name and address in the standard profile", () => {
    const results = converse(BOOKING_CALL);
    expect(results[3]!.say).toContain("Thanks, Maria.");
    expect(results[5]!.say).toContain("I have 123 Main Street");
    expect(last(results).say).toContain("You're all set, Maria.");
  });
});

// ── the reworked intake, rule by rule ──────────────────────────────────────────────────────

const TO_SLOTS = [
  "78701",
  "the shower drain is clogged",
  "it's Tom Ortega",
  "yeah book a visit",
  "4410 Duval Street",
];
const ANSWERS: CallContext = {
  ...CTX,
  answers: {
    priceAnswer: "There's a $79 service call, and the plumber quotes the job before any work starts.",
    servicesOffered: ["Water heaters", "Drain cleaning"],
    servicesNotOffered: ["Septic systems"],
  },
  businessHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, openMinute: 8 * 60, closeMinute: 17 * 60 })),
};

describe("slots, one at a time", () => {
  it("offers only the earliest opening first, as a window with the weekday", () => {
    const atSlot = last(converse(TO_SLOTS));
    expect(atSlot.say).toBe(
      "Thanks, I have 4410 Duval Street. The next opening is tomorrow, Tuesday, between 9 and 11 AM. Does that work for you?",
    );
    expect(atSlot.state.slotsMentioned).toEqual([0]);
    expect(atSlot.state.slotsSaid).toEqual([0]);
  });

  it("books the first opening on a plain yes", () => {
    const final = last(converse([...TO_SLOTS, "yep, that works"]));
    expect(final.state.outcome).toBe("booked");
    expect(final.state.fields.appointmentAt).toBe("2026-03-03T15:00:00.000Z");
  });

  it("offers the next two on a no, then books 'the second one' of those", () => {
    const results = converse([...TO_SLOTS, "no, I can't do that", "the second one"]);
    const reoffer = results.at(-2)!;
    expect(reoffer.say).toBe(
      "Okay. I also have Thursday, March 5, between 1 and 3 PM or Tuesday, March 10, between 9 and 11 AM. Would either of those work?",
    );
    expect(reoffer.state.slotsMentioned).toEqual([1, 2]);
    expect(reoffer.state.slotsDeclined).toEqual([0]);
    const final = last(results);
    expect(final.state.outcome).toBe("booked");
    // "The second one" of the two just read out: March 10, not the second opening overall.
    expect(final.state.fields.appointmentAt).toBe("2026-03-10T14:00:00.000Z");
  });

  it("reads 'tuesday's bad for me' as a no to the Tuesday opening and offers the next ones", () => {
    const r = last(converse([...TO_SLOTS, "tuesday's bad for me"]));
    expect(r.state.outcome).toBeNull();
    expect(r.say).toMatch(/^Okay\. I also have Thursday, March 5, between 1 and 3 PM/);
    expect(r.state.slotsDeclined).toContain(0);
  });

  it("understands a weekday said before it was offered", () => {
    const final = last(converse([...TO_SLOTS, "do you have anything thursday afternoon?"]));
    expect(final.state.outcome).toBe("booked");
    expect(final.state.fields.appointmentAt).toBe("2026-03-05T19:00:00.000Z");
  });

  it("does not book a morning for a caller who says 'not in the morning'", () => {
    const r = last(converse([...TO_SLOTS, "not in the morning"]));
    expect(r.state.fields.appointmentAt).not.toBe("2026-03-03T15:00:00.000Z");
    expect(r.state.outcome).not.toBe("booked");
  });

  it("does not book Tuesday for a caller who says 'I can't do Tuesday'", () => {
    const r = last(converse([...TO_SLOTS, "I can't do Tuesday"]));
    expect(r.state.fields.appointmentAt).toBeUndefined();
    expect(r.say).toMatch(/Thursday, March 5/);
  });

  it("says so when the day asked for has no opening, and reads out what there is", () => {
    const r = last(converse([...TO_SLOTS, "how about friday"]));
    expect(r.state.outcome).toBeNull();
    expect(r.say).toMatch(/^I'm sorry, I don't have an opening on Friday\./);
    expect(next(r)).toEqual({ type: "listen", stage: "slot" });
  });

  it("ends with a callback task when every time is turned down", () => {
    const final = last(converse([...TO_SLOTS, "nope", "neither of those, sorry"]));
    expect(final.state).toMatchObject({ outcome: "followup_needed", endReason: "slots_declined" });
    expect(ofType(final, "create_task")).toEqual([
      expect.objectContaining({
        kind: "callback",
        title: "Call back to schedule a visit: the offered times did not suit",
      }),
    ]);
  });

  it("turns a request for a call at the slot step into a callback", () => {
    const final = last(converse([...TO_SLOTS, "actually just have someone call me back"]));
    expect(final.state).toMatchObject({ outcome: "followup_needed", endReason: "callback_requested" });
  });
});

describe("unclear answers and silence", () => {
  it("ends politely with a callback task after two unclear answers to the ZIP, the one hard gate", () => {
    const results = converse(["hmm", "uh I dunno"]);
    const final = last(results);
    expect(final.state).toMatchObject({
      stage: "ended",
      outcome: "followup_needed",
      endReason: "unclear_answers",
    });
    expect(ofType(final, "create_task")).toEqual([
      expect.objectContaining({
        kind: "callback",
        title: "Call back: the AI could not understand the caller",
      }),
    ]);
    expect(closeOnHangup(final.state)).toEqual({ status: "followup_needed", task: null });
  });

  it("takes a problem still unclear after one re-ask as 'needs a look', with the caller's words in the notes, and goes on", () => {
    const results = converse(["78701", "hmm", "uh, I dunno"]);
    expect(results[2]!.say).toBe("Sorry, I didn't quite get that. What's going on with your plumbing?");
    const final = last(results);
    expect(final.state.stage).toBe("name");
    expect(final.state.fields.issueSummary).toBeUndefined();
    expect(final.state.fields.notes).toBe(
      'Problem not clear on the call (caller said: "uh, I dunno"): the plumber needs a look',
    );
    expect(final.say).toMatch(
      /^No problem, the plumber will take a look when they come out\. .*who am I speaking with\?$/,
    );
  });

  it("leaves a silent call with no outcome and no end action, so the hang-up makes it missed", () => {
    const first = transition(start().state, { type: "silence" }, CTX);
    expect(next(first)).toEqual({ type: "listen", stage: "zip" });
    const second = transition(first.state, { type: "silence" }, CTX);
    expect(second.state.stage).toBe("ended");
    expect(second.state.outcome).toBeNull();
    expect(ofType(second, "end")).toEqual([]);
    expect(ofType(second, "create_task")).toEqual([]);
    expect(closeOnHangup(second.state).status).toBe("missed");
  });

  it("records a hang-up as followup_needed whenever the caller spoke, even with nothing captured", () => {
    const r = hear(start().state, "uh, hello?");
    expect(r.state.fields).toEqual({});
    const closed = closeOnHangup(r.state);
    expect(closed.status).toBe("followup_needed");
    expect(closed.task).toMatchObject({
      kind: "callback",
      title: "Call back: the caller hung up during intake",
      notes: "Nothing captured yet.",
    });
  });
});

describe("emergencies", () => {
  it("transfers at once when there is an on-call phone, without asking the name first", () => {
    const r = hear(start().state, "my water heater burst and there's water everywhere in the garage");
    expect(next(r)).toMatchObject({ type: "transfer", to: "+15125550199" });
    expect(ofType(r, "create_task")).toEqual([]);
    expect(r.say).not.toMatch(/name/);
  });

  it("without an on-call phone, takes the name and then the address after creating the urgent task", () => {
    const results = [start("standard", NO_ON_CALL)];
    for (const line of [
      "78702",
      "the toilet's overflowing and it won't stop, it's all over the bathroom floor",
      "Keisha Brown",
      "it's 2200 Rio Grande Street",
    ])
      results.push(hear(last(results).state, line, NO_ON_CALL));
    const [, , flagged, named, done] = results;
    expect(ofType(flagged!, "create_task")).toEqual([
      expect.objectContaining({ kind: "urgent_callback", dueInMinutes: 5 }),
    ]);
    expect(flagged!.say).toMatch(
      /^That sounds urgent\..*within 5 minutes at this number\. So they know who to ask for, what's your name\?$/,
    );
    expect(named!.say).toBe("And what's the address where the problem is, with the house number?");
    expect(done!.state).toMatchObject({
      outcome: "followup_needed",
      endReason: "emergency_callback",
      fields: { callerName: "Keisha Brown", address: "2200 Rio Grande Street", urgency: "emergency" },
    });
    expect(done!.say).toBe(
      "Thank you. Someone from Demo Plumbing will call you back within 5 minutes at this number. Goodbye.",
    );
    // One urgent task for the whole call.
    expect(results.flatMap((r) => ofType(r, "create_task"))).toHaveLength(1);
  });

  it("does not ask for a name the emergency caller already gave", () => {
    const r = hear(
      start("standard", NO_ON_CALL).state,
      "hi this is Walt Gruber, a pipe just burst in my basement",
      NO_ON_CALL,
    );
    expect(r.state.fields.callerName).toBe("Walt Gruber");
    expect(next(r)).toEqual({ type: "listen", stage: "address" });
    expect(r.say).toMatch(/what's the address where the problem is/);
  });

  it("asks the emergency caller's name only once, then moves on to the address", () => {
    const flagged = hear(start("standard", NO_ON_CALL).state, "I smell gas in the basement", NO_ON_CALL);
    const unclear = hear(flagged.state, "what? hold on", NO_ON_CALL);
    expect(next(unclear)).toEqual({ type: "listen", stage: "address" });
    const unclearAgain = hear(unclear.state, "I don't know", NO_ON_CALL);
    expect(unclearAgain.state).toMatchObject({ outcome: "followup_needed", endReason: "emergency_callback" });
    expect(ofType(unclearAgain, "create_task")).toEqual([]);
  });

  it("keeps the urgent task when the caller hangs up right after the emergency", () => {
    const flagged = hear(
      start("standard", NO_ON_CALL).state,
      "sewage is coming up out of the shower drain",
      NO_ON_CALL,
    );
    expect(ofType(flagged, "create_task")).toEqual([expect.objectContaining({ kind: "urgent_callback" })]);
    // The task already exists: the hang-up records the outcome and adds no second task.
    expect(closeOnHangup(flagged.state)).toEqual({ status: "followup_needed", task: null });
  });

  it("after a failed transfer, hangs up with the urgent task kept if the caller leaves mid-questions", () => {
    const failed = transition(hear(start().state, "my pipe burst").state, { type: "transfer_failed" }, CTX);
    expect(ofType(failed, "create_task")).toHaveLength(1);
    expect(closeOnHangup(failed.state)).toEqual({ status: "followup_needed", task: null });
  });
});

describe("caller questions mid-intake", () => {
  it("answers a price question with the business's own wording and asks the same question again, without a miss", () => {
    const atIssue = hear(start("standard", ANSWERS).state, "78701", ANSWERS).state;
    const r = hear(atIssue, "how much do you charge?", ANSWERS);
    expect(r.say).toBe(
      "There's a $79 service call, and the plumber quotes the job before any work starts. Now, what's going on with your plumbing?",
    );
    expect(r.state.misses).toBe(0);
    expect(next(r)).toEqual({ type: "listen", stage: "issue" });
  });

  it("hears 'what's this gonna cost me?' as a price question, answers without a number, and does not store it as the problem", () => {
    const atIssue = hear(start().state, "78701").state;
    const r = hear(atIssue, "what's this gonna cost me?");
    expect(r.say).toMatch(/^The plumber will give you the price on site, before any work starts\./);
    expect(r.say).not.toMatch(/\$|\d+ dollars/);
    expect(r.state.fields.issueSummary).toBeUndefined();
    expect(next(r)).toEqual({ type: "listen", stage: "issue" });
  });

  it("admits to being a virtual assistant, then carries on", () => {
    const atName = last(converse(["78701", "my garbage disposal is jammed"], ANSWERS)).state;
    const r = hear(atName, "wait, am I talking to a robot?", ANSWERS);
    expect(r.say).toMatch(
      /^Yes, I'm Demo Plumbing's virtual assistant, not a person.*And who am I speaking with\?$/,
    );
    expect(next(r)).toEqual({ type: "listen", stage: "name" });
    expect(ofType(r, "transfer")).toEqual([]);
  });

  it("answers the office hours from the settings", () => {
    const atIssue = hear(start("standard", ANSWERS).state, "78701", ANSWERS).state;
    expect(hear(atIssue, "what are your hours?", ANSWERS).say).toMatch(
      /^The office is open Monday to Friday, 8 AM to 5 PM\./,
    );
  });

  it("answers 'can someone come today' with the real earliest opening", () => {
    const atIssue = hear(start().state, "78701").state;
    expect(hear(atIssue, "can somebody come out today?").say).toMatch(
      /^I don't have an opening today\. The earliest is tomorrow, Tuesday, between 9 and 11 AM\./,
    );
  });

  it("answers a question and keeps the problem said in the same breath", () => {
    const atIssue = hear(start("standard", ANSWERS).state, "78701", ANSWERS).state;
    const r = hear(atIssue, "do you guys do water heaters? mine is leaking from the bottom", ANSWERS);
    expect(r.say).toMatch(/^Yes, we do water heaters\./);
    expect(r.state.fields.issueSummary).toMatch(/leaking from the bottom/i);
    expect(next(r)).toEqual({ type: "listen", stage: "name" });
  });
});

describe("what the caller says before it is asked", () => {
  it("keeps a problem said instead of the ZIP, and asks the ZIP again", () => {
    const r = hear(start().state, "uh yeah, my water heater's been leaking from the bottom");
    expect(r.say).toBe(
      "Got it, I'll make a note of that. First, what's the ZIP code where you need the work done?",
    );
    expect(r.state.fields).toEqual({});
    expect(r.state.misses).toBe(1);
    const after = hear(r.state, "78702");
    expect(after.state.fields.issueSummary).toBe("My water heater's been leaking from the bottom");
    expect(after.state.fields.urgency).toBe("high");
    // The issue question is skipped: on to the name.
    expect(next(after)).toEqual({ type: "listen", stage: "name" });
  });

  it("keeps a name and an address said early and does not ask for them again", () => {
    const results = converse([
      "78701",
      "this is Grace Park, the sink at 88 Congress Avenue is clogged",
      "book it please",
    ]);
    const final = last(results);
    expect(final.state.fields).toMatchObject({ callerName: "Grace Park", address: "88 Congress Avenue" });
    expect(results.map((r) => r.say ?? "").join(" ")).not.toMatch(/who am I speaking with|street address/);
    expect(final.state.stage).toBe("slot");
    expect(final.say).toMatch(/Thanks, I have 88 Congress Avenue\. The next opening is/);
  });

  it("keeps the ZIP said after a correction: '90210, no wait… 78701'", () => {
    const r = hear(start().state, "90210, no wait... 78701");
    expect(r.state.fields).toEqual({ zip: "78701", inArea: true });
    expect(next(r)).toEqual({ type: "listen", stage: "issue" });
  });

  it("keeps the name said after a correction", () => {
    const atName = last(converse(["78701", "my toilet won't flush"])).state;
    expect(hear(atName, "Mike, no sorry, Michael Brandt").state.fields.callerName).toBe("Michael Brandt");
  });

  it("joins a spelled name: 'jon, j o n, smith' is Jon Smith", () => {
    const atName = last(converse(["78701", "my toilet won't flush"])).state;
    expect(hear(atName, "jon, j o n, smith").state.fields.callerName).toBe("Jon Smith");
    expect(hear(atName, "Bree, that's b r e e, Walsh").state.fields.callerName).toBe("Bree Walsh");
  });

  it("keeps a name with an accent as said", () => {
    const atName = last(converse(["78701", "my toilet won't flush"])).state;
    const r = hear(atName, "it's Tomás Ortega");
    expect(r.state.fields.callerName).toBe("Tomás Ortega");
    expect(next(r)).toEqual({ type: "listen", stage: "booking_offer" });
  });

  it("reads a surname spelled before it is said in full", () => {
    const atName = last(converse(["78701", "my toilet won't flush"])).state;
    expect(hear(atName, "it's K-O-W-A-L-S-K-I, Anna Kowalski").state.fields.callerName).toBe("Anna Kowalski");
  });

  it("notes a third party and the unit: 'my tenant Mrs. Alvarez in unit B'", () => {
    const results = converse([
      "78701",
      "I'm calling for my tenant Mrs. Alvarez in unit B, her kitchen sink is backed up",
      "Paul Novak",
      "yes send someone",
      "1500 Lavaca Street",
    ]);
    const atSlot = last(results);
    expect(atSlot.state.fields.notes).toBe("Calling for my tenant Mrs. Alvarez. Unit B");
    expect(atSlot.state.fields.callerName).toBe("Paul Novak");
    expect(atSlot.state.fields.address).toBe("1500 Lavaca Street, Unit B");
    expect(atSlot.state.evidence.notes).toBe(
      "I'm calling for my tenant Mrs. Alvarez in unit B, her kitchen sink is backed up",
    );
  });

  it("passes the third party on to the office in the callback task", () => {
    const final = last(
      converse([
        "78701",
        "my elderly mother's kitchen faucet is dripping",
        "Sam Ito",
        "just have someone call me",
      ]),
    );
    expect(final.state.fields.notes).toBe("Calling for my elderly mother");
    expect(ofType(final, "create_task")[0]?.notes).toContain("Calling for my elderly mother");
  });
});
