import { describe, expect, it } from "vitest";
import { CallStep } from "@/server/db/generated/enums";
import { INTAKE_STAGES } from "@/server/intake/extraction";
import { CALL_MOVES, CALL_STEPS, FIRST_STEP, LAST_STEP, moveAfterTurn, type StepMove } from "./call-steps";

const known = new Set<string>(Object.values(CallStep));
const moves = Object.entries(CALL_MOVES) as [string, StepMove & { webhook: string }][];

/** The steps a call can reach from `start` by the table's moves. */
function reachableFrom(start: string): Set<string> {
  const seen = new Set([start]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [, move] of moves)
      if (move.from.some((s) => seen.has(s)) && !seen.has(move.to)) {
        seen.add(move.to);
        grew = true;
      }
  }
  return seen;
}

describe("the call's steps", () => {
  it("names exactly the steps the database knows, each with what it means", () => {
    expect(Object.keys(CALL_STEPS).sort()).toEqual([...known].sort());
    for (const meaning of Object.values(CALL_STEPS)) expect(meaning.length).toBeGreaterThan(10);
  });

  it("moves only between known steps", () => {
    for (const [name, move] of moves) {
      for (const from of move.from) expect(known.has(from), `${name} starts from ${from}`).toBe(true);
      expect(known.has(move.to), `${name} goes to ${move.to}`).toBe(true);
      expect(move.webhook, name).toMatch(/^(\/api\/twilio\/voice|spool recovery|lost-transfer sweep)/);
    }
  });

  it("starts every call ringing, from nothing", () => {
    const starts = moves.filter(([, m]) => m.from.length === 0);
    expect(starts.map(([n]) => n)).toEqual(["incoming"]);
    expect(CALL_MOVES.incoming.to).toBe(FIRST_STEP);
  });

  it("reaches every step from a new call", () => {
    expect([...reachableFrom(FIRST_STEP)].sort()).toEqual([...known].sort());
  });

  it("can end a call from every step, and an ended call goes nowhere else", () => {
    for (const step of known) expect(reachableFrom(step).has(LAST_STEP), step).toBe(true);
    const fromEnded = moves.filter(([, m]) => (m.from as readonly string[]).includes(LAST_STEP));
    for (const [name, move] of fromEnded) expect(move.to, name).toBe(LAST_STEP);
  });

  it("lets the caller's hang-up end the call wherever it is, once", () => {
    expect([...CALL_MOVES.callEnd.from].sort()).toEqual([...known].sort());
    expect(CALL_MOVES.callEnd.check).toBe("endedAt");
  });

  it("ends a transfer nobody reported back on only from the transfer's own steps, once", () => {
    expect([...CALL_MOVES.transferLost.from].sort()).toEqual(["transfer_result", "transferring"]);
    expect(CALL_MOVES.transferLost.to).toBe(LAST_STEP);
    expect(CALL_MOVES.transferLost.check).toBe("endedAt");
  });

  it("claims each webhook's first delivery so a replay changes nothing", () => {
    // Every step a webhook answers out of is entered by a claimed move (a conditional update).
    const claimed = moves.filter(([, m]) => m.check !== "answer");
    for (const [, move] of moves.filter(([, m]) => m.check === "answer"))
      for (const from of move.from)
        expect(
          claimed.some(([, m]) => m.to === from),
          `${from} is entered by a claim`,
        ).toBe(true);
    expect(CALL_MOVES.intakeTurn.check).toBe("turn");
    expect(CALL_MOVES.dialResult.check).toBe("step");
    expect(CALL_MOVES.transferResult.check).toBe("step");
  });

  it("keeps the call in intake while the agent asks, and moves it when the agent transfers or ends", () => {
    for (const stage of INTAKE_STAGES) expect(moveAfterTurn(stage).to).toBe(CALL_MOVES.turnAnswered.to);
    expect(moveAfterTurn("ended")).toBe(CALL_MOVES.turnEnded);
    expect(moveAfterTurn("transferring")).toBe(CALL_MOVES.transferStarted);
  });
});
