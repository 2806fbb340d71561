import { describe, expect, it } from "vitest";
import { ownershipRefusal, type OwnershipLead } from "./ownership-rules";

const base: OwnershipLead = {
  status: "followup_needed",
  urgency: "normal",
  source: "web_form",
  ownerId: "u1",
  acceptedAt: null,
  isEstimate: false,
  followUpAt: null,
  notes: null,
};

describe("ownership rules", () => {
  it("Emergency work cannot sit unowned", () => {
    expect(ownershipRefusal(null, { ...base, urgency: "emergency", ownerId: null })).toMatchObject({
      field: "ownerId",
      message: expect.stringMatching(/Emergency work cannot sit unowned/),
    });
    expect(ownershipRefusal(null, { ...base, urgency: "emergency", ownerId: "u1" })).toBeNull();
    // Closing it is not "sitting unowned".
    expect(
      ownershipRefusal(null, { ...base, urgency: "emergency", ownerId: null, status: "closed" }),
    ).toBeNull();
  });

  it("Estimate leads need both an owner and a target follow-up date", () => {
    expect(ownershipRefusal(null, { ...base, isEstimate: true })).toMatchObject({
      field: "followUpAt",
      message: expect.stringMatching(/target follow-up date/),
    });
    expect(
      ownershipRefusal(null, { ...base, isEstimate: true, ownerId: null, followUpAt: new Date() }),
    ).toMatchObject({ field: "ownerId" });
    expect(ownershipRefusal(null, { ...base, isEstimate: true, followUpAt: new Date() })).toBeNull();
  });

  it("Recovered missed calls do not go back into a generic pool", () => {
    const call = { ...base, source: "phone" as const, status: "answered_by_ai" as const };
    expect(ownershipRefusal(call, { ...call, ownerId: null })).toMatchObject({
      message: expect.stringMatching(/generic pool/),
    });
    // A call the plumber answered was never missed.
    expect(
      ownershipRefusal(
        { ...call, status: "answered_by_plumber" },
        { ...call, status: "answered_by_plumber", ownerId: null },
      ),
    ).toBeNull();
  });

  it("Referral-source leads should preserve the referral context in the notes", () => {
    const referral = {
      ...base,
      source: "referral" as const,
      notes: "Referred by Mrs. Alvarez (kitchen remodel 2024)",
    };
    expect(ownershipRefusal(referral, { ...referral, notes: "  " })).toMatchObject({
      field: "notes",
      message: expect.stringMatching(/referral context/),
    });
    expect(ownershipRefusal(referral, referral)).toBeNull();
  });

  it("Once a lead is accepted, responsibility does not bounce back informally", () => {
    const accepted = { ...base, acceptedAt: new Date() };
    expect(ownershipRefusal(accepted, { ...accepted, ownerId: "u2" })).toMatchObject({
      field: "reason",
      message: expect.stringMatching(/handing it to someone else needs a reason/),
    });
    expect(
      ownershipRefusal(accepted, { ...accepted, ownerId: "u2" }, { reason: "Sam is off sick" }),
    ).toBeNull();
  });
});
