// The after-call check's findings on transcripts the live call handled wrongly.
import { describe, expect, it } from "vitest";
import { newCallState, type CallState } from "@/server/voice/state-machine";
import { SAFETY_QUESTIONS } from "@/server/voice/scripts";
import {
  afterCallFlagsOf,
  checkAfterCall,
  emergencyInCall,
  isSafetyQuestionLine,
  type AfterCallInput,
} from "./after-call-check";

const TENANT = { serviceZips: ["78701"], bookingSlots: [], timeZone: "America/Chicago" };
const caller = (text: string) => ({ speaker: "caller", text });
const agent = (text: string) => ({ speaker: "agent", text });

function input(
  turns: AfterCallInput["turns"],
  over: Partial<AfterCallInput> = {},
  state: Partial<CallState> = {},
): AfterCallInput {
  return {
    state: { ...newCallState(), stage: "ended", ...state },
    lead: {
      status: "followup_needed",
      zip: null,
      inArea: null,
      issueSummary: null,
      urgency: "high",
      callerName: null,
      address: null,
      appointmentAt: null,
      transcriptExcerpt: "AI: …",
      closeReason: null,
    },
    turns,
    taskKinds: ["callback"],
    tenant: TENANT,
    ...over,
  };
}

describe("a missed emergency is found in the whole call", () => {
  it("a cue said at the name question", () => {
    expect(
      emergencyInCall([agent("And your name?"), caller("Dana Reyes, and I smell gas in the kitchen")]),
    ).toMatchObject({ kind: "gas_smell", how: "line" });
  });

  it("a cue split across two answers (the caller's lines joined)", () => {
    const lines = [
      agent("What's going on?"),
      caller("The toilet upstairs is overflowing"),
      agent("And your name?"),
      caller("It's Dana Reyes. And it's still going, it won't stop"),
    ];
    expect(emergencyInCall(lines)).toMatchObject({ kind: "flooding", how: "joined" });
  });

  it("a safety question the caller hung up on counts as yes", () => {
    expect(isSafetyQuestionLine(`Got it. ${SAFETY_QUESTIONS.water}`)).toBe(true);
    expect(isSafetyQuestionLine(`Got it. ${SAFETY_QUESTIONS.gas}`)).toBe(true);
    expect(isSafetyQuestionLine(SAFETY_QUESTIONS.no_service)).toBe(true);
    expect(isSafetyQuestionLine("And what's your name?")).toBe(false);
    expect(
      emergencyInCall([caller("the water heater is acting up"), agent(`Thanks. ${SAFETY_QUESTIONS.water}`)]),
    ).toMatchObject({ kind: "flooding", how: "unanswered_safety_question" });
    expect(
      emergencyInCall([caller("it smells funny by the stove"), agent(SAFETY_QUESTIONS.gas)]),
    ).toMatchObject({ kind: "gas_smell" });
    // Answered: the answer is what counts.
    expect(
      emergencyInCall([
        caller("the water heater is acting up"),
        agent(SAFETY_QUESTIONS.water),
        caller("no, it's just noisy"),
      ]),
    ).toBeNull();
  });

  it("the model's reading of the whole call when the rules hear nothing", () => {
    expect(
      emergencyInCall([caller("something's really wrong downstairs, it's bad down there")], "flooding"),
    ).toMatchObject({ kind: "flooding", how: "model" });
    expect(emergencyInCall([caller("the faucet drips")])).toBeNull();
  });

  it("flags it only when the call did not treat it as an emergency", () => {
    const turns = [
      caller("78701"),
      caller("the toilet upstairs is overflowing"),
      caller("it's still going, it won't stop"),
    ];
    const missed = checkAfterCall(input(turns));
    expect(missed.missedEmergency).toMatchObject({ kind: "flooding" });
    expect(missed.flags).toEqual([
      expect.objectContaining({ kind: "emergency_missed", code: "emergency_joined" }),
    ]);
    expect(missed.flags[0]!.detail).toContain("water that won't stop");
    const handled = checkAfterCall(input(turns, { lead: { ...input(turns).lead!, urgency: "emergency" } }));
    expect(handled.missedEmergency).toBeNull();
    expect(handled.flags).toEqual([]);
  });
});

describe("other misses are QA flags", () => {
  it("a callback request without a callback task", () => {
    const r = checkAfterCall(
      input([caller("can you just have someone call me back later")], { taskKinds: [] }),
    );
    expect(r.flags).toEqual([expect.objectContaining({ kind: "callback_missed" })]);
    expect(checkAfterCall(input([caller("please call me back")], { taskKinds: ["callback"] })).flags).toEqual(
      [],
    );
    expect(
      checkAfterCall(input([caller("no need to call me back, I'll book online")], { taskKinds: [] })).flags,
    ).toEqual([]);
  });

  it("a stored detail the caller never said", () => {
    const state = { fields: { callerName: "Maria Lopez" }, evidence: { callerName: "this is Maria Lopez" } };
    const r = checkAfterCall(
      input(
        [caller("this is Maria Gomez")],
        { lead: { ...input([]).lead!, callerName: "Maria Lopez" } },
        state,
      ),
    );
    expect(r.flags).toEqual([
      expect.objectContaining({ kind: "ungrounded_detail", code: "evidence_not_said" }),
    ]);
  });

  it("a required field missing on a booked call", () => {
    const state: Partial<CallState> = {
      outcome: "booked",
      fields: { zip: "78701", inArea: true, appointmentAt: "2026-03-03T15:00:00Z" },
      evidence: { zip: "78701", inArea: "78701", appointmentAt: "the first one" },
      transcript: [{ speaker: "agent", text: "And your name?", stage: "name" }],
    };
    const r = checkAfterCall(
      input(
        [caller("78701"), caller("the first one")],
        {
          lead: {
            ...input([]).lead!,
            zip: "78701",
            inArea: true,
            appointmentAt: "2026-03-03T15:00:00Z",
            status: "booked",
          },
        },
        state,
      ),
    );
    expect(r.flags.map((f) => f.kind)).toContain("field_missing");
    expect(r.flags.find((f) => f.kind === "field_missing")!.detail).toContain("address");
  });

  it("reads stored flags back with their labels", () => {
    expect(
      afterCallFlagsOf([
        { kind: "callback_missed", code: "x", detail: "d" },
        { kind: "nonsense", detail: "d" },
        null,
      ]),
    ).toEqual([
      {
        kind: "callback_missed",
        code: "x",
        detail: "d",
        label: "Missed callback request",
        criterion: "wrong_qualification_path",
      },
    ]);
  });
});
