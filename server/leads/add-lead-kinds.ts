// How a lead typed in by the office came in, and the lead source each becomes: a phone call the
// plumber took himself or a walk-in is entered by hand (`manual`); a referral is a `referral`.
// Pure, so the Add lead page can list them.
export const ADD_LEAD_KINDS = [
  { kind: "phone_call", label: "A call I took myself", source: "manual" },
  { kind: "walk_in", label: "Walk-in", source: "manual" },
  { kind: "referral", label: "Referral", source: "referral" },
] as const;
export type AddLeadKind = (typeof ADD_LEAD_KINDS)[number]["kind"];
