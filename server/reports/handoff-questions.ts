// The weekly handoff QA's five questions: plain data, shared by the QA page (in the browser) and
// the server. Every question is asked so that "no" marks a problem. No server imports here.

export const HANDOFF_QUESTIONS = [
  { key: "ownerCorrect", label: "Was the owner assignment correct?" },
  { key: "notesSufficient", label: "Were the notes sufficient?" },
  { key: "waitReasonable", label: "Was the wait reasonable (the owner did not wait too long)?" },
  { key: "noRepeat", label: "Did the customer get by without repeating themselves?" },
  { key: "outcomeMatched", label: "Did the outcome match the urgency and the source?" },
] as const;
export type HandoffQuestion = (typeof HANDOFF_QUESTIONS)[number]["key"];
export type HandoffAnswers = Record<HandoffQuestion, boolean | null>;
