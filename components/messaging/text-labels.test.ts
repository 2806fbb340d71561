import { describe, expect, it } from "vitest";
import { sentTextNote } from "./text-labels";

describe("the line under a text the business sent", () => {
  const status = { sent: "sent", failed: "failed" };
  it("names what the text is for in words, never the stored key", () => {
    expect(sentTextNote({ purpose: "text_back", status: "sent" }, status)).toBe(
      "Missed-call text-back · sent",
    );
    expect(sentTextNote({ purpose: "reminder_24h", status: "sent" }, status)).toBe(
      "Reminder (24 h before) · sent",
    );
    expect(sentTextNote({ purpose: "reminder_2h", status: "failed", errorCode: "30007" }, status)).toBe(
      "Reminder (2 h before) · failed · error 30007",
    );
  });
});
