// A small Stripe-compatible server (plain node:http) for local mode and tests: the real `stripe`
// SDK is pointed at it. It implements what LeadRescue calls — customers, Checkout sessions with a
// hosted page to "pay" on, Billing Portal sessions with a portal page, subscriptions, prices and
// billing meter events (deduped by identifier) — and delivers signed webhooks back to the app.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import Stripe from "stripe";
import { list, obj, parseStripeForm, str, strings, type FormObject } from "./form";
import { checkoutPage, connectOnboardingPage, portalPage } from "./pages";
import type {
  FakeAccount,
  FakeCheckoutSession,
  FakeCustomer,
  FakeEvent,
  FakeInvoice,
  FakeInvoiceLine,
  FakeMeterEvent,
  FakePendingItem,
  FakePrice,
  FakeState,
  FakeSubscription,
  FakeSubscriptionItem,
} from "./types";

export type StripeFakeOptions = {
  /** 0 = any free port. */
  port?: number;
  webhookUrl: string;
  webhookSecret: string;
  /** Connect: events of connected accounts are signed with the Connect endpoint's own secret (default: webhookSecret). */
  connectWebhookSecret?: string;
  prices: { baseId: string; usageId: string; meterEventName: string };
  /** Keep the state in this JSON file across restarts (local mode); unset = memory only. */
  statePath?: string;
  now?: () => Date;
  /** Replaces the HTTP POST to webhookUrl (tests hand the request straight to the route handler). */
  deliver?: (payload: string, signature: string) => Promise<{ status: number }>;
  log?: (message: string) => void;
};

export type StripeFake = {
  url: string;
  port: number;
  state: FakeState;
  /** Emits an event for an object and delivers it (awaited). */
  emit(type: string, object: unknown): Promise<FakeEvent>;
  /** Test / dev control: move a subscription to a status (e.g. past_due) and send the webhook. */
  setSubscriptionStatus(id: string, status: FakeSubscription["status"]): Promise<FakeSubscription>;
  /** Completes a Checkout session as if the browser paid (what the hosted page's button does). */
  payCheckout(sessionId: string, card?: string): Promise<FakeCheckoutSession>;
  /** Connect: finishes a connected account's onboarding (what the hosted onboarding page's button does). */
  completeOnboarding(accountId: string): Promise<FakeAccount>;
  /**
   * Connect: closes a billing period on a connected account, as Stripe does at renewal: for each
   * live subscription a draft invoice (the plan's price; 0 while a trial covers the period) is
   * created and `invoice.created` delivered (the app adds its lines and application fee then),
   * then it is finalized and paid (`invoice.finalized`, `invoice.paid`).
   */
  closePeriod(
    accountId: string,
    period: { start: number; end: number },
    only?: { subscriptions?: string[] },
  ): Promise<FakeInvoice[]>;
  /**
   * Test control: sets a subscription's current period (e.g. halfway through it), as time passing
   * would; a plan change then prorates against it.
   */
  setSubscriptionPeriod(id: string, period: { start: number; end: number }): FakeSubscription;
  /** Resolves when every webhook delivery started so far has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
};

const API_VERSION = "2026-10-28.endive";
const PERIOD_DAYS = 30;

class FakeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

function emptyState(): FakeState {
  return {
    seq: 0,
    customers: {},
    subscriptions: {},
    checkoutSessions: {},
    portalSessions: {},
    meterEvents: {},
    meterEventRequests: 0,
    meterEventSends: {},
    events: [],
    idempotency: {},
    accounts: {},
    accountLinks: {},
    invoices: {},
    createdPrices: {},
    pendingItems: {},
  };
}

/**
 * Pure: Stripe's proration of a price change at `at` within the item's current period
 * (proration_behavior=create_prorations): a credit for the unused time on the old price and a
 * charge for the remaining time on the new one, each prorated to the second and rounded to the
 * cent on its own. Nothing when the period is over or the change is at its very end.
 */
export function prorationAmounts(input: {
  oldUnitAmount: number;
  newUnitAmount: number;
  quantity: number;
  periodStart: number;
  periodEnd: number;
  at: number;
}): { credit: number; charge: number } | null {
  const length = input.periodEnd - input.periodStart;
  const left = input.periodEnd - Math.max(input.at, input.periodStart);
  if (length <= 0 || left <= 0) return null;
  const share = left / length;
  return {
    credit: -Math.round(input.oldUnitAmount * input.quantity * share),
    charge: Math.round(input.newUnitAmount * input.quantity * share),
  };
}

export async function startStripeFake(opts: StripeFakeOptions): Promise<StripeFake> {
  const now = opts.now ?? (() => new Date());
  const sec = () => Math.floor(now().getTime() / 1000);
  const log = opts.log ?? (() => {});
  const signer = new Stripe("sk_test_stripe_fake_signer");
  let state: FakeState = emptyState();
  if (opts.statePath && existsSync(opts.statePath)) {
    try {
      state = { ...emptyState(), ...(JSON.parse(readFileSync(opts.statePath, "utf8")) as FakeState) };
    } catch (err) {
      log(`Stripe fake: could not read ${opts.statePath} (${(err as Error).message}); starting empty.`);
    }
  }
  const save = () => {
    if (!opts.statePath) return;
    mkdirSync(path.dirname(opts.statePath), { recursive: true });
    state.events = state.events.slice(-200);
    writeFileSync(opts.statePath, JSON.stringify(state));
  };
  const newId = (prefix: string) =>
    `${prefix}_${(++state.seq).toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;

  const prices: Record<string, FakePrice> = {
    [opts.prices.baseId]: {
      id: opts.prices.baseId,
      object: "price",
      active: true,
      currency: "usd",
      unit_amount: 14900,
      nickname: "LeadRescue Pro",
      product: "prod_local_leadrescue",
      product_name: "LeadRescue Pro (monthly)",
      recurring: { interval: "month", usage_type: "licensed", meter: null },
      type: "recurring",
    },
    [opts.prices.usageId]: {
      id: opts.prices.usageId,
      object: "price",
      active: true,
      currency: "usd",
      unit_amount: 400,
      nickname: "AI-handled call",
      product: "prod_local_ai_calls",
      product_name: "AI-handled calls",
      recurring: { interval: "month", usage_type: "metered", meter: "mtr_local_ai_calls" },
      type: "recurring",
    },
  };
  const priceOf = (id: string, param: string, acct: string | null = null): FakePrice => {
    const p = prices[id] ?? state.createdPrices[id];
    // Connect: an object on another account does not exist from here.
    if (p && (p.account ?? null) !== acct && !(acct && !p.account && prices[id]))
      throw new FakeError(400, `No such price: '${id}'`, param, "resource_missing");
    if (!p) throw new FakeError(400, `No such price: '${id}'`, param, "resource_missing");
    return p;
  };

  // ── webhooks ──
  const pending = new Set<Promise<unknown>>();
  async function deliver(event: FakeEvent) {
    const payload = JSON.stringify(event, null, 2);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const signature = signer.webhooks.generateTestHeaderString({
        payload,
        secret: event.account ? (opts.connectWebhookSecret ?? opts.webhookSecret) : opts.webhookSecret,
        timestamp: sec(),
      });
      try {
        const res = opts.deliver
          ? await opts.deliver(payload, signature)
          : await fetch(opts.webhookUrl, {
              method: "POST",
              headers: { "content-type": "application/json", "stripe-signature": signature },
              body: payload,
              signal: AbortSignal.timeout(10_000),
            });
        if (res.status >= 200 && res.status < 300) return;
        log(`Stripe fake: webhook ${event.type} ${event.id} got ${res.status} (attempt ${attempt}).`);
      } catch (err) {
        log(
          `Stripe fake: webhook ${event.type} ${event.id} failed: ${(err as Error).message} (attempt ${attempt}).`,
        );
      }
      // Like Stripe, retry later (here: 1 s, then 4 s — e.g. while the app is still starting).
      if (attempt < 3) await new Promise((r) => setTimeout(r, 1000 * 4 ** (attempt - 1)));
    }
  }
  async function emit(type: string, object: unknown): Promise<FakeEvent> {
    const account =
      (object as { account?: string | null }).account ??
      (type.startsWith("account.") ? (object as { id: string }).id : null);
    const event: FakeEvent = {
      id: newId("evt"),
      object: "event",
      api_version: API_VERSION,
      created: sec(),
      type,
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      ...(account ? { account } : {}),
    };
    state.events.push(event);
    save();
    const p = deliver(event);
    pending.add(p);
    try {
      await p;
    } finally {
      pending.delete(p);
    }
    return event;
  }
  /** Emits without waiting (API calls answer first, like Stripe). */
  const emitLater = (type: string, object: unknown) => void emit(type, object);

  // ── objects ──
  function customer(id: string, param = "customer", acct?: string | null): FakeCustomer {
    const c = state.customers[id];
    if (!c || (acct !== undefined && (c.account ?? null) !== acct))
      throw new FakeError(404, `No such customer: '${id}'`, param, "resource_missing");
    return c;
  }
  function subscription(id: string, acct?: string | null): FakeSubscription {
    const s = state.subscriptions[id];
    if (!s || (acct !== undefined && (s.account ?? null) !== acct))
      throw new FakeError(404, `No such subscription: '${id}'`, "id", "resource_missing");
    return s;
  }
  function createSubscription(
    customerId: string,
    items: { price: string; quantity?: number }[],
    o: {
      trialDays?: number | null;
      trialEnd?: number | null;
      metadata?: Record<string, string>;
      status?: FakeSubscription["status"];
      paymentMethod?: string | null;
      account?: string | null;
      collectionMethod?: "charge_automatically" | "send_invoice";
    } = {},
  ): FakeSubscription {
    const acct = o.account ?? null;
    customer(customerId, "customer", acct);
    if (!items.length) throw new FakeError(400, "Missing required param: items.", "items");
    const start = sec();
    // trial_end (a time) wins over trial_period_days, as at Stripe.
    const trialEnd =
      o.trialEnd && o.trialEnd > start ? o.trialEnd : o.trialDays ? start + o.trialDays * 86400 : null;
    const periodEnd = trialEnd ?? start + PERIOD_DAYS * 86400;
    const id = newId("sub");
    const sub: FakeSubscription = {
      id,
      object: "subscription",
      customer: customerId,
      status: o.status ?? (trialEnd ? "trialing" : "active"),
      created: start,
      start_date: start,
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      trial_start: trialEnd ? start : null,
      trial_end: trialEnd,
      default_payment_method: o.paymentMethod ?? null,
      metadata: o.metadata ?? {},
      latest_invoice: null,
      livemode: false,
      ...(acct ? { account: acct } : {}),
      collection_method: o.collectionMethod ?? "charge_automatically",
      items: {
        object: "list",
        has_more: false,
        url: `/v1/subscription_items?subscription=${id}`,
        data: items.map((it, i): FakeSubscriptionItem => ({
          id: newId("si"),
          object: "subscription_item",
          price: priceOf(it.price, `items[${i}][price]`, acct),
          ...((prices[it.price] ?? state.createdPrices[it.price])?.recurring?.usage_type === "metered"
            ? {}
            : { quantity: it.quantity ?? 1 }),
          current_period_start: start,
          current_period_end: periodEnd,
          subscription: id,
        })),
      },
    };
    state.subscriptions[id] = sub;
    return sub;
  }
  const invoiceFor = (sub: FakeSubscription, status: "paid" | "open") => {
    const inv = {
      id: newId("in"),
      object: "invoice",
      customer: sub.customer,
      status,
      parent: { subscription_details: { subscription: sub.id } },
      created: sec(),
    };
    sub.latest_invoice = inv.id;
    return inv;
  };

  async function payCheckout(sessionId: string, card = "4242424242424242"): Promise<FakeCheckoutSession> {
    const session = state.checkoutSessions[sessionId];
    if (!session) throw new FakeError(404, `No such checkout session: '${sessionId}'`);
    if (session.status !== "open") return session;
    if (card.replace(/\D/g, "").endsWith("0002"))
      throw new FakeError(
        402,
        "Your card was declined. Try the card 4242 4242 4242 4242.",
        "card",
        "card_declined",
      );
    const sub = createSubscription(session.customer!, session.line_items, {
      trialDays: session.trial_period_days,
      trialEnd: session.trial_end,
      metadata: session.metadata,
      paymentMethod: `pm_card_${card.replace(/\D/g, "").slice(-4)}`,
    });
    const invoice = invoiceFor(sub, "paid");
    Object.assign(session, { status: "complete", payment_status: "paid", subscription: sub.id, url: null });
    save();
    await emit("customer.subscription.created", sub);
    await emit("checkout.session.completed", session);
    await emit("invoice.paid", invoice);
    return session;
  }

  async function setSubscriptionStatus(id: string, status: FakeSubscription["status"]) {
    const sub = subscription(id);
    sub.status = status;
    if (status === "canceled") Object.assign(sub, { canceled_at: sec(), ended_at: sec() });
    save();
    await emit(
      status === "canceled" ? "customer.subscription.deleted" : "customer.subscription.updated",
      sub,
    );
    if (status === "past_due" || status === "unpaid")
      await emit("invoice.payment_failed", invoiceFor(sub, "open"));
    return sub;
  }

  // ── Connect ──
  function account(id: string): FakeAccount {
    const a = state.accounts[id];
    if (!a) throw new FakeError(404, `No such account: '${id}'`, "account", "resource_missing");
    return a;
  }
  function invoice(id: string, acct: string | null, param = "id"): FakeInvoice {
    const inv = state.invoices[id];
    if (!inv || inv.account !== acct)
      throw new FakeError(404, `No such invoice: '${id}'`, param, "resource_missing");
    return inv;
  }
  function totals(inv: FakeInvoice) {
    inv.subtotal = inv.lines.data.reduce((n, l) => n + l.amount, 0);
    inv.total = inv.subtotal;
    inv.amount_due = inv.status === "paid" ? 0 : inv.total;
  }
  async function completeOnboarding(accountId: string): Promise<FakeAccount> {
    const a = account(accountId);
    Object.assign(a, { charges_enabled: true, payouts_enabled: true, details_submitted: true });
    save();
    await emit("account.updated", a);
    return a;
  }
  async function closePeriod(
    accountId: string,
    period: { start: number; end: number },
    only: { subscriptions?: string[] } = {},
  ): Promise<FakeInvoice[]> {
    account(accountId);
    const out: FakeInvoice[] = [];
    const subs = Object.values(state.subscriptions)
      .filter(
        (s) =>
          s.account === accountId &&
          ["active", "trialing", "past_due"].includes(s.status) &&
          (!only.subscriptions || only.subscriptions.includes(s.id)),
      )
      .sort((a, b) => a.created - b.created);
    for (const sub of subs) {
      const trial = sub.trial_end !== null && sub.trial_end >= period.end;
      const lines: FakeInvoiceLine[] = sub.items.data
        .filter((i) => i.price.recurring?.usage_type !== "metered")
        .map((i) => ({
          id: newId("il"),
          object: "line_item",
          amount: trial ? 0 : i.price.unit_amount * (i.quantity ?? 1),
          currency: i.price.currency,
          description: `${trial ? "Trial period for " : ""}${i.quantity ?? 1} × ${i.price.product_name}`,
          quantity: i.quantity ?? 1,
          metadata: {},
          invoice_item: null,
        }));
      // The plan changes' prorations since the last invoice go on this one, as at Stripe.
      for (const item of Object.values(state.pendingItems)) {
        if (item.subscription !== sub.id || item.invoice) continue;
        lines.push(item.line);
      }
      const inv: FakeInvoice = {
        id: newId("in"),
        object: "invoice",
        account: accountId,
        customer: sub.customer,
        status: "draft",
        currency: sub.items.data[0]?.price.currency ?? "usd",
        created: sec(),
        period_start: period.start,
        period_end: period.end,
        lines: { object: "list", data: lines, has_more: false, url: "/v1/invoices/lines" },
        subtotal: 0,
        total: 0,
        amount_due: 0,
        amount_paid: 0,
        application_fee_amount: null,
        metadata: {},
        parent: { subscription_details: { subscription: sub.id } },
        livemode: false,
      };
      totals(inv);
      state.invoices[inv.id] = inv;
      for (const item of Object.values(state.pendingItems))
        if (item.subscription === sub.id && !item.invoice) item.invoice = inv.id;
      sub.latest_invoice = inv.id;
      save();
      await emit("invoice.created", { ...inv, account: accountId });
      // Stripe finalizes about an hour later; the app's lines and fee are on the draft by then.
      inv.status = "paid";
      totals(inv);
      inv.amount_paid = inv.total;
      inv.amount_due = 0;
      save();
      await emit("invoice.finalized", { ...inv, account: accountId });
      await emit("invoice.paid", { ...inv, account: accountId });
      out.push(inv);
    }
    return out;
  }

  // ── API ──
  type Route = {
    method: string;
    pattern: RegExp;
    handle(m: string[], params: FormObject, req: IncomingMessage): Promise<unknown> | unknown;
  };
  const listOf = (data: unknown[], url: string) => ({ object: "list", data, has_more: false, url });
  const routes: Route[] = [
    {
      method: "POST",
      pattern: /^\/v1\/customers$/,
      handle: (_m, p, req) => {
        const acct = acctOf(req);
        const c: FakeCustomer = {
          id: newId("cus"),
          object: "customer",
          created: sec(),
          email: str(p.email) ?? null,
          name: str(p.name) ?? null,
          metadata: strings(p.metadata),
          livemode: false,
          ...(acct ? { account: acct } : {}),
        };
        state.customers[c.id] = c;
        return c;
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/customers\/([^/]+)$/,
      handle: ([id], _p, req) => customer(id!, "id", acctOf(req)),
    },
    {
      method: "POST",
      pattern: /^\/v1\/customers\/([^/]+)$/,
      handle: ([id], p) => {
        const c = customer(id!, "id");
        Object.assign(c, {
          ...(str(p.email) !== undefined ? { email: str(p.email) } : {}),
          ...(str(p.name) !== undefined ? { name: str(p.name) } : {}),
          metadata: { ...c.metadata, ...strings(p.metadata) },
        });
        emitLater("customer.updated", c);
        return c;
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/prices\/([^/]+)$/,
      handle: ([id], _p, req) => priceOf(id!, "id", acctOf(req)),
    },
    {
      method: "POST",
      pattern: /^\/v1\/checkout\/sessions$/,
      handle: (_m, p) => {
        if (str(p.mode) !== "subscription")
          throw new FakeError(400, "The local Stripe fake supports mode=subscription only.", "mode");
        const customerId = str(p.customer);
        if (!customerId) throw new FakeError(400, "Missing required param: customer.", "customer");
        customer(customerId);
        const successUrl = str(p.success_url);
        if (!successUrl) throw new FakeError(400, "Missing required param: success_url.", "success_url");
        const lineItems = list(p.line_items).map((li, i) => {
          const o = obj(li);
          const price = str(o.price);
          if (!price)
            throw new FakeError(
              400,
              `Missing required param: line_items[${i}][price].`,
              `line_items[${i}][price]`,
            );
          priceOf(price, `line_items[${i}][price]`);
          return { price, ...(str(o.quantity) ? { quantity: Number(str(o.quantity)) } : {}) };
        });
        if (!lineItems.length) throw new FakeError(400, "Missing required param: line_items.", "line_items");
        const id = newId("cs_test");
        const trial = str(obj(p.subscription_data).trial_period_days);
        const trialEnd = str(obj(p.subscription_data).trial_end);
        // Stripe refuses a Checkout trial that ends within 48 hours.
        if (trialEnd && Number(trialEnd) < sec() + 48 * 3600)
          throw new FakeError(
            400,
            "subscription_data[trial_end] must be at least 48 hours in the future.",
            "subscription_data[trial_end]",
          );
        const session: FakeCheckoutSession = {
          id,
          object: "checkout.session",
          mode: "subscription",
          status: "open",
          payment_status: "unpaid",
          customer: customerId,
          customer_email: customer(customerId).email,
          client_reference_id: str(p.client_reference_id) ?? null,
          success_url: successUrl.replace("{CHECKOUT_SESSION_ID}", id),
          cancel_url: str(p.cancel_url) ?? null,
          url: `${fake.url}/checkout/${id}`,
          subscription: null,
          metadata: { ...strings(p.metadata), ...strings(obj(p.subscription_data).metadata) },
          line_items: lineItems,
          trial_period_days: trial ? Number(trial) : null,
          trial_end: trialEnd ? Number(trialEnd) : null,
          created: sec(),
          livemode: false,
        };
        state.checkoutSessions[id] = session;
        return session;
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
      handle: ([id]) =>
        state.checkoutSessions[id!] ??
        (() => {
          throw new FakeError(404, `No such checkout session: '${id}'`, "id", "resource_missing");
        })(),
    },
    {
      method: "POST",
      pattern: /^\/v1\/billing_portal\/sessions$/,
      handle: (_m, p) => {
        const customerId = str(p.customer);
        if (!customerId) throw new FakeError(400, "Missing required param: customer.", "customer");
        customer(customerId);
        const id = newId("bps");
        const s = {
          id,
          object: "billing_portal.session" as const,
          customer: customerId,
          return_url: str(p.return_url) ?? "/",
          url: `${fake.url}/portal/${id}`,
          created: sec(),
          livemode: false as const,
        };
        state.portalSessions[id] = s;
        return s;
      },
    },
    {
      method: "POST",
      pattern: /^\/v1\/subscriptions$/,
      handle: (_m, p, req) => {
        const items = list(p.items).map((it) => ({
          price: str(obj(it).price) ?? "",
          ...(str(obj(it).quantity) ? { quantity: Number(str(obj(it).quantity)) } : {}),
        }));
        const trial = str(p.trial_period_days);
        const trialEnd = str(p.trial_end);
        const collectionMethod =
          str(p.collection_method) === "send_invoice"
            ? ("send_invoice" as const)
            : ("charge_automatically" as const);
        const sub = createSubscription(str(p.customer) ?? "", items, {
          trialDays: trial ? Number(trial) : null,
          trialEnd: trialEnd ? Number(trialEnd) : null,
          metadata: strings(p.metadata),
          paymentMethod: str(p.default_payment_method) ?? null,
          account: acctOf(req),
          collectionMethod,
        });
        emitLater("customer.subscription.created", sub);
        return sub;
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/subscriptions$/,
      handle: (_m, p, req) => {
        const c = str(p.customer);
        const status = str(p.status);
        const acct = acctOf(req);
        const subs = Object.values(state.subscriptions)
          .filter(
            (s) =>
              (s.account ?? null) === acct &&
              (!c || s.customer === c) &&
              (status === "all" || (status ? s.status === status : s.status !== "canceled")),
          )
          .sort((a, b) => b.created - a.created || b.id.localeCompare(a.id));
        return listOf(subs.slice(0, Number(str(p.limit) ?? 10)), "/v1/subscriptions");
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      handle: ([id], _p, req) => subscription(id!, acctOf(req)),
    },
    {
      method: "POST",
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      handle: ([id], p, req) => {
        const sub = subscription(id!, acctOf(req));
        if (sub.status === "canceled")
          throw new FakeError(
            400,
            "A canceled subscription can only update its metadata.",
            "cancel_at_period_end",
          );
        // A plan change: the item's price is swapped and, by default (create_prorations), Stripe
        // prorates it on the next invoice: a credit for the unused time on the old price and a
        // charge for the rest of the period on the new one. Nothing was charged during a trial, so
        // a change then prorates nothing.
        const behavior = str(p.proration_behavior) ?? "create_prorations";
        if (!["create_prorations", "none"].includes(behavior))
          throw new FakeError(
            400,
            "The local Stripe fake supports proration_behavior create_prorations and none.",
            "proration_behavior",
          );
        const at = str(p.proration_date) ? Number(str(p.proration_date)) : sec();
        const trialing = sub.status === "trialing" || (sub.trial_end !== null && sub.trial_end > at);
        list(p.items).forEach((it, i) => {
          const o = obj(it);
          const item = sub.items.data.find((x) => x.id === str(o.id));
          const price = str(o.price);
          if (!item || !price)
            throw new FakeError(
              400,
              `items[${i}] needs the id of one of the subscription's items and a price.`,
              `items[${i}]`,
            );
          const next = priceOf(price, `items[${i}][price]`, sub.account ?? null);
          const prorate =
            behavior === "create_prorations" &&
            !trialing &&
            next.id !== item.price.id &&
            item.price.recurring?.usage_type !== "metered"
              ? prorationAmounts({
                  oldUnitAmount: item.price.unit_amount,
                  newUnitAmount: next.unit_amount,
                  quantity: item.quantity ?? 1,
                  periodStart: item.current_period_start,
                  periodEnd: item.current_period_end,
                  at,
                })
              : null;
          if (prorate) {
            const day = new Date(Math.max(at, item.current_period_start) * 1000).toISOString().slice(0, 10);
            for (const [amount, price, what] of [
              [prorate.credit, item.price, "Unused time on"],
              [prorate.charge, next, "Remaining time on"],
            ] as const) {
              const id = newId("ii");
              const line: FakeInvoiceLine = {
                id: newId("il"),
                object: "line_item",
                amount,
                currency: price.currency,
                description: `${what} ${item.quantity ?? 1} × ${price.product_name} after ${day}`,
                quantity: item.quantity ?? 1,
                metadata: {},
                invoice_item: id,
                period: { start: Math.max(at, item.current_period_start), end: item.current_period_end },
                parent: {
                  type: "subscription_item_details",
                  subscription_item_details: {
                    subscription: sub.id,
                    subscription_item: item.id,
                    proration: true,
                    invoice_item: id,
                  },
                },
              };
              const pending: FakePendingItem = {
                id,
                account: sub.account ?? null,
                customer: sub.customer,
                subscription: sub.id,
                line,
                invoice: null,
              };
              state.pendingItems[id] = pending;
            }
          }
          item.price = next;
        });
        const cape = str(p.cancel_at_period_end);
        if (cape !== undefined) {
          sub.cancel_at_period_end = cape === "true";
          sub.cancel_at = sub.cancel_at_period_end ? (sub.items.data[0]?.current_period_end ?? null) : null;
          sub.canceled_at = sub.cancel_at_period_end ? sec() : null;
        }
        sub.metadata = { ...sub.metadata, ...strings(p.metadata) };
        emitLater("customer.subscription.updated", sub);
        return sub;
      },
    },
    {
      method: "DELETE",
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      handle: ([id], _p, req) => {
        const sub = subscription(id!, acctOf(req));
        Object.assign(sub, { status: "canceled", canceled_at: sec(), ended_at: sec() });
        emitLater("customer.subscription.deleted", sub);
        return sub;
      },
    },
    // ── Connect ──
    {
      method: "POST",
      pattern: /^\/v1\/accounts$/,
      handle: (_m, p) => {
        const a: FakeAccount = {
          id: newId("acct"),
          object: "account",
          type: str(p.type) === "standard" ? "standard" : "express",
          created: sec(),
          email: str(p.email) ?? null,
          charges_enabled: false,
          payouts_enabled: false,
          details_submitted: false,
          metadata: strings(p.metadata),
          business_profile: { name: str(obj(p.business_profile).name) ?? null },
        };
        state.accounts[a.id] = a;
        return a;
      },
    },
    { method: "GET", pattern: /^\/v1\/accounts\/([^/]+)$/, handle: ([id]) => account(id!) },
    {
      method: "POST",
      pattern: /^\/v1\/account_links$/,
      handle: (_m, p) => {
        const a = account(str(p.account) ?? "");
        const returnUrl = str(p.return_url);
        const refreshUrl = str(p.refresh_url);
        if (!returnUrl || !refreshUrl)
          throw new FakeError(
            400,
            "Missing required param: return_url and refresh_url.",
            returnUrl ? "refresh_url" : "return_url",
          );
        const id = newId("acctlink");
        state.accountLinks[id] = {
          id,
          account: a.id,
          refresh_url: refreshUrl,
          return_url: returnUrl,
          url: `${fake.url}/connect/${id}`,
          expires_at: sec() + 300,
          used: false,
        };
        return {
          object: "account_link",
          created: sec(),
          expires_at: sec() + 300,
          url: `${fake.url}/connect/${id}`,
        };
      },
    },
    {
      method: "POST",
      pattern: /^\/v1\/prices$/,
      handle: (_m, p, req) => {
        const acct = acctOf(req);
        const recurring = obj(p.recurring);
        const unit = Number(str(p.unit_amount));
        if (!Number.isInteger(unit) || unit < 0)
          throw new FakeError(400, "Invalid integer: unit_amount.", "unit_amount");
        const id = newId("price");
        const price: FakePrice = {
          id,
          object: "price",
          active: true,
          currency: str(p.currency) ?? "usd",
          unit_amount: unit,
          nickname: str(p.nickname) ?? null,
          product: str(p.product) ?? newId("prod"),
          product_name: str(obj(p.product_data).name) ?? str(p.nickname) ?? "Plan",
          recurring: str(recurring.interval)
            ? {
                interval: "month",
                usage_type: str(recurring.usage_type) === "metered" ? "metered" : "licensed",
                meter: null,
              }
            : null,
          type: "recurring",
          ...(acct ? { account: acct } : {}),
        };
        state.createdPrices[id] = price;
        return price;
      },
    },
    {
      method: "POST",
      pattern: /^\/v1\/invoiceitems$/,
      handle: (_m, p, req) => {
        const acct = acctOf(req);
        const c = customer(str(p.customer) ?? "", "customer", acct);
        const inv = invoice(str(p.invoice) ?? "", acct, "invoice");
        if (inv.customer !== c.id)
          throw new FakeError(400, "The invoice belongs to another customer.", "invoice");
        if (inv.status !== "draft")
          throw new FakeError(400, "You can only add invoice items to a draft invoice.", "invoice");
        const amount = Number(str(p.amount));
        if (!Number.isInteger(amount)) throw new FakeError(400, "Invalid integer: amount.", "amount");
        const line: FakeInvoiceLine = {
          id: newId("il"),
          object: "line_item",
          amount,
          currency: str(p.currency) ?? inv.currency,
          description: str(p.description) ?? null,
          quantity: Number(str(p.quantity) ?? 1),
          metadata: strings(p.metadata),
          invoice_item: newId("ii"),
        };
        inv.lines.data.push(line);
        totals(inv);
        return {
          id: line.invoice_item,
          object: "invoiceitem",
          amount,
          currency: line.currency,
          customer: c.id,
          invoice: inv.id,
          description: line.description,
          metadata: line.metadata,
        };
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/invoices\/([^/]+)$/,
      handle: ([id], _p, req) => invoice(id!, acctOf(req)),
    },
    {
      method: "GET",
      pattern: /^\/v1\/invoices$/,
      handle: (_m, p, req) => {
        const acct = acctOf(req);
        const c = str(p.customer);
        const rows = Object.values(state.invoices)
          .filter((i) => i.account === acct && (!c || i.customer === c))
          .sort((a, b) => b.created - a.created || b.id.localeCompare(a.id));
        return listOf(rows.slice(0, Number(str(p.limit) ?? 10)), "/v1/invoices");
      },
    },
    {
      method: "POST",
      pattern: /^\/v1\/invoices\/([^/]+)$/,
      handle: ([id], p, req) => {
        const inv = invoice(id!, acctOf(req));
        const fee = str(p.application_fee_amount);
        if (fee !== undefined) {
          if (inv.status !== "draft")
            throw new FakeError(
              400,
              "The application fee can only be changed on a draft invoice.",
              "application_fee_amount",
            );
          if (!inv.account)
            throw new FakeError(
              400,
              "An application fee needs a connected account (the Stripe-Account header).",
              "application_fee_amount",
            );
          const n = Number(fee);
          if (!Number.isInteger(n) || n < 0)
            throw new FakeError(400, "Invalid integer: application_fee_amount.", "application_fee_amount");
          if (n > Math.max(inv.total, 0))
            throw new FakeError(
              400,
              "The application fee cannot be greater than the invoice total.",
              "application_fee_amount",
            );
          inv.application_fee_amount = n;
        }
        inv.metadata = { ...inv.metadata, ...strings(p.metadata) };
        return inv;
      },
    },
    {
      method: "POST",
      pattern: /^\/v1\/billing\/meter_events$/,
      handle: (_m, p) => {
        state.meterEventRequests += 1;
        const eventName = str(p.event_name);
        if (eventName !== opts.prices.meterEventName)
          throw new FakeError(
            400,
            `No active meter found for event_name '${eventName ?? ""}'.`,
            "event_name",
          );
        const payload = strings(p.payload);
        if (!payload.stripe_customer_id)
          throw new FakeError(400, "Missing payload[stripe_customer_id].", "payload[stripe_customer_id]");
        customer(payload.stripe_customer_id, "payload[stripe_customer_id]");
        const identifier = str(p.identifier) ?? newId("mev");
        // Stripe enforces identifier uniqueness: a repeat is accepted but never counted twice.
        const existing = state.meterEvents[identifier];
        if (existing) return existing;
        const ev: FakeMeterEvent = {
          object: "billing.meter_event",
          created: sec(),
          event_name: eventName,
          identifier,
          payload,
          timestamp: Number(str(p.timestamp) ?? sec()),
          livemode: false,
        };
        state.meterEvents[identifier] = ev;
        return ev;
      },
    },
    {
      // Like Stripe: one event cancelled by its identifier, within 24 hours of receiving it.
      method: "POST",
      pattern: /^\/v1\/billing\/meter_event_adjustments$/,
      handle: (_m, p) => {
        const eventName = str(p.event_name);
        if (eventName !== opts.prices.meterEventName)
          throw new FakeError(
            400,
            `No active meter found for event_name '${eventName ?? ""}'.`,
            "event_name",
          );
        if (str(p.type) !== "cancel") throw new FakeError(400, "type must be cancel.", "type");
        const identifier = strings(p.cancel).identifier;
        const ev = identifier ? state.meterEvents[identifier] : undefined;
        if (!ev)
          throw new FakeError(
            400,
            `No meter event with identifier '${identifier ?? ""}'.`,
            "cancel[identifier]",
          );
        if (ev.created < sec() - 24 * 3600)
          throw new FakeError(
            400,
            "You can only cancel events within 24 hours of Stripe receiving them.",
            "cancel[identifier]",
          );
        ev.cancelled = true;
        return {
          object: "billing.meter_event_adjustment",
          event_name: eventName,
          type: "cancel",
          cancel: { identifier },
          status: "pending",
          livemode: false,
        };
      },
    },
  ];

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  const send = (res: ServerResponse, status: number, body: string, type = "application/json") => {
    res.writeHead(status, {
      "content-type": type,
      "request-id": `req_${randomBytes(6).toString("hex")}`,
      "stripe-version": API_VERSION,
    });
    res.end(body);
  };
  const redirect = (res: ServerResponse, to: string) => {
    res.writeHead(303, { location: to });
    res.end();
  };

  async function handlePages(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const onboard = url.pathname.match(/^\/connect\/([^/]+)(\/finish)?$/);
    if (onboard) {
      const link = state.accountLinks[onboard[1]!];
      if (!link) return (send(res, 404, "This onboarding link is not valid.", "text/plain"), true);
      if (link.used || link.expires_at < sec()) return (redirect(res, link.refresh_url), true);
      if (req.method === "POST" && onboard[2]) {
        link.used = true;
        await completeOnboarding(link.account);
        redirect(res, link.return_url);
        return true;
      }
      send(res, 200, connectOnboardingPage(link.id, account(link.account)), "text/html; charset=utf-8");
      return true;
    }
    const checkout = url.pathname.match(/^\/checkout\/([^/]+)(\/pay)?$/);
    if (checkout) {
      const session = state.checkoutSessions[checkout[1]!];
      if (!session) return (send(res, 404, "This checkout link is not valid.", "text/plain"), true);
      const linePrices = session.line_items.map((li) => prices[li.price]!).filter(Boolean);
      if (req.method === "POST" && checkout[2]) {
        const form = new URLSearchParams(await readBody(req));
        try {
          await payCheckout(session.id, form.get("card") ?? "");
        } catch (err) {
          send(
            res,
            402,
            checkoutPage(session, linePrices, (err as Error).message),
            "text/html; charset=utf-8",
          );
          return true;
        }
        redirect(res, session.success_url);
        return true;
      }
      send(res, 200, checkoutPage(session, linePrices), "text/html; charset=utf-8");
      return true;
    }
    const portal = url.pathname.match(/^\/portal\/([^/]+)(?:\/(cancel|renew|card))?$/);
    if (portal) {
      const ps = state.portalSessions[portal[1]!];
      if (!ps) return (send(res, 404, "This portal link is not valid.", "text/plain"), true);
      const subsOf = () =>
        Object.values(state.subscriptions)
          .filter((s) => s.customer === ps.customer)
          .sort((a, b) => b.created - a.created);
      if (req.method === "POST" && portal[2]) {
        const form = new URLSearchParams(await readBody(req));
        const sub = subsOf().find((s) => s.id === form.get("subscription"));
        let notice = "Nothing changed.";
        if (sub && portal[2] === "cancel") {
          Object.assign(sub, {
            cancel_at_period_end: true,
            cancel_at: sub.items.data[0]?.current_period_end ?? null,
            canceled_at: sec(),
          });
          await emit("customer.subscription.updated", sub);
          notice = "Your subscription will be canceled at the end of the period.";
        } else if (sub && portal[2] === "renew") {
          Object.assign(sub, { cancel_at_period_end: false, cancel_at: null, canceled_at: null });
          await emit("customer.subscription.updated", sub);
          notice = "Your subscription will renew.";
        } else if (sub && portal[2] === "card") {
          if (["past_due", "unpaid", "incomplete"].includes(sub.status)) {
            sub.status = "active";
            sub.default_payment_method = "pm_card_4242";
            await emit("customer.subscription.updated", sub);
            await emit("invoice.paid", invoiceFor(sub, "paid"));
            notice = "Card updated and the open invoice was paid.";
          } else {
            sub.default_payment_method = "pm_card_4242";
            if (sub.status === "paused") sub.status = "active";
            await emit("customer.subscription.updated", sub);
            notice = "Card updated.";
          }
        }
        save();
        send(res, 200, portalPage(ps.id, ps.return_url, subsOf(), notice), "text/html; charset=utf-8");
        return true;
      }
      send(res, 200, portalPage(ps.id, ps.return_url, subsOf()), "text/html; charset=utf-8");
      return true;
    }
    return false;
  }

  const acctOf = (req: IncomingMessage): string | null => {
    const h = req.headers["stripe-account"];
    if (typeof h !== "string" || !h) return null;
    account(h);
    return h;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      try {
        if (url.pathname === "/_fake/health")
          return send(res, 200, JSON.stringify({ ok: true, fake: "stripe" }));
        const close = url.pathname.match(/^\/_fake\/accounts\/([^/]+)\/close-period$/);
        if (close && req.method === "POST") {
          const form = new URLSearchParams(await readBody(req));
          return send(
            res,
            200,
            JSON.stringify(
              await closePeriod(
                close[1]!,
                { start: Number(form.get("start")), end: Number(form.get("end")) },
                form.getAll("subscription").length ? { subscriptions: form.getAll("subscription") } : {},
              ),
            ),
          );
        }
        const status = url.pathname.match(/^\/_fake\/subscriptions\/([^/]+)\/status$/);
        if (status && req.method === "POST") {
          const sub = await setSubscriptionStatus(
            status[1]!,
            (new URLSearchParams(await readBody(req)).get("status") ??
              "active") as FakeSubscription["status"],
          );
          return send(res, 200, JSON.stringify(sub));
        }
        if (await handlePages(req, res, url)) return;
        if (!url.pathname.startsWith("/v1/")) return send(res, 404, "Not found", "text/plain");
        if (!(req.headers.authorization ?? "").startsWith("Bearer "))
          throw new FakeError(401, "You did not provide an API key.");
        const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
        if (!route)
          throw new FakeError(
            404,
            `Unrecognized request URL (${req.method}: ${url.pathname}). The local Stripe fake does not implement it.`,
          );
        const body =
          req.method === "GET" || req.method === "DELETE" ? url.search.slice(1) : await readBody(req);
        if (req.method === "POST" && url.pathname === "/v1/billing/meter_events") {
          const identifier = str(parseStripeForm(body).identifier);
          if (identifier) state.meterEventSends[identifier] = (state.meterEventSends[identifier] ?? 0) + 1;
        }
        const idemKey = req.headers["idempotency-key"];
        const cacheKey =
          typeof idemKey === "string" && req.method === "POST" ? `${url.pathname} ${idemKey}` : null;
        const cached = cacheKey ? state.idempotency[cacheKey] : undefined;
        if (cached) {
          res.setHeader("idempotent-replayed", "true");
          return send(res, cached.status, cached.body);
        }
        const out = JSON.stringify(
          await route.handle(route.pattern.exec(url.pathname)!.slice(1), parseStripeForm(body), req),
        );
        if (cacheKey) state.idempotency[cacheKey] = { status: 200, body: out };
        if (req.method !== "GET") save();
        send(res, 200, out);
      } catch (err) {
        const e = err instanceof FakeError ? err : new FakeError(500, (err as Error).message);
        const type =
          e.status === 402
            ? "card_error"
            : e.status >= 500
              ? "api_error"
              : e.status === 401
                ? "authentication_error"
                : "invalid_request_error";
        send(
          res,
          e.status,
          JSON.stringify({
            error: {
              type,
              message: e.message,
              ...(e.param ? { param: e.param } : {}),
              ...(e.code ? { code: e.code } : {}),
            },
          }),
        );
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  server.unref();
  const port = (server.address() as AddressInfo).port;

  const fake: StripeFake = {
    url: `http://127.0.0.1:${port}`,
    port,
    get state() {
      return state;
    },
    emit,
    setSubscriptionStatus,
    payCheckout,
    completeOnboarding,
    closePeriod,
    setSubscriptionPeriod(id, period) {
      const sub = subscription(id);
      for (const item of sub.items.data)
        Object.assign(item, { current_period_start: period.start, current_period_end: period.end });
      save();
      return sub;
    },
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  log(`Stripe fake listening on ${fake.url} (webhooks → ${opts.webhookUrl}).`);
  return fake;
}
