import { describe, expect, it } from "vitest";
import { callerLabel, phoneLabel, sourceReferenceLabel, taskStateLabel } from "./labels";

describe("a task's state on screen", () => {
  it("reads as an office manager would say it, never a raw status", () => {
    expect(taskStateLabel({ doneAt: null, overdue: false })).toBe("To do");
    expect(taskStateLabel({ doneAt: null, overdue: true })).toBe("Overdue");
    expect(taskStateLabel({ doneAt: new Date(), overdue: false })).toBe("Done");
  });
});

describe("where a lead came in, in words", () => {
  it("shows a referral's or a form's own words", () => {
    expect(sourceReferenceLabel("Referred by the Hendersons")).toBe("Referred by the Hendersons");
    expect(sourceReferenceLabel("Website contact form")).toBe("Website contact form");
  });

  it("never shows a call id, a message id or an API key's reference", () => {
    for (const ref of [
      "CA0123456789abcdef0123456789abcdef",
      "SM0123456789abcdef0123456789abcdef",
      "api:2b1f6c1e-order-1234",
      "",
      null,
    ])
      expect(sourceReferenceLabel(ref), String(ref)).toBeNull();
  });
});

describe("a caller and a number on screen", () => {
  it("writes a US number as people write it, and leaves anything else as given", () => {
    expect(phoneLabel("+15125550143")).toBe("(512) 555-0143");
    expect(phoneLabel("dana@outbox.test")).toBe("dana@outbox.test");
    expect(phoneLabel(null)).toBe("");
  });

  it("names a caller by name, else by their number in words, else as unknown", () => {
    expect(callerLabel({ callerName: "Maria Lopez", callerPhone: "+15125550143" })).toBe("Maria Lopez");
    expect(callerLabel({ callerName: null, callerPhone: "+15125550143" })).toBe("(512) 555-0143");
    expect(callerLabel({ callerName: "", callerPhone: "" })).toBe("Unknown caller");
  });
});
