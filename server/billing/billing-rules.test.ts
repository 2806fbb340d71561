// Billing and the service gate: the gate for every subscription status × setup state,
// the past_due grace period, the usage credit policy, and how Stripe's state is read.
import { describe, expect, it } from "vitest";
import type Stripe from "stripe";
import type { SubscriptionStatus } from "@/server/db/generated/enums";
import { billingEligibility, PAST_DUE_GRACE_DAYS } from "./billing-eligibility";
import { customerOfEvent } from "./handle-stripe-webhook";
import { classifyUsage, CREDIT_REASONS, type UsageFacts } from "./record-usage";
import { decideGate } from "./service-gate";
import { accountFieldsFrom, pickSubscription } from "./sync-subscription";

const NOW = new Date("2026-11-20T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

const STATUSES: SubscriptionStatus[] = [
  "none",
  "trialing",
  "active",
  "past_due",
  "incomplete",
  "incomplete_expired",
  "unpaid",
  "canceled",
  "paused",
];
const ELIGIBLE = new Set<SubscriptionStatus>(["trialing", "active", "past_due"]);

function gateFor(
  status: SubscriptionStatus,
  setupComplete: boolean,
  extra: { paused?: boolean; detachedAt?: Date | null; pastDueSince?: Date } = {},
) {
  const billing = billingEligibility({ status, pastDueSince: extra.pastDueSince ?? daysAgo(1) }, NOW);
  return decideGate(
    {
      billingEligible: billing.eligible,
      billingReason: billing.reason,
      paused: extra.paused ?? false,
      detachedAt: extra.detachedAt ?? null,
    },
    setupComplete,
    setupComplete ? [] : ["Booking slots"],
  );
}

describe("AI workflow only runs for eligible setup and subscription states", () => {
  const cases = STATUSES.flatMap((status) => [true, false].map((setup) => [status, setup] as const));
  it.each(cases)("subscription %s with setup complete=%s", (status, setup) => {
    const gate = gateFor(status, setup);
    expect(gate.open).toBe(setup && ELIGIBLE.has(status));
    expect(gate.reasons.some((r) => r.startsWith("Setup is not complete: booking slots missing"))).toBe(
      !setup,
    );
    expect(gate.reasons.some((r) => r.startsWith("Billing:"))).toBe(!ELIGIBLE.has(status));
  });

  it.each(STATUSES.filter((s) => !ELIGIBLE.has(s)))("says exactly why the AI is off for %s", (status) => {
    const reason = gateFor(status, true).reasons.join(" ");
    expect(reason).toMatch(/^Billing: .+: .+\.$/);
    expect(reason).not.toBe("Billing: ");
  });

  it.each(STATUSES)(
    "Service gate blocks AI actions when the account is detached or paused (status %s)",
    (status) => {
      expect(gateFor(status, true, { detachedAt: daysAgo(0) })).toMatchObject({ open: false });
      expect(gateFor(status, true, { detachedAt: daysAgo(0) }).reasons).toContain(
        "The service was detached after cancellation.",
      );
      expect(gateFor(status, true, { paused: true }).reasons).toContain(
        "The service is paused by your agency.",
      );
    },
  );

  it(`keeps a past_due subscription eligible for the ${PAST_DUE_GRACE_DAYS}-day grace period, then not`, () => {
    expect(
      billingEligibility({ status: "past_due", pastDueSince: daysAgo(PAST_DUE_GRACE_DAYS - 0.01) }, NOW)
        .eligible,
    ).toBe(true);
    const after = billingEligibility({ status: "past_due", pastDueSince: daysAgo(PAST_DUE_GRACE_DAYS) }, NOW);
    expect(after.eligible).toBe(false);
    expect(after.reason).toContain("past due since 2026-11-13");
    expect(after.graceEndsAt).toEqual(NOW);
  });

  it("treats a tenant without any billing account as having no subscription", () => {
    expect(billingEligibility(null, NOW)).toEqual({
      eligible: false,
      reason: "There is no subscription yet: choose a plan on the Billing page.",
      graceEndsAt: null,
    });
  });
});

describe("Usage billing uses idempotent references and credits useless calls", () => {
  const billable: UsageFacts = {
    isTest: false,
    inArea: true,
    captured: { zip: "78701", callerName: "Ann", issueSummary: "leak" },
    closeReason: null,
    repeatOfBillable: false,
  };
  it("bills an in-area call with information", () =>
    expect(classifyUsage(billable)).toEqual({ outcome: "billable", creditReason: null }));
  it("never bills a simulated test call", () =>
    expect(classifyUsage({ ...billable, isTest: true }).creditReason).toBe("test_call"));
  it("credits a call that was not from a customer (sales call, recording, wrong number) like a test call", () => {
    expect(classifyUsage({ ...billable, closeReason: "not_a_customer" })).toEqual({
      outcome: "credited",
      creditReason: "not_a_customer",
    });
    expect(CREDIT_REASONS.not_a_customer).toMatch(/^Not a customer/);
  });
  it("credits an out-of-area caller", () =>
    expect(classifyUsage({ ...billable, inArea: false }).creditReason).toBe("out_of_area"));
  it("credits a caller who gave nothing (spam, robocall, silence)", () => {
    expect(
      classifyUsage({
        ...billable,
        inArea: null,
        captured: { zip: null, callerName: null, issueSummary: null },
      }).creditReason,
    ).toBe("spam");
    expect(classifyUsage({ ...billable, closeReason: "spam" }).creditReason).toBe("spam");
  });
  it("credits a repeat call from the same number within 24 hours", () => {
    expect(classifyUsage({ ...billable, repeatOfBillable: true }).creditReason).toBe("duplicate");
    expect(classifyUsage({ ...billable, closeReason: "duplicate" }).creditReason).toBe("duplicate");
  });
});

function sub(
  id: string,
  status: string,
  created: number,
  extra: Partial<Stripe.Subscription> = {},
): Stripe.Subscription {
  const price = (pid: string, usage: "licensed" | "metered", amount: number) => ({
    id: pid,
    nickname: usage === "metered" ? "AI-handled call" : "LeadRescue Pro",
    unit_amount: amount,
    currency: "usd",
    recurring: { usage_type: usage },
  });
  return {
    id,
    status,
    created,
    customer: "cus_1",
    cancel_at_period_end: false,
    trial_end: null,
    items: {
      data: [
        { price: price("price_base", "licensed", 14900), current_period_start: 100, current_period_end: 200 },
        { price: price("price_call", "metered", 400), current_period_start: 100, current_period_end: 200 },
      ],
    },
    ...extra,
  } as unknown as Stripe.Subscription;
}

describe("convergent sync reads the current subscription, not the event", () => {
  it("picks the most alive subscription, newest first", () => {
    expect(
      pickSubscription([sub("a", "canceled", 3), sub("b", "active", 1), sub("c", "trialing", 2)])?.id,
    ).toBe("b");
    expect(pickSubscription([sub("a", "canceled", 1), sub("b", "canceled", 2)])?.id).toBe("b");
    expect(pickSubscription([])).toBeNull();
  });
  it("copies plan, prices and period from the subscription", () => {
    expect(accountFieldsFrom(sub("s", "active", 1), null, NOW)).toMatchObject({
      subscriptionId: "s",
      status: "active",
      priceId: "price_base",
      planName: "LeadRescue Pro",
      baseAmount: 14900,
      perCallAmount: 400,
      currentPeriodEnd: new Date(200_000),
    });
  });
  it("keeps the first time past_due was seen, so the grace period does not restart on every event", () => {
    const first = accountFieldsFrom(
      sub("s", "past_due", 1),
      { status: "active", pastDueSince: null },
      daysAgo(3),
    );
    expect(first.pastDueSince).toEqual(daysAgo(3));
    expect(
      accountFieldsFrom(sub("s", "past_due", 1), { status: "past_due", pastDueSince: daysAgo(3) }, NOW)
        .pastDueSince,
    ).toEqual(daysAgo(3));
    expect(
      accountFieldsFrom(sub("s", "active", 1), { status: "past_due", pastDueSince: daysAgo(3) }, NOW)
        .pastDueSince,
    ).toBeNull();
  });
  it("finds the customer of every event type it syncs on, and ignores the others", () => {
    expect(
      customerOfEvent({
        type: "customer.subscription.updated",
        data: { object: { object: "subscription", customer: "cus_1" } },
      } as never),
    ).toBe("cus_1");
    expect(
      customerOfEvent({
        type: "invoice.paid",
        data: { object: { object: "invoice", customer: "cus_2" } },
      } as never),
    ).toBe("cus_2");
    expect(
      customerOfEvent({
        type: "customer.updated",
        data: { object: { object: "customer", id: "cus_3" } },
      } as never),
    ).toBe("cus_3");
    expect(
      customerOfEvent({
        type: "payment_intent.created",
        data: { object: { object: "payment_intent", customer: "cus_4" } },
      } as never),
    ).toBeNull();
  });
});
