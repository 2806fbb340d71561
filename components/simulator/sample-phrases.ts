// Quick-fill lines for the tester, in the order a typical call needs them, plus the things real
// callers say in between (a question, a correction, a no to the first time offered).
export const SAMPLE_PHRASES = [
  "My ZIP is 78701",
  "My ZIP is 10001",
  "My kitchen sink is leaking",
  "Water is pouring from a burst pipe",
  "My name is Jane Doe",
  "Please book a visit",
  "Please call me back",
  "No thanks",
  "123 Main Street",
  "Yeah, that works",
  "No, that doesn't work for me",
  "The second one",
  "How much is this going to cost?",
  "Are you a real person?",
  "Can someone come today?",
  "Can I talk to a person?",
] as const;

/** A fictional caller: +1 512 555-01xx is reserved for fiction (0100–0109 left to the demo phones). */
export function fictionalCaller(): string {
  return `+1512555${String(110 + Math.floor(Math.random() * 90)).padStart(4, "0")}`;
}
