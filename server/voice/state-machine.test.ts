import { describe, expect, it } from "vitest";
import { extraction, type Extraction, type PromptProfileName } from "@/server/intake/extraction";
import { extractByRules } from "@/server/intake/rules-extract";
import { upcomingSlots } from "@/server/voice/booking-slots";
import { slotWindow } from "@/server/voice/scripts";
import {
  canAskForAddress,
  closeOnHangup,
  extractionStage,
  newCallState,
  parseCallState,
  transcriptExcerpt,
  transition,
  type CallAction,
  type CallContext,
  type CallState,
  type TransitionResult,
} from "@/server/voice/state-machine";

// Monday 2 March 2026, 9:00 AM in Austin.
const CTX: CallContext = {
  businessName: "Demo Plumbing",
  serviceZips: ["78701", "78702"],
  bookingSlots: [
    { weekday: 2, startMinute: 9 * 60, endMinute: 11 * 60 },
    { weekday: 4, startMinute: 13 * 60, endMinute: 15 * 60 },
  ],
  timeZone: "America/Chicago",
  now: "2026-03-02T15:00:00Z",
  onCallPhone: "+15125550199",
};
const NO_ON_CALL: CallContext = { ...CTX, onCallPhone: null };

function start(profile: PromptProfileName = "standard", ctx = CTX): TransitionResult {
  return transition(newCallState(profile), { type: "start" }, ctx);
}

/** The caller says `text`; the rules model reads it unless a hand-made extraction is given. */
function hear(state: CallState, text: string, ctx = CTX, fields?: Partial<Extraction>): TransitionResult {
  const stage = extractionStage(state);
  const x = fields ? extraction(fields) : stage ? extractByRules({ stage, utterance: text, slotsOffered: state.slotsOffered, slotsMentioned: state.slotsMentioned, slotsDeclined: state.slotsDeclined }) : extraction();
  return transition(state, { type: "heard", text, extraction: x }, ctx);
}

function converse(lines: string[], ctx = CTX, profile: PromptProfileName = "standard"): TransitionResult[] {
  const results = [start(profile, ctx)];
  for (const line of lines) results.push(hear(results[results.length - 1]!.state, line, ctx));
  return results;
}

const last = <T>(items: T[]): T => items[items.length - 1]!;
const ofType = <K extends CallAction["type"]>(r: TransitionResult, type: K) => r.actions.filter((a): a is Extract<CallAction, { type: K }> => a.type === type);
const next = (r: TransitionResult) => last(r.actions);

const BOOKING_CALL = [
  "my zip is seven eight seven oh one",
  "the kitchen sink is leaking under the cabinet",
  "this is Maria Lopez",
  "yes please, send someone out",
  "it's 123 Main Street",
  "the first one",
];

describe("the AI call (seed 000)", () => {
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
      { type: "set_fields", fields: { zip: "90210", inArea: false }, evidence: { zip: "90210", inArea: "90210" } },
      { type: "end", outcome: "not_booked", reason: "out_of_area" },
      { type: "hangup" },
    ]);
  });

  it("books a visit: ZIP, issue, name, visit, address, slot → booked with appointmentAt", () => {
    const results = converse(BOOKING_CALL);
    const final = last(results);
    const firstSlot = upcomingSlots(CTX.bookingSlots, { timeZone: CTX.timeZone, now: CTX.now })[0]!;
    expect(results.map((r) => r.state.stage)).toEqual(["zip", "issue", "name", "booking_offer", "address", "slot", "ended"]);
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
    expect(final.say).toContain("see you tomorrow between 9 and 11 AM");
    expect(final.actions.slice(-2)).toEqual([{ type: "end", outcome: "booked", reason: "booked" }, { type: "hangup" }]);
    expect(ofType(final, "create_task")).toEqual([]);
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
    const empty = transition(atZip, { type: "heard", text: "   ", extraction: extraction({ zip: "78701" }) }, CTX);
    expect(empty.state.fields).toEqual({});
    // A name, an address and an issue the caller did not say are dropped too.
    const atIssue = hear(atZip, "78701").state;
    const made = hear(atIssue, "the toilet runs all night", CTX, { issueSummary: "Gas leak in basement", urgency: "low", callerName: "John Doe" });
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
    expect(ofType(final, "create_task")).toEqual([expect.objectContaining({ kind: "callback", dueInMinutes: 15 })]);
    expect(ofType(final, "create_task")[0]?.notes).toContain("Issue: The kitchen sink is leaking under the cabinet");
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
    expect(atSlot.say).toContain("tomorrow at 9 AM, Thursday, March 5 at 1 PM, or Tuesday, March 10 at 9 AM");
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
    const final = last(converse([...BOOKING_CALL.slice(0, 5), "none of those work for me"]));
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

  it("does not ask for a name the caller already gave", () => {
    const r = last(converse(["78701", "this is Ana, my water heater is leaking"]));
    expect(r.state.fields.callerName).toBe("Ana");
    expect(next(r)).toEqual({ type: "listen", stage: "booking_offer" });
    expect(r.say).toContain("Thanks, Ana.");
  });
});

describe("escalation (seed 000 §6)", () => {
  it("escalates a burst pipe at once to the on-call phone", () => {
    const r = hear(start().state, "a pipe burst and water is everywhere");
    expect(r.state.stage).toBe("transferring");
    expect(r.state.fields.urgency).toBe("emergency");
    expect(r.state.evidence.urgency).toBe("a pipe burst and water is everywhere");
    expect(next(r)).toEqual({ type: "transfer", to: "+15125550199", timeoutSeconds: 20, reason: "emergency", emergencyKind: "burst_pipe" });
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
    expect(r.state.outcome).toBe("followup_needed");
    expect(r.state.fields.urgency).toBe("emergency");
    expect(ofType(r, "create_task")).toEqual([expect.objectContaining({ kind: "urgent_callback", dueInMinutes: 5 })]);
    expect(ofType(r, "create_task")[0]?.title).toMatch(/gas smell/);
    expect(r.say).toMatch(/leave the building/);
    expect(r.say).toMatch(/within 5 minutes/);
    expect(next(r)).toEqual({ type: "hangup" });
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
    expect(r.state.outcome).toBe("followup_needed");
    expect(r.state.escalation).toMatchObject({ via: "transfer", transferResult: "failed" });
    expect(ofType(r, "create_task")).toEqual([expect.objectContaining({ kind: "urgent_callback", dueInMinutes: 5 })]);
    expect(r.say).toMatch(/within 5 minutes/);
  });

  it("closes the call quietly once the on-call plumber took it", () => {
    const transferring = hear(start().state, "my pipe burst").state;
    const r = transition(transferring, { type: "transfer_answered" }, CTX);
    expect(r.state.escalation?.transferResult).toBe("answered");
    expect(r.say).toBeNull();
    expect(r.actions).toEqual([{ type: "end", outcome: "followup_needed", reason: "transferred" }, { type: "hangup" }]);
  });

  it("warm-transfers a caller who asks for a person", () => {
    const atIssue = hear(start().state, "78701").state;
    const r = hear(atIssue, "can I just talk to a real person");
    expect(next(r)).toEqual({ type: "transfer", to: "+15125550199", timeoutSeconds: 20, reason: "asked_for_person", emergencyKind: null });
    expect(r.state.fields.urgency).toBeUndefined();
  });

  it("creates an urgent callback for a caller who asks for a person when nobody is on call", () => {
    const r = hear(start("standard", NO_ON_CALL).state, "let me talk to the plumber", NO_ON_CALL);
    expect(ofType(r, "create_task")).toEqual([expect.objectContaining({ kind: "urgent_callback", dueInMinutes: 5, title: expect.stringMatching(/asked for a person/) })]);
    expect(r.state.outcome).toBe("followup_needed");
  });

  it("uses the tenant's own transfer timeout", () => {
    const r = hear(start().state, "my pipe burst", { ...CTX, transferTimeoutSeconds: 25 });
    expect(next(r)).toMatchObject({ type: "transfer", timeoutSeconds: 25 });
  });
});

describe("unclear answers", () => {
  it("re-asks an unclear answer at most twice then ends as followup_needed", () => {
    const results = converse(["umm", "what?", "I don't know"]);
    expect(results.slice(1, 3).map(next)).toEqual([
      { type: "listen", stage: "zip" },
      { type: "listen", stage: "zip" },
    ]);
    const final = last(results);
    expect(final.state.outcome).toBe("followup_needed");
    expect(final.state.endReason).toBe("unclear_answers");
    expect(ofType(final, "create_task")).toEqual([expect.objectContaining({ kind: "callback", dueInMinutes: 15 })]);
    expect(next(final)).toEqual({ type: "hangup" });
    const zipQuestions = final.state.transcript.filter((t) => t.speaker === "agent" && /ZIP/.test(t.text));
    expect(zipQuestions).toHaveLength(3);
  });

  it("counts attempts per question, starting over at the next question", () => {
    const results = converse(["hmm", "78701", "uh", "my toilet won't flush"]);
    expect(last(results).state.stage).toBe("name");
    expect(last(results).state.misses).toBe(0);
  });

  it("treats silence as an unclear answer", () => {
    let r = start();
    for (let i = 0; i < 3; i++) r = transition(r.state, { type: "silence" }, CTX);
    expect(r.state.outcome).toBe("followup_needed");
    expect(r.state.transcript.filter((t) => t.speaker === "system")).toHaveLength(3);
  });
});

describe("the state", () => {
  it("records every agent and caller turn in the transcript", () => {
    const final = last(converse(BOOKING_CALL));
    const speakers = final.state.transcript.map((t) => t.speaker);
    expect(speakers).toEqual(["agent", ...BOOKING_CALL.flatMap(() => ["caller", "agent"])]);
    expect(final.state.transcript.filter((t) => t.speaker === "caller").map((t) => t.text)).toEqual(BOOKING_CALL);
    expect(transcriptExcerpt(final.state)).toMatch(/^AI: Hi, thanks for calling Demo Plumbing.*\nCaller: my zip is seven eight seven oh one\n/s);
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
    const all = [...converse(BOOKING_CALL), ...converse(["hmm", "?", "no"]), hear(start().state, "my pipe burst")];
    for (const r of all) {
      const steps = r.actions.filter((a) => a.type === "listen" || a.type === "transfer" || a.type === "hangup");
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
    expect(r).toMatchObject({ status: "followup_needed", task: { kind: "urgent_callback", dueInMinutes: 5 } });
  });
});

describe("prompt profiles", () => {
  it("speaks only the fixed script in the safe profile: never the caller's own words", () => {
    const results = converse(BOOKING_CALL, CTX, "safe");
    const final = last(results);
    expect(final.state.outcome).toBe("booked");
    for (const r of results) {
      expect(r.say ?? "").not.toMatch(/Maria|Lopez|Main Street|7 8 7 0 1/);
    }
    expect(results[0]!.say).toBe("Thank you for calling Demo Plumbing. This is the automated assistant. What is the five-digit ZIP code where you need service?");
    expect(final.say).toBe("You are booked for tomorrow between 9 and 11 AM. Thank you for calling Demo Plumbing. Goodbye.");
  });

  it("uses the caller's name and address in the standard profile", () => {
    const results = converse(BOOKING_CALL);
    expect(results[3]!.say).toContain("Thanks, Maria Lopez.");
    expect(results[5]!.say).toContain("I have 123 Main Street");
    expect(last(results).say).toContain("You're all set, Maria Lopez.");
  });
});
