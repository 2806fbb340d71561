import { describe, expect, it } from "vitest";
import { closeInputRefusal, closeReasonLabel, notACustomerLabel } from "./close-reasons";

describe("close stale leads with reason code", () => {
  it("accepts each reason code", () => {
    for (const reason of [
      "booked_elsewhere",
      "out_of_area",
      "declined",
      "not_plumbing",
      "duplicate",
      "spam",
      "price",
    ] as const)
      expect(closeInputRefusal({ reason })).toBeNull();
  });
  it("no answer after attempts needs the number of attempts", () => {
    expect(closeInputRefusal({ reason: "no_answer_after_attempts" })).toMatchObject({ field: "attempts" });
    expect(closeInputRefusal({ reason: "no_answer_after_attempts", attempts: 3 })).toBeNull();
    expect(closeReasonLabel("no_answer_after_attempts", 3)).toBe("No answer after 3 attempts");
  });
  it("other needs a note", () => {
    expect(closeInputRefusal({ reason: "other", note: " " })).toMatchObject({ field: "note" });
    expect(closeInputRefusal({ reason: "other", note: "Moved away" })).toBeNull();
  });
  it("refuses an unknown code", () => {
    expect(closeInputRefusal({ reason: "bored" as never })).toMatchObject({ field: "reason" });
  });
  it("a call that was not from a customer shows which kind, in plain words", () => {
    expect(closeInputRefusal({ reason: "not_a_customer" })).toBeNull();
    expect(closeReasonLabel("not_a_customer")).toBe("Not a customer");
    expect(notACustomerLabel({ closeReason: "not_a_customer", closeNote: "Sales call" })).toBe(
      "Not a customer: sales call",
    );
    expect(notACustomerLabel({ closeReason: "not_a_customer", closeNote: "Wrong number." })).toBe(
      "Not a customer: wrong number",
    );
    expect(notACustomerLabel({ closeReason: "not_a_customer", closeNote: null })).toBe("Not a customer");
    expect(notACustomerLabel({ closeReason: "spam", closeNote: "Sales call" })).toBeNull();
  });
});
