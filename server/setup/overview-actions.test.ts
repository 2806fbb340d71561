import { describe, expect, it } from "vitest";
import { actionFor, checklistLinkLabel, navSectionLabel } from "./overview-actions";

const addCard = { label: "Add a card to keep it on after Dec 20", href: "settings/billing" };
const setUpHours = { label: "Set up hours", href: "settings/hours" };

describe("what the overview and the menu offer each role", () => {
  it("offers the billing button to owners and operators only", () => {
    expect(actionFor("owner", addCard)).toEqual(addCard);
    expect(actionFor("operator", addCard)).toEqual(addCard);
    expect(actionFor("manager", addCard)).toBeNull();
    expect(actionFor("staff", addCard)).toBeNull();
  });

  it("offers a setup step to those who may change setup, not to staff", () => {
    expect(actionFor("manager", setUpHours)).toEqual(setUpHours);
    expect(actionFor("staff", setUpHours)).toBeNull();
    expect(actionFor("staff", null)).toBeNull();
  });

  it("shows staff a View link on the checklist instead of Edit or Set up", () => {
    expect(checklistLinkLabel("staff", { href: "settings/hours", done: true })).toBe("View");
    expect(checklistLinkLabel("owner", { href: "settings/hours", done: true })).toBe("Edit");
    expect(checklistLinkLabel("owner", { href: "settings/hours", done: false })).toBe("Set up");
  });

  it("marks the menu's Setup section view only for staff", () => {
    expect(navSectionLabel("staff", "Setup")).toBe("Setup (view only)");
    expect(navSectionLabel("owner", "Setup")).toBe("Setup");
    expect(navSectionLabel("staff", "Work")).toBe("Work");
  });
});
