// The customer touchpoints the office logs (seed 000 §7 "Update pipeline state after each customer touchpoint").
export const TOUCHPOINT_KINDS = [
  { kind: "called_back", label: "Called back" },
  { kind: "left_voicemail", label: "Left voicemail" },
  { kind: "texted", label: "Texted" },
  { kind: "note", label: "Note" },
] as const;

export type TouchpointKind = (typeof TOUCHPOINT_KINDS)[number]["kind"];
