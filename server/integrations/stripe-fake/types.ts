// The objects the Stripe fake keeps, shaped like the Stripe API's (only the fields the app reads).

export type FakePrice = {
  id: string;
  object: "price";
  active: boolean;
  currency: string;
  unit_amount: number;
  nickname: string | null;
  product: string;
  product_name: string;
  recurring: { interval: "month"; usage_type: "licensed" | "metered"; meter: string | null } | null;
  type: "recurring";
  /** Connect: the connected account the price lives on (absent = the platform). */
  account?: string | null;
};

export type FakeCustomer = {
  id: string;
  object: "customer";
  created: number;
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  livemode: false;
  account?: string | null;
};

export type FakeSubscriptionItem = {
  id: string;
  object: "subscription_item";
  price: FakePrice;
  quantity?: number;
  current_period_start: number;
  current_period_end: number;
  subscription: string;
};

export type FakeSubscription = {
  id: string;
  object: "subscription";
  customer: string;
  status:
    | "trialing"
    | "active"
    | "past_due"
    | "incomplete"
    | "incomplete_expired"
    | "unpaid"
    | "canceled"
    | "paused";
  created: number;
  start_date: number;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  trial_start: number | null;
  trial_end: number | null;
  /** A card to charge; null for a trial started without one. */
  default_payment_method: string | null;
  metadata: Record<string, string>;
  items: { object: "list"; data: FakeSubscriptionItem[]; has_more: false; url: string };
  latest_invoice: string | null;
  livemode: false;
  account?: string | null;
  collection_method?: "charge_automatically" | "send_invoice";
};

export type FakeCheckoutSession = {
  id: string;
  object: "checkout.session";
  mode: "subscription";
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  customer: string | null;
  customer_email: string | null;
  client_reference_id: string | null;
  success_url: string;
  cancel_url: string | null;
  url: string | null;
  subscription: string | null;
  metadata: Record<string, string>;
  line_items: { price: string; quantity?: number }[];
  trial_period_days: number | null;
  /** Unix seconds: keeps an existing trial running (wins over trial_period_days). */
  trial_end: number | null;
  created: number;
  livemode: false;
};

export type FakePortalSession = {
  id: string;
  object: "billing_portal.session";
  customer: string;
  return_url: string;
  url: string;
  created: number;
  livemode: false;
};

export type FakeMeterEvent = {
  object: "billing.meter_event";
  created: number;
  event_name: string;
  identifier: string;
  payload: Record<string, string>;
  timestamp: number;
  livemode: false;
  /** Cancelled by a meter event adjustment (not counted). */ cancelled?: boolean;
};

export type FakeEvent = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  type: string;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  /** Connect: the connected account the event happened on. */ account?: string;
};

/** Connect: a connected (Express) account. */
export type FakeAccount = {
  id: string;
  object: "account";
  type: "express" | "standard";
  created: number;
  email: string | null;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  metadata: Record<string, string>;
  business_profile: { name: string | null };
};

export type FakeAccountLink = {
  id: string;
  account: string;
  refresh_url: string;
  return_url: string;
  url: string;
  expires_at: number;
  used: boolean;
};

export type FakeInvoiceLine = {
  id: string;
  object: "line_item";
  amount: number;
  currency: string;
  description: string | null;
  quantity: number;
  metadata: Record<string, string>;
  invoice_item: string | null;
  /** The time the line covers (a proration: from the change to the period's end). */
  period?: { start: number; end: number };
  /** Where the line comes from; a plan change's proration says `proration: true`, as at Stripe. */
  parent?: {
    type: "subscription_item_details";
    subscription_item_details: {
      subscription: string;
      subscription_item: string;
      proration: boolean;
      invoice_item: string | null;
    };
  } | null;
};

/** A proration waiting for the subscription's next invoice (Stripe's pending invoice item). */
export type FakePendingItem = {
  id: string;
  account: string | null;
  customer: string;
  subscription: string;
  line: FakeInvoiceLine;
  /** The invoice it went on; null while pending. */
  invoice: string | null;
};

/** An invoice; on a connected account with LeadRescue's application fee (direct charges). */
export type FakeInvoice = {
  id: string;
  object: "invoice";
  account: string | null;
  customer: string;
  status: "draft" | "open" | "paid" | "void";
  currency: string;
  created: number;
  period_start: number;
  period_end: number;
  lines: { object: "list"; data: FakeInvoiceLine[]; has_more: false; url: string };
  subtotal: number;
  total: number;
  amount_due: number;
  amount_paid: number;
  application_fee_amount: number | null;
  metadata: Record<string, string>;
  parent: { subscription_details: { subscription: string } } | null;
  livemode: false;
};

export type FakeState = {
  seq: number;
  customers: Record<string, FakeCustomer>;
  subscriptions: Record<string, FakeSubscription>;
  checkoutSessions: Record<string, FakeCheckoutSession>;
  portalSessions: Record<string, FakePortalSession>;
  /** By identifier: the dedupe key Stripe enforces. */
  meterEvents: Record<string, FakeMeterEvent>;
  /** Every meter event request received, duplicates included (for tests). */
  meterEventRequests: number;
  /** Meter event requests per identifier, resends under the same idempotency key included (for tests). */
  meterEventSends: Record<string, number>;
  events: FakeEvent[];
  idempotency: Record<string, { status: number; body: string }>;
  /** Connect. */
  accounts: Record<string, FakeAccount>;
  accountLinks: Record<string, FakeAccountLink>;
  invoices: Record<string, FakeInvoice>;
  /** Prices created through the API (the configured platform prices are built in). */
  createdPrices: Record<string, FakePrice>;
  /** Prorations of plan changes, waiting for their subscription's next invoice. */
  pendingItems: Record<string, FakePendingItem>;
};
