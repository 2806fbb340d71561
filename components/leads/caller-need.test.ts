import { describe, expect, it } from "vitest";
import { callerNeedWords } from "./caller-need";

const call = (...turns: [string, string][]) => ({
  turns: turns.map(([speaker, text]) => ({ speaker, text })),
});

describe("what the caller needs, on a phone", () => {
  it("is the caller's own words about the problem, not the agent's read-back", () => {
    const words = callerNeedWords({
      issueSummary: "Slow bathroom drain",
      evidence: null,
      calls: [
        call(
          ["agent", "What's going on with your plumbing?"],
          ["caller", "my bathroom drain is really slow"],
          ["agent", "Can I get your name?"],
          ["caller", "Priya Patel, at 412 Congress Avenue please"],
          ["agent", "So that's Priya Patel at 412 Congress Ave, tomorrow at 9 AM. Is that right?"],
          ["caller", "yes"],
        ),
      ],
    });
    expect(words).toBe("my bathroom drain is really slow");
  });

  it("prefers the quote the issue was taken from", () => {
    expect(
      callerNeedWords({
        issueSummary: "Burst pipe",
        evidence: "a pipe burst under my kitchen sink",
        calls: [call(["caller", "hello?"])],
      }),
    ).toBe("a pipe burst under my kitchen sink");
  });

  it("is nothing when the caller said nothing", () => {
    expect(
      callerNeedWords({ issueSummary: null, evidence: null, calls: [call(["agent", "Hello?"])] }),
    ).toBeNull();
  });
});
