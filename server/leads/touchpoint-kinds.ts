// The customer touchpoints the office logs; the lead is updated after each one.
export const TOUCHPOINT_KINDS = [
  { kind: "called_back", label: "Called back" },
  { kind: "left_voicemail", label: "Left voicemail" },
  { kind: "texted", label: "Texted" },
  { kind: "note", label: "Note" },
] as const;

export type TouchpointKind = (typeof TOUCHPOINT_KINDS)[number]["kind"];
