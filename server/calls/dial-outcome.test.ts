import { describe, expect, it } from "vitest";
import { plumberAnswered } from "./dial-outcome";

describe("ring first (if answered by a person, the AI path is skipped)", () => {
  it("counts the plumber as answering only after they pressed 1 on the whisper", () => {
    expect(plumberAnswered("completed", true)).toBe(true);
    expect(plumberAnswered("answered", true)).toBe(true);
  });
  it("counts a voicemail or pocket answer (completed, no key press) as missed", () => {
    expect(plumberAnswered("completed", false)).toBe(false);
  });
  it("counts no-answer, busy, failed and canceled as missed", () => {
    for (const s of ["no-answer", "busy", "failed", "canceled"]) expect(plumberAnswered(s, true)).toBe(false);
  });
});
