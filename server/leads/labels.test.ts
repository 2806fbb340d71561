import { describe, expect, it } from "vitest";
import { sourceReferenceLabel, taskStateLabel } from "./labels";

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
