// The connection check in words (pure, shared by the overview and the Phone numbers page): one
// sentence that says exactly which is true — a real call arrived, Twilio points the number here,
// Twilio points it elsewhere, or nothing is known yet.
import type { AiStatus } from "@/server/billing/ai-status";
import { phoneLabel } from "@/server/leads/labels";

/** What Twilio says about one number. */
export type TwilioCheck =
  | { state: "connected" }
  | { state: "points_elsewhere"; voiceUrl: string; smsUrl: string; voiceOk: boolean; smsOk: boolean }
  | { state: "not_in_account" }
  | { state: "unreadable"; message: string };

export type NumberConnection = {
  id: string;
  e164: string;
  receivingCallsAt: Date | null;
  twilio: TwilioCheck;
};

export type ConnectionSummary = {
  /** receiving: a real call arrived; connected: Twilio points here, no call yet; elsewhere: Twilio points elsewhere; unknown: neither is known. */
  state: "receiving" | "connected" | "elsewhere" | "unknown" | "no_numbers";
  sentence: string;
};

const day = (timeZone: string, d: Date) =>
  new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric" }).format(d);

/** One sentence that says exactly which of the facts is true, worst first. */
export function connectionSummary(numbers: NumberConnection[], timeZone: string): ConnectionSummary {
  if (!numbers.length)
    return { state: "no_numbers", sentence: "No tracking number yet, so no call can reach LeadRescue." };
  const elsewhere = numbers.find(
    (n) => n.twilio.state === "points_elsewhere" || n.twilio.state === "not_in_account",
  );
  if (elsewhere) {
    const t = elsewhere.twilio;
    const phone = phoneLabel(elsewhere.e164);
    if (t.state === "points_elsewhere" && t.voiceOk)
      return {
        state: "elsewhere",
        sentence: `Texts to ${phone} do not reach LeadRescue: Twilio sends them to ${t.smsUrl || "nowhere"}. Fix it on Phone numbers.`,
      };
    const where =
      t.state === "points_elsewhere"
        ? `Twilio sends them to ${t.voiceUrl || "nowhere"}`
        : "it is not in your Twilio account";
    return {
      state: "elsewhere",
      sentence: `Calls to ${phone} do not reach LeadRescue: ${where}. Fix it on Phone numbers.`,
    };
  }
  const receiving = numbers
    .filter((n) => n.receivingCallsAt)
    .sort((a, b) => a.receivingCallsAt!.getTime() - b.receivingCallsAt!.getTime());
  const first = receiving[0];
  if (first && receiving.length === numbers.length) {
    return {
      state: "receiving",
      sentence: `Calls to ${numbers.map((n) => phoneLabel(n.e164)).join(", ")} reach LeadRescue: the first arrived on ${day(timeZone, first.receivingCallsAt!)}.`,
    };
  }
  const waiting = numbers.filter((n) => !n.receivingCallsAt);
  const verified = waiting.every((n) => n.twilio.state === "connected");
  const names = waiting.map((n) => phoneLabel(n.e164)).join(", ");
  if (verified)
    return {
      state: "connected",
      sentence: `Twilio sends calls to ${names} to LeadRescue; no real call has come in yet.`,
    };
  return {
    state: "unknown",
    sentence: `No real call to ${names} has reached LeadRescue yet, and Twilio could not be asked where it sends them. Call the number once to check.`,
  };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * The overview's sentence: the AI status (setup, billing, pause) and, once the AI is on, whether
 * calls really reach it. "On" is only said as far as the connection check can back it.
 */
export function overviewStatus(ai: AiStatus, summary: ConnectionSummary | null): AiStatus {
  if (ai.state === "off" || !summary || summary.state === "no_numbers") return ai;
  if (summary.state === "elsewhere") {
    return {
      state: "off",
      sentence: `The AI is ready, but ${lowerFirst(summary.sentence)}`,
      action: { label: "Fix the connection", href: "settings/phone" },
    };
  }
  const sentence = `${ai.sentence} ${summary.sentence}`;
  if (summary.state === "unknown")
    return {
      state: "ending",
      sentence,
      action: ai.action ?? { label: "Check the connection", href: "settings/phone" },
    };
  return { ...ai, sentence };
}
