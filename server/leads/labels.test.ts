import { describe, expect, it } from "vitest";
import { taskStateLabel } from "./labels";

describe("a task's state on screen", () => {
  it("reads as an office manager would say it, never a raw status", () => {
    expect(taskStateLabel({ doneAt: null, overdue: false })).toBe("To do");
    expect(taskStateLabel({ doneAt: null, overdue: true })).toBe("Overdue");
    expect(taskStateLabel({ doneAt: new Date(), overdue: false })).toBe("Done");
  });
});
