// Quick-fill lines for the tester, in the order a typical call needs them, plus the things real
// callers say in between (a question, a correction, a no to the first time offered). The ZIPs are
// the business's own: one it serves and one it does not (server/simulator/sample-zips.ts).
import { phoneLabel } from "@/server/leads/labels";

export function samplePhrases(zips: { inArea: string | null; outOfArea: string | null }): string[] {
  return [
    ...(zips.inArea ? [`My ZIP is ${zips.inArea}`] : []),
    ...(zips.outOfArea ? [`My ZIP is ${zips.outOfArea}`] : []),
    ...SAMPLE_PHRASES,
  ];
}

const SAMPLE_PHRASES = [
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

/**
 * A fictional caller, written as a person types a number: "(512) 555-0142". 512 555-01xx is
 * reserved for fiction (0100–0109 left to the demo phones); "+1…" typed in is accepted as well.
 */
export function fictionalCaller(): string {
  return phoneLabel(`+1512555${String(110 + Math.floor(Math.random() * 90)).padStart(4, "0")}`);
}
