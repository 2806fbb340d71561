// The daily routine's lists and the tabs that show them (pure: the page imports it too).
export const ROUTINE_SECTIONS = ["new", "hot", "appointments", "activity", "review", "callbacks"] as const;
export type RoutineSection = (typeof ROUTINE_SECTIONS)[number];

/** The page's tabs and the lists each shows; a lead can be on more than one list of a tab. */
export const ROUTINE_TABS = {
  morning: ["new", "hot", "appointments"],
  midday: ["activity"],
  "end-of-day": ["review", "callbacks"],
} as const satisfies Record<string, readonly RoutineSection[]>;
export type RoutineTab = keyof typeof ROUTINE_TABS;
