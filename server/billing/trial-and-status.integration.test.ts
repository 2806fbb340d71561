// A new business from sign-up to cancellation, as the owner reads it: the same free trial as the
// demo businesses (no card), billing as the last checklist step, one sentence on whether the AI
// answers calls, Checkout during the trial that keeps the trial, and after "Cancel service" one
// cancelled state with no upcoming charge. Real SDK against the local Stripe fake.
import { TZDate } from "@date-fns/tz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateFormatter } from "@/components/billing/date-format";
import { completeSetup, makeTenant, makeUser, makeUsageEntry } from "@/prisma/factories";
import { env } from "@/server/env";
import { stripeClientFor, setStripeHandle, stripePlan } from "@/server/integrations/stripe";
import { startStripeFake, type StripeFake } from "@/server/integrations/stripe-fake/server";
import { callerFor } from "@/server/test/caller";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";
import { aiStatus } from "./ai-status";
import { requestCancellation } from "./request-cancellation";
import { carriedTrialEnd } from "./start-checkout";
import { startTrial, TRIAL_DAYS } from "./start-trial";
import { trialEndAt } from "./trial-end";
import { syncCustomer } from "./sync-subscription";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let fake: StripeFake;
const DAY = 86_400_000;

beforeAll(async () => {
  db = await useTestDatabase();
  fake = await startStripeFake({
    webhookUrl: "http://127.0.0.1:9/unused",
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    deliver: async () => ({ status: 200 }),
    prices: {
      baseId: stripePlan().basePriceId,
      usageId: stripePlan().usagePriceId,
      meterEventName: stripePlan().meterEventName,
    },
  });
  setStripeHandle({ stripe: stripeClientFor(fake.url), mode: "local", fake });
});
afterAll(async () => {
  setStripeHandle(undefined);
  await fake.close();
  await db.drop();
});

let seq = 0;
async function signUpOwner(businessName: string) {
  const email = `owner${++seq}-${Date.now()}@trial.test`;
  const { tenantSlug } = await callerFor(db.prisma, null).account.signUp({
    name: "Pat Owner",
    email,
    password: "a-long-password-1",
    businessName,
    timeZone: "America/Denver",
  });
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email } });
  const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: tenantSlug } });
  return { user, tenant, caller: callerFor(db.prisma, user.id, tenantSlug) };
}

describe(`a new business's trial, checklist and AI status (${engineName})`, () => {
  it("starts every new business on a 14-day free trial with no card, and makes billing the last checklist step", async () => {
    const before = Date.now();
    const { tenant, caller } = await signUpOwner("Fresh Start Plumbing");
    const account = await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(account).toMatchObject({ status: "trialing", hasPaymentMethod: false });
    // Noon, business time, 14 days after the day it started.
    expect(account.trialEnd).toEqual(trialEndAt(new Date(before), TRIAL_DAYS, "America/Denver"));
    expect(new TZDate(account.trialEnd!.getTime(), "America/Denver").getHours()).toBe(12);

    // Nothing set up yet: the AI is off and the one thing to do is the first missing step.
    const empty = await caller.setup.checklist();
    expect(empty.items.map((i) => i.key)).toEqual([
      "trackingNumber",
      "plumberPhone",
      "serviceArea",
      "businessHours",
      "bookingSlots",
      "billing",
    ]);
    expect(empty.items.at(-1)).toMatchObject({ done: true, href: "settings/billing" });
    expect(empty.items.at(-1)!.hint).toMatch(
      /^Free trial until [A-Z][a-z]{2} \d+, no card needed\. Add a card .* Then \$149\.00 a month \+ \$4\.00 per AI-handled call\.$/,
    );
    expect(empty.ai).toMatchObject({
      state: "off",
      action: { label: "Set up tracking number", href: "settings/phone" },
    });
    expect(empty.ai.sentence).toBe(
      "The AI is not answering calls yet: set up your tracking number (4 more steps after that).",
    );

    await completeSetup(db.prisma, tenant.id, { subscription: null });
    const ready = await caller.setup.checklist();
    expect(ready).toMatchObject({ complete: true, gate: { open: true }, ai: { state: "on" } });
    expect(ready.ai.sentence).toMatch(
      /^The AI answers missed calls right now: free trial until [A-Z][a-z]{2} \d+\.$/,
    );
    expect(ready.ai.action?.label).toMatch(/^Add a card to keep it on after /);
  });

  it("without a subscription, says the AI is off and that the plan is the one thing to do, with the price before Checkout", async () => {
    const owner = await makeUser(db.prisma);
    const tenant = await makeTenant(db.prisma, { name: "No Plan Plumbing", ownerId: owner.id });
    await completeSetup(db.prisma, tenant.id, { subscription: null });
    const caller = callerFor(db.prisma, owner.id, tenant.slug);
    const list = await caller.setup.checklist();
    expect(list).toMatchObject({
      setupComplete: true,
      complete: false,
      ai: { state: "off", action: { label: "Start your plan", href: "settings/billing" } },
    });
    expect(list.items.at(-1)).toMatchObject({ key: "billing", done: false });
    expect(list.items.at(-1)!.hint).toContain(
      "Free 14-day trial, then $149.00 a month + $4.00 per AI-handled call.",
    );
    const state = await caller.billing.state();
    expect(state.offer).toEqual({
      name: "LeadRescue Pro",
      baseAmount: 14900,
      perCallAmount: 400,
      currency: "usd",
      trialDays: 14,
    });
    expect(state).toMatchObject({ plan: null, canSubscribe: true, ai: { state: "off" } });
  });

  it("keeps the free trial when the owner subscribes during it: the card is saved and the first charge is on the trial's last day", async () => {
    const { tenant, caller } = await signUpOwner("Card Later Plumbing");
    await completeSetup(db.prisma, tenant.id, { subscription: null });
    const trialEnd = (await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } }))
      .trialEnd!;
    const state = await caller.billing.state();
    expect(state).toMatchObject({ status: "trialing", canSubscribe: true, checkoutTrialEnd: trialEnd });

    const { url } = await caller.billing.startCheckout();
    const sessionId = url.split("/").pop()!;
    expect(fake.state.checkoutSessions[sessionId]!.trial_end).toBe(Math.floor(trialEnd.getTime() / 1000));
    await fake.payCheckout(sessionId);
    const account = await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    await syncCustomer(systemDb(db.prisma), stripeClientFor(fake.url), account.stripeCustomerId!);

    const after = await caller.billing.state();
    expect(after).toMatchObject({
      status: "trialing",
      hasPaymentMethod: true,
      canSubscribe: false,
      gate: { open: true },
    });
    expect(after.trialEnd!.getTime()).toBe(Math.floor(trialEnd.getTime() / 1000) * 1000);
    // The card-less trial it replaced is cancelled; one subscription remains.
    const subs = Object.values(fake.state.subscriptions).filter(
      (s) => s.customer === account.stripeCustomerId,
    );
    expect(subs.map((s) => `${s.status}:${s.default_payment_method ? "card" : "none"}`).sort()).toEqual([
      "canceled:none",
      "trialing:card",
    ]);
    // A second Checkout is refused with a sentence, not a second subscription.
    await expect(caller.billing.startCheckout()).rejects.toThrow(
      "Your card is already on file: the plan starts when the free trial ends.",
    );
  });

  it("does not carry a trial that ends within 48 hours (Stripe refuses it), so the page can say the plan starts today", () => {
    const now = new Date("2026-12-01T18:00:00Z"); // noon in Chicago
    const tz = "America/Chicago";
    expect(
      carriedTrialEnd({ status: "trialing", trialEnd: new Date(now.getTime() + 3 * DAY) }, now, tz),
    ).toEqual(new Date(now.getTime() + 3 * DAY));
    expect(
      carriedTrialEnd({ status: "trialing", trialEnd: new Date(now.getTime() + DAY) }, now, tz),
    ).toBeNull();
    expect(carriedTrialEnd({ status: "active", trialEnd: null }, now, tz)).toBeNull();
    // A trial that ended late in the evening is carried to noon of the day the business sees.
    expect(
      carriedTrialEnd({ status: "trialing", trialEnd: new Date("2026-12-06T04:30:00Z") }, now, tz),
    ).toEqual(new Date("2026-12-05T18:00:00Z"));
  });

  it("names one last day of the trial on Billing, on the overview and on Stripe's Checkout, for a trial started late in the evening", async () => {
    const tz = "America/Chicago";
    // The next 10:30 PM in Chicago: already the next day in UTC.
    const local = new TZDate(Date.now(), tz);
    let evening = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), 22, 30, 0, 0, tz);
    if (evening.getTime() <= Date.now())
      evening = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, 22, 30, 0, 0, tz);
    const startedAt = new Date(evening.getTime());
    const eveningFake = await startStripeFake({
      webhookUrl: "http://127.0.0.1:9/unused",
      webhookSecret: env.STRIPE_WEBHOOK_SECRET,
      deliver: async () => ({ status: 200 }),
      now: () => startedAt,
      prices: {
        baseId: stripePlan().basePriceId,
        usageId: stripePlan().usagePriceId,
        meterEventName: stripePlan().meterEventName,
      },
    });
    setStripeHandle({ stripe: stripeClientFor(eveningFake.url), mode: "local", fake: eveningFake });
    try {
      const owner = await makeUser(db.prisma);
      const tenant = await makeTenant(db.prisma, {
        name: "Late Night Plumbing",
        ownerId: owner.id,
        timeZone: tz,
      });
      const tdb = tenantScoped(db.prisma, tenant.id);
      await startTrial(tdb, tenant.id, { now: startedAt });
      await completeSetup(db.prisma, tenant.id, { subscription: null });
      const caller = callerFor(db.prisma, owner.id, tenant.slug);
      const state = await caller.billing.state();
      const shown = dateFormatter(tz)(state.trialEnd);
      const first = new TZDate(startedAt.getTime(), tz);
      expect(shown).toBe(
        dateFormatter(tz)(
          new TZDate(first.getFullYear(), first.getMonth(), first.getDate() + 14, 12, 0, 0, 0, tz),
        ),
      );
      expect(state.checkoutTrialEnd).toEqual(state.trialEnd);
      expect(state.ai.sentence).toContain(`free trial until ${shown.replace(/, \d{4}$/, "")}`);
      const { url } = await caller.billing.startCheckout();
      const page = await (await fetch(url)).text();
      expect(page).toContain(`Your free trial continues until ${shown}: nothing is charged before then.`);
    } finally {
      setStripeHandle({ stripe: stripeClientFor(fake.url), mode: "local", fake });
      await eveningFake.close();
    }
  });

  it("after Cancel service shows one cancelled state: the detach time, no upcoming charge, and the overview agrees", async () => {
    const { tenant, user, caller } = await signUpOwner("Leaving Plumbing");
    await completeSetup(db.prisma, tenant.id, { subscription: null });
    await requestCancellation(
      { db: tenantScoped(db.prisma, tenant.id), tenantId: tenant.id, actorId: user.id },
      {
        stripe: async () => stripeClientFor(fake.url),
        scheduleDetach: async () => null,
        cancelDetachJob: async () => {},
      },
    );
    const detachAt = (await db.prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).detachAt!;
    const state = await caller.billing.state();
    expect(state).toMatchObject({
      statusLabel: "Cancelled",
      canSubscribe: false,
      usage: { estimate: null },
      ai: { state: "ending", action: { label: "Undo cancellation" } },
    });
    const when = new Intl.DateTimeFormat("en-US", {
      timeZone: "America/Denver",
      weekday: "short",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
    }).format(detachAt);
    expect(state.ai.sentence).toBe(`Cancelled — the AI stops answering on ${when}; undo until then.`);
    expect((await caller.setup.checklist()).ai.sentence).toBe(state.ai.sentence);
  });

  it("counts the usage card's billable calls and the ledger's 'This period' over the same period", async () => {
    const { tenant, caller } = await signUpOwner("Metered Plumbing");
    const periodStart = (await db.prisma.billingAccount.findUniqueOrThrow({ where: { tenantId: tenant.id } }))
      .currentPeriodStart!;
    await makeUsageEntry(db.prisma, tenant.id, { occurredAt: new Date(periodStart.getTime() - 3 * DAY) });
    await makeUsageEntry(db.prisma, tenant.id, { occurredAt: new Date(periodStart.getTime() + 1_000) });
    await makeUsageEntry(db.prisma, tenant.id, {
      occurredAt: new Date(periodStart.getTime() + 2_000),
      outcome: "credited",
      creditReason: "test_call",
    });
    const state = await caller.billing.state();
    const ledger = await caller.billing.usageLedger({ limit: 20, outcome: "billable" });
    expect(state.usage.billableCalls).toBe(1);
    expect(ledger.total).toBe(state.usage.billableCalls);
    expect((await caller.billing.usageLedger({ limit: 20, period: "all" })).total).toBe(3);
  });

  it("words each state in one sentence with the one thing to do", () => {
    const base = {
      gateOpen: true,
      paused: false,
      missingSteps: [],
      billing: {
        status: "active" as const,
        eligible: true,
        reason: null,
        trialEnd: null,
        hasPaymentMethod: true,
      },
      cancellation: { requestedAt: null, detachAt: null, detachedAt: null },
      timeZone: "America/Chicago",
    };
    expect(aiStatus(base)).toEqual({
      state: "on",
      sentence: "The AI answers missed calls right now.",
      action: null,
    });
    expect(aiStatus({ ...base, gateOpen: false, paused: true })).toMatchObject({
      state: "off",
      sentence: "The AI is off: your agency paused the service. Ask them to resume it.",
      action: null,
    });
    expect(
      aiStatus({
        ...base,
        gateOpen: false,
        billing: {
          ...base.billing,
          status: "past_due",
          eligible: false,
          reason: "Payment has been past due since 2026-11-01.",
        },
      }),
    ).toMatchObject({
      sentence: "The AI is not answering calls: Payment has been past due since 2026-11-01.",
      action: { label: "Update your card", href: "settings/billing" },
    });
  });
});
