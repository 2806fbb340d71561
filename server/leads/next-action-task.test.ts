import { describe, expect, it } from "vitest";
import { nextActionAsTask, noTasksText } from "./next-action-task";

const due = new Date("2026-12-08T15:00:00Z");
const booked = { status: "booked", nextAction: "Confirm the appointment with the customer", dueAt: due };

describe("a lead's tasks start with its next action", () => {
  it("a booked lead with no task rows lists confirming the visit, due, and says there are no other tasks", () => {
    expect(nextActionAsTask(booked, [])).toEqual({ title: booked.nextAction, dueAt: due });
    expect(noTasksText(booked)).toBe("No other tasks.");
  });

  it("is not listed twice when an open task already says it; a done one does not count", () => {
    const task = { title: "Confirm the appointment with the customer", doneAt: null };
    expect(nextActionAsTask(booked, [task])).toBeNull();
    expect(nextActionAsTask(booked, [{ ...task, doneAt: due }])).not.toBeNull();
  });

  it("a closed lead, or one without a next action, has nothing to list", () => {
    expect(nextActionAsTask({ ...booked, status: "closed" }, [])).toBeNull();
    expect(nextActionAsTask({ ...booked, nextAction: null }, [])).toBeNull();
    expect(noTasksText({ ...booked, nextAction: null })).toBe("No tasks on this lead.");
  });
});
