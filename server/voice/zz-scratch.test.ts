import { it } from "vitest";
import { extraction, type PromptProfileName } from "@/server/intake/extraction";
import { extractByRules } from "@/server/intake/rules-extract";
import { newCallState, transition, extractionStage, type CallContext, type CallState, type TransitionResult } from "@/server/voice/state-machine";
const CTX: CallContext = { businessName: "Demo Plumbing", serviceZips: ["78701", "78702"], bookingSlots: [ { weekday: 2, startMinute: 540, endMinute: 660 }, { weekday: 4, startMinute: 780, endMinute: 900 } ], timeZone: "America/Chicago", now: "2026-03-02T15:00:00Z", onCallPhone: "+15125550199" };
function hear(state: CallState, text: string, ctx = CTX): TransitionResult {
  const stage = extractionStage(state);
  const x = stage ? extractByRules({ stage, utterance: text, slotsOffered: state.slotsOffered, slotsMentioned: state.slotsMentioned, slotsDeclined: state.slotsDeclined }) : extraction();
  return transition(state, { type: "heard", text, extraction: x }, ctx);
}
function run(lines: string[], ctx = CTX, profile: PromptProfileName = "standard") {
  let r = transition(newCallState(profile), { type: "start" }, ctx);
  for (const l of lines) { r = hear(r.state, l, ctx); console.log("C:", l, "\nAI:", r.say, "|", r.state.stage, r.state.endReason); }
  console.log(JSON.stringify(r.state.fields));
}
it("x", () => {
  run(["78701", "the shower drain is clogged", "it's Tomás Ortega", "yeah book a visit", "4410 Duval Street"]);
  run(["78701", "what's this gonna cost me?"]);
  run(["78701", "how much is this gonna cost?"]);
});
