import { describe, expect, it } from "vitest";
import { acceptRefusal, handoffMissing, handoffState, handoffWaitingFor } from "./handoff";

const due = new Date("2026-11-20T16:00:00Z");
const all = { sawNotes: true, understandsNextStep: true, knowsDeadline: true, enoughContext: true };

describe("handoff contract", () => {
  it("a lead is not handed off until one owner is named, the next action is defined, the due time is visible and the receiver accepts", () => {
    expect(
      handoffState({ ownerId: "u1", nextAction: "Call back", dueAt: due, acceptedAt: new Date() }),
    ).toMatchObject({ handedOff: true, belongsTo: "owner", missing: [] });
  });

  it("if one of those four conditions is missing, the lead still belongs to intake — and says which", () => {
    const s = handoffState({ ownerId: "u1", nextAction: " ", dueAt: due, acceptedAt: null });
    expect(s.belongsTo).toBe("intake");
    expect(s.missing.map((m) => m.key)).toEqual(["nextAction", "acceptance"]);
    expect(
      handoffState({ ownerId: null, nextAction: null, dueAt: null, acceptedAt: null }).missing.map(
        (m) => m.label,
      ),
    ).toEqual([
      "Name one person who owns it",
      "Write the next action",
      "Set a due time",
      "The owner accepts it",
    ]);
  });

  it("the receiving owner should confirm all four acceptance standards", () => {
    const lead = {
      ownerId: "u1",
      nextAction: "Call back",
      dueAt: due,
      acceptedAt: null,
      status: "followup_needed",
    };
    expect(acceptRefusal(lead, "u1", all)).toBeNull();
    const r = acceptRefusal(lead, "u1", { ...all, knowsDeadline: false });
    expect(r?.message).toMatch(/"I know the deadline"/);
    expect(r?.field).toBe("confirmations.knowsDeadline");
  });

  it("only the named owner can accept", () => {
    const lead = {
      ownerId: "u1",
      nextAction: "Call back",
      dueAt: due,
      acceptedAt: null,
      status: "followup_needed",
    };
    expect(acceptRefusal(lead, "u2", all)?.message).toMatch(/Only the named owner/);
  });

  it("a handoff without a next action cannot be accepted — it is rejected with that reason instead", () => {
    const lead = { ownerId: "u1", nextAction: null, dueAt: due, acceptedAt: null, status: "followup_needed" };
    expect(acceptRefusal(lead, "u1", all)).toMatchObject({
      field: "nextAction",
      message: expect.stringMatching(/Reject it/),
    });
  });

  it("a lead waiting on the person reading the inbox waits for you, not for their name", () => {
    const waiting = handoffMissing({ ownerId: "u1", nextAction: "Call back", dueAt: due, acceptedAt: null });
    expect(handoffWaitingFor(waiting, "Dana Owner", true)).toEqual(["Waiting for you to accept"]);
    expect(handoffWaitingFor(waiting, "Dana Owner", false)).toEqual(["Waiting for Dana Owner to accept"]);
  });

  it("the inbox says what the lead still belongs to intake for, in plain words", () => {
    expect(
      handoffWaitingFor(
        handoffMissing({ ownerId: "u1", nextAction: "Call back", dueAt: due, acceptedAt: null }),
        "Sam Staff",
      ),
    ).toEqual(["Waiting for Sam Staff to accept"]);
    expect(
      handoffWaitingFor(
        handoffMissing({ ownerId: null, nextAction: null, dueAt: null, acceptedAt: null }),
        null,
      ),
    ).toEqual(["No owner yet", "No next action", "No due time"]);
    expect(
      handoffWaitingFor(
        handoffMissing({ ownerId: "u1", nextAction: "Call", dueAt: due, acceptedAt: new Date() }),
        "Sam",
      ),
    ).toEqual([]);
  });
});
