import { describe, expect, it } from "vitest";
import { inboxEmptyText, othersOpenNote } from "./inbox-empty-state";

describe("what an empty inbox says", () => {
  it("tells a staff member whose open leads there are instead of calling the inbox empty", () => {
    const text = inboxEmptyText({
      filtered: false,
      canPlaceTestCalls: false,
      othersOpen: [{ ownerName: "Marco Ruiz", total: 3 }],
    });
    expect(text.title).not.toMatch(/empty/);
    expect(text.othersNote).toBe("3 open leads are with Marco Ruiz.");
    expect(text.testCallHint).toBe(false);
  });

  it("never points staff to Test your flow, a page they may not open", () => {
    expect(inboxEmptyText({ filtered: false, canPlaceTestCalls: false, othersOpen: [] })).toMatchObject({
      title: "The inbox is empty.",
      testCallHint: false,
    });
  });

  it("offers the owner a test call while the business has no leads", () => {
    expect(inboxEmptyText({ filtered: false, canPlaceTestCalls: true, othersOpen: [] }).testCallHint).toBe(
      true,
    );
  });

  it("still says whose open leads there are under a filter", () => {
    const text = inboxEmptyText({
      filtered: true,
      canPlaceTestCalls: false,
      othersOpen: [{ ownerName: "Marco Ruiz", total: 1 }],
    });
    expect(text.title).toBe("No leads match these filters.");
    expect(text.othersNote).toBe("1 open lead is with Marco Ruiz.");
  });

  it("names every owner holding open leads", () => {
    expect(
      othersOpenNote([
        { ownerName: "Marco Ruiz", total: 3 },
        { ownerName: "Ana Lee", total: 1 },
      ]),
    ).toBe("3 open leads are with Marco Ruiz, 1 with Ana Lee.");
    expect(othersOpenNote([])).toBeNull();
  });
});
