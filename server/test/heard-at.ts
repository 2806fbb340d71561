// Test kit for the rules' unit tests: one caller answer read at one question, as a live call reads
// it (speech recognition's missing apostrophes restored first), and the three weekly openings the
// slot tests choose among (tomorrow Tuesday 9 AM, Wednesday 1 PM, Thursday 9 AM).
import { extractByRules, heardAsWritten, type slotChoiceOf } from "@/server/intake/rules-extract";
import type { IntakeStage } from "@/server/intake/extraction";

export const heardAt = (stage: IntakeStage, said: string) =>
  extractByRules({
    stage,
    utterance: heardAsWritten(said),
    slotsOffered: [],
    slotsMentioned: [],
    slotsDeclined: [],
  });

export const THREE_SLOTS = [
  { day: "Tuesday", relativeDay: "tomorrow", hour: 9 },
  { day: "Wednesday", relativeDay: null, hour: 13 },
  { day: "Thursday", relativeDay: null, hour: 9 },
] as unknown as Parameters<typeof slotChoiceOf>[1];
