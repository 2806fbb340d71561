import { describe, expect, it } from "vitest";
import { changedUnderneath, editField, editedFields, followLead, startLeadForm } from "./lead-form-state";

const opened = {
  ownerId: "marco",
  nextAction: "Confirm the appointment with the customer",
  dueAt: "2026-12-07T09:00",
};
const afterTouchpoint = {
  ...opened,
  nextAction: "Get the street address from Tom",
  dueAt: "2026-12-07T11:00",
};

describe("a lead form follows the lead", () => {
  it("shows the new next action after a touchpoint set one elsewhere on the page", () => {
    const s = followLead(startLeadForm(opened), afterTouchpoint);
    expect(s.values).toEqual(afterTouchpoint);
    expect(changedUnderneath(s)).toEqual([]);
  });

  it("keeps unsaved edits when the lead changes underneath them, and names what changed", () => {
    const edited = editField(startLeadForm(opened), "ownerId", "priya");
    const s = followLead(edited, afterTouchpoint);
    expect(s.values).toEqual({ ...opened, ownerId: "priya" });
    expect(s.base).toEqual(opened);
    expect(changedUnderneath(s)).toEqual(["nextAction", "dueAt"]);
  });

  it("starts again from the lead once its own save comes back", () => {
    const edited = editField(startLeadForm(opened), "nextAction", "Call Tom back");
    const s = followLead(edited, { ...opened, nextAction: "Call Tom back" });
    expect(s).toEqual(startLeadForm({ ...opened, nextAction: "Call Tom back" }));
  });

  it("does not change while the lead reads the same", () => {
    const edited = editField(startLeadForm(opened), "nextAction", "Call Tom back");
    expect(followLead(edited, { ...opened })).toBe(edited);
  });

  it("names only the fields the person changed, so an untouched field is never written back", () => {
    const s = followLead(editField(startLeadForm(opened), "ownerId", "priya"), afterTouchpoint);
    expect(editedFields(s)).toEqual(["ownerId"]);
  });
});

describe("a value saved with spaces around it", () => {
  it("follows the lead the server stored trimmed, without saying it changed underneath", () => {
    const typed = editField(startLeadForm({ nextAction: "Call Tom" }), "nextAction", "Call Tom back ");
    const after = followLead(typed, { nextAction: "Call Tom back" });
    expect(after.values.nextAction).toBe("Call Tom back");
    expect(changedUnderneath(after)).toEqual([]);
  });
});
