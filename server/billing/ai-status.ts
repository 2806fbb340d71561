// The one sentence at the top of the overview, the billing page and the banner: does the AI
// answer missed calls right now, until when, and — when it does not — the one thing to do.
// Pure: it reads the service gate's facts, the checklist and the billing account.
import type { SubscriptionStatus } from "@/server/db/generated/enums";

export type AiStatusFacts = {
  gateOpen: boolean;
  paused: boolean;
  /** Setup steps still missing, in checklist order (not billing). */
  missingSteps: { label: string; href: string }[];
  billing: {
    status: SubscriptionStatus;
    eligible: boolean;
    reason: string | null;
    trialEnd: Date | null;
    hasPaymentMethod: boolean;
  };
  cancellation: { requestedAt: Date | null; detachAt: Date | null; detachedAt: Date | null };
  timeZone: string;
  /** The person reading is the agency operator, who paused it: they resume it themselves. */
  viewerIsOperator?: boolean;
};

export type AiStatus = {
  /** on: answering now; ending: answering until a cancellation takes effect; off. */
  state: "on" | "ending" | "off";
  sentence: string;
  /** The one thing to do, as a link inside the business (href relative to /t/<slug>/). */
  action: { label: string; href: string } | null;
};

export function formatBusinessTime(timeZone: string, d: Date): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(d);
}

const day = (timeZone: string, d: Date) =>
  new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric" }).format(d);

const BILLING_ACTION: Partial<Record<SubscriptionStatus, string>> = {
  none: "Start your plan",
  canceled: "Subscribe again",
  incomplete_expired: "Subscribe again",
  incomplete: "Finish paying",
  past_due: "Update your card",
  unpaid: "Update your card",
  paused: "Add a card",
};

export function aiStatus(f: AiStatusFacts): AiStatus {
  const at = (d: Date) => formatBusinessTime(f.timeZone, d);
  const c = f.cancellation;
  if (c.detachedAt)
    return {
      state: "off",
      sentence: `The AI is off: the service was cancelled and stopped answering on ${at(c.detachedAt)}.`,
      action: null,
    };
  if (f.paused) {
    return f.viewerIsOperator
      ? {
          state: "off",
          sentence: "The AI is off: your agency paused this business. Resume it from the agency console.",
          action: null,
        }
      : {
          state: "off",
          sentence: "The AI is off: your agency paused the service. Ask them to resume it.",
          action: null,
        };
  }
  const step = f.missingSteps[0];
  if (step) {
    const more = f.missingSteps.length - 1;
    return {
      state: "off",
      sentence: `The AI is not answering calls yet: set up your ${step.label.toLowerCase()}${more ? ` (${more} more step${more === 1 ? "" : "s"} after that)` : ""}.`,
      action: { label: `Set up ${step.label.toLowerCase()}`, href: step.href },
    };
  }
  if (!f.billing.eligible) {
    return {
      state: "off",
      sentence: `The AI is not answering calls: ${f.billing.reason ?? "billing is not active."}`,
      action: { label: BILLING_ACTION[f.billing.status] ?? "Open billing", href: "settings/billing" },
    };
  }
  if (!f.gateOpen)
    return { state: "off", sentence: "The AI is not answering calls right now.", action: null };
  if (c.requestedAt && c.detachAt) {
    return {
      state: "ending",
      sentence: `Cancelled — the AI stops answering on ${at(c.detachAt)}; undo until then.`,
      action: { label: "Undo cancellation", href: "settings/billing" },
    };
  }
  if (f.billing.status === "trialing" && f.billing.trialEnd && !f.billing.hasPaymentMethod) {
    return {
      state: "on",
      sentence: `The AI answers missed calls right now: free trial until ${day(f.timeZone, f.billing.trialEnd)}.`,
      action: {
        label: `Add a card to keep it on after ${day(f.timeZone, f.billing.trialEnd)}`,
        href: "settings/billing",
      },
    };
  }
  return { state: "on", sentence: "The AI answers missed calls right now.", action: null };
}
