import { describe, expect, it } from "vitest";
import { MONDAY_MORNING } from "@/server/test/call-conversation";
import { createIntakeEngine, type ExtractResult } from "@/server/intake/engine";
import { extraction, type ExtractInput } from "@/server/intake/extraction";
import { newCallState, parseCallState, type CallContext, type CallState } from "@/server/voice/state-machine";
import {
  intakeInputFromForm,
  takeIntakeTurn,
  type IntakeInput,
  type IntakeTurn,
} from "@/server/voice/take-turn";

const BASE = "https://app.example.com";
const CTX: CallContext = {
  ...MONDAY_MORNING,
  serviceZips: ["78701"],
  bookingSlots: [
    { weekday: 2, startMinute: 9 * 60, endMinute: 11 * 60 },
    { weekday: 4, startMinute: 13 * 60, endMinute: 15 * 60 },
  ],
  now: "2026-03-02T15:00:00Z",
  callerPhone: undefined,
};

describe("one intake webhook turn", () => {
  it("runs a whole call through the AI SDK engine and TwiML: start → zip → issue → safety → name → visit → address → slot → read-back → booked", async () => {
    const engine = createIntakeEngine({ provider: "local" });
    const forms: Array<Record<string, string>> = [
      { SpeechResult: "my zip is 7 8 7 0 1", Confidence: "0.91" },
      { SpeechResult: "The toilet upstairs is overflowing." },
      // The safety question: the water stays in the bowl.
      { SpeechResult: "No, it's just the bowl, it's not on the floor." },
      { SpeechResult: "It's Dave Kim." },
      { SpeechResult: "Yeah, book a visit please." },
      { SpeechResult: "4500 North Lamar Boulevard, apartment 12" },
      { SpeechResult: "Thursday at 1 works." },
      // The read-back.
      { SpeechResult: "Yes, that's right." },
    ];
    // Between webhooks the state lives in a Json column: round-trip it every turn.
    let stored: unknown = {};
    const turns: IntakeTurn[] = [];
    for (const input of [{ kind: "start" } as IntakeInput, ...forms.map(intakeInputFromForm)]) {
      const turn = await takeIntakeTurn({
        state: parseCallState(stored),
        input,
        ctx: CTX,
        engine,
        baseUrl: BASE,
      });
      stored = JSON.parse(JSON.stringify(turn.result.state));
      turns.push(turn);
    }

    const final = turns[turns.length - 1]!;
    expect(final.result.state.outcome).toBe("booked");
    expect(final.result.state.fields).toEqual({
      zip: "78701",
      inArea: true,
      issueSummary: "The toilet upstairs is overflowing",
      urgency: "high",
      callerName: "Dave Kim",
      bookingIntent: "visit",
      address: "4500 North Lamar Boulevard, apartment 12",
      appointmentAt: "2026-03-05T19:00:00.000Z",
      // The unit, for the office.
      notes: "Unit 12",
    });
    expect(turns.slice(1).every((t) => t.extract?.modelUsed === "local:rules" && !t.extract.fellBack)).toBe(
      true,
    );
    expect(
      turns
        .slice(0, -1)
        .every(
          (t) =>
            t.twiml.includes('<Gather input="') &&
            t.twiml.includes(`action="${BASE}/api/twilio/voice/intake"`),
        ),
    ).toBe(true);
    expect(final.twiml).toMatch(
      /<Say>You're all set, Dave\. A plumber from Demo Plumbing will see you Thursday, March 5, between 1 and 3 PM\..*<\/Say><Hangup\/><\/Response>$/,
    );
  });

  it("hands the engine the question being answered, the profile and the offered slots", async () => {
    const calls: ExtractInput[] = [];
    const engine = {
      async extract(input: ExtractInput): Promise<ExtractResult> {
        calls.push(input);
        return { extraction: extraction({ zip: "78701" }), modelUsed: "stub", fellBack: false, elapsedMs: 0 };
      },
    };
    const started = await takeIntakeTurn({
      state: newCallState("safe"),
      input: { kind: "start" },
      ctx: CTX,
      engine,
      baseUrl: BASE,
    });
    expect(calls).toEqual([]);
    const turn = await takeIntakeTurn({
      state: started.result.state,
      input: { kind: "speech", text: "78701" },
      ctx: CTX,
      engine,
      baseUrl: BASE,
    });
    expect(calls).toEqual([
      {
        stage: "zip",
        utterance: "78701",
        profile: "safe",
        slotsOffered: [],
        slotsMentioned: [],
        slotsDeclined: [],
      },
    ]);
    expect(turn.extract?.modelUsed).toBe("stub");
    expect(turn.result.state.stage).toBe("issue");
  });

  it("turns a failed warm transfer into an urgent callback, then takes the name and address", async () => {
    const engine = createIntakeEngine({ provider: "local" });
    let state: CallState = (
      await takeIntakeTurn({
        state: newCallState(),
        input: { kind: "start" },
        ctx: CTX,
        engine,
        baseUrl: BASE,
      })
    ).result.state;
    const escalated = await takeIntakeTurn({
      state,
      input: { kind: "speech", text: "water is pouring through my ceiling" },
      ctx: CTX,
      engine,
      baseUrl: BASE,
    });
    expect(escalated.twiml).toContain(
      `<Dial timeout="20" answerOnBridge="true" action="${BASE}/api/twilio/voice/intake?leg=transfer"`,
    );
    state = escalated.result.state;
    const failed = await takeIntakeTurn({
      state,
      input: { kind: "transfer_result", answered: false },
      ctx: CTX,
      engine,
      baseUrl: BASE,
    });
    expect(failed.extract).toBeNull();
    expect(failed.result.actions).toContainEqual(
      expect.objectContaining({ type: "create_task", kind: "urgent_callback", dueInMinutes: 5 }),
    );
    expect(failed.twiml).not.toContain("<Hangup/>");
    expect(failed.twiml).toContain(`<Gather input="speech"`);
    expect(failed.twiml).toContain(
      `<Say>I'm sorry, I couldn't reach anyone just now. Please keep following the safety advice I gave you. I've marked this urgent, and someone will call you back within 5 minutes at this number. So they know who to ask for, what's your name?</Say>`,
    );
    expect(failed.result.state.stage).toBe("name");
    state = failed.result.state;
    const named = await takeIntakeTurn({
      state,
      input: { kind: "speech", text: "Lena Fischer" },
      ctx: CTX,
      engine,
      baseUrl: BASE,
    });
    expect(named.twiml).toContain("And what's the address where the problem is, with the house number?");
    const done = await takeIntakeTurn({
      state: named.result.state,
      input: { kind: "speech", text: "918 Barton Springs Road" },
      ctx: CTX,
      engine,
      baseUrl: BASE,
    });
    expect(done.result.state).toMatchObject({
      outcome: "followup_needed",
      endReason: "transfer_failed",
      fields: { callerName: "Lena Fischer", address: "918 Barton Springs Road" },
    });
    expect(done.result.actions.filter((a) => a.type === "create_task")).toEqual([]);
    expect(done.twiml).toMatch(
      /<Say>Thank you\. Someone from Demo Plumbing will call you back within 5 minutes at this number\. Goodbye\.<\/Say><Hangup\/><\/Response>$/,
    );
  });

  it("reads the caller's answer from a Gather post", () => {
    expect(intakeInputFromForm({ SpeechResult: " my zip is 78701 " })).toEqual({
      kind: "speech",
      text: "my zip is 78701",
    });
    expect(intakeInputFromForm({ Digits: "78701" })).toEqual({ kind: "speech", text: "78701" });
    expect(intakeInputFromForm({ SpeechResult: "" })).toEqual({ kind: "silence" });
    expect(intakeInputFromForm({})).toEqual({ kind: "silence" });
  });
});
