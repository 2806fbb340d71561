// The Stripe client the app uses. STRIPE_SECRET_KEY set → real Stripe. Unset → local mode: the
// local Stripe fake (server/integrations/stripe-fake/) runs inside this process on 127.0.0.1
// (STRIPE_FAKE_PORT, or any free port) and the real SDK is pointed at it, so Checkout, the
// portal, webhooks and meter events all run through the same code as in production.
import path from "node:path";
import Stripe from "stripe";
import { defaultDataDir } from "@/server/db/engine";
import { DEV_STRIPE_CONNECT_WEBHOOK_SECRET, env } from "@/server/env";
import { startStripeFake, type StripeFake } from "./stripe-fake/server";

export type StripeHandle = { stripe: Stripe; mode: "live" | "local"; fake: StripeFake | null };

const g = globalThis as unknown as { __leadrescueStripe?: Promise<StripeHandle> };

export const stripePlan = () => ({
  basePriceId: env.STRIPE_PRICE_ID,
  usagePriceId: env.STRIPE_USAGE_PRICE_ID,
  meterEventName: env.STRIPE_METER_EVENT_NAME,
});

/** An SDK client aimed at a Stripe-compatible server (the fake). */
export function stripeClientFor(baseUrl: string, key = "sk_test_local_stripe_fake"): Stripe {
  const u = new URL(baseUrl);
  return new Stripe(key, {
    host: u.hostname,
    port: Number(u.port),
    protocol: u.protocol.replace(":", "") as "http" | "https",
    maxNetworkRetries: 0,
    telemetry: false,
  });
}

/**
 * The secrets Stripe signs webhooks with: the platform endpoint's (LeadRescue's own account) and
 * the Connect endpoint's (events of agencies' connected accounts, SaaS mode). In local mode the
 * Connect secret defaults to a development value the fake signs with; with real Stripe and no
 * STRIPE_CONNECT_WEBHOOK_SECRET, events from connected accounts are refused (never checked with
 * the platform's secret).
 */
export function stripeWebhookSecrets(): { platform: string; connect: string | null } {
  return {
    platform: env.STRIPE_WEBHOOK_SECRET,
    connect:
      env.STRIPE_CONNECT_WEBHOOK_SECRET ?? (env.STRIPE_SECRET_KEY ? null : DEV_STRIPE_CONNECT_WEBHOOK_SECRET),
  };
}

async function localHandle(): Promise<StripeHandle> {
  const plan = stripePlan();
  const opts = {
    webhookUrl: `${env.PUBLIC_BASE_URL.replace(/\/+$/, "")}/api/stripe/webhook`,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    connectWebhookSecret: stripeWebhookSecrets().connect ?? DEV_STRIPE_CONNECT_WEBHOOK_SECRET,
    prices: { baseId: plan.basePriceId, usageId: plan.usagePriceId, meterEventName: plan.meterEventName },
    // Paired with the embedded database, so a fresh data dir starts a fresh fake.
    statePath: env.DATABASE_URL
      ? path.resolve(".data", "stripe-fake.json")
      : `${env.PGLITE_DATA_DIR ? path.resolve(env.PGLITE_DATA_DIR) : defaultDataDir()}.stripe-fake.json`,
    log: (m: string) => console.log(m),
  };
  // Under vitest: memory only, and webhooks are not posted to a dev server that may be running
  // (tests that need webhooks start their own fake and use setStripeHandle).
  if (process.env.VITEST)
    Object.assign(opts, { statePath: undefined, deliver: async () => ({ status: 200 }), log: () => {} });
  try {
    const fake = await startStripeFake({ ...opts, port: env.STRIPE_FAKE_PORT });
    return { stripe: stripeClientFor(fake.url), mode: "local", fake };
  } catch (err) {
    // A fixed port already served by this app's other process (`npm run worker` + the web app).
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE" && env.STRIPE_FAKE_PORT) {
      const url = `http://127.0.0.1:${env.STRIPE_FAKE_PORT}`;
      const health = await fetch(`${url}/_fake/health`)
        .then((r) => r.json() as Promise<{ fake?: string }>)
        .catch(() => null);
      if (health?.fake === "stripe") return { stripe: stripeClientFor(url), mode: "local", fake: null };
    }
    throw new Error(
      `The local Stripe fake could not start on port ${env.STRIPE_FAKE_PORT}: ${(err as Error).message}. Set STRIPE_FAKE_PORT to a free port, or STRIPE_SECRET_KEY for real Stripe.`,
    );
  }
}

export function getStripeHandle(): Promise<StripeHandle> {
  g.__leadrescueStripe ??= (
    env.STRIPE_SECRET_KEY
      ? Promise.resolve<StripeHandle>({
          stripe: new Stripe(env.STRIPE_SECRET_KEY, { maxNetworkRetries: 2 }),
          mode: "live",
          fake: null,
        })
      : localHandle()
  ).catch((err) => {
    g.__leadrescueStripe = undefined;
    throw err;
  });
  return g.__leadrescueStripe;
}

export async function getStripe(): Promise<Stripe> {
  return (await getStripeHandle()).stripe;
}

/** Tests: use this client (e.g. one aimed at a fake the test started), or reset. */
export function setStripeHandle(handle: StripeHandle | undefined): void {
  g.__leadrescueStripe = handle ? Promise.resolve(handle) : undefined;
}

/** How far ahead of this server's clock a signed timestamp may be: clock skew, no more. */
export const STRIPE_FUTURE_SKEW_SECONDS = 60;

/** Whether the body is an event of a connected account (Connect events carry `account`). */
function carriesAccount(rawBody: string): boolean {
  try {
    const parsed = JSON.parse(rawBody) as { account?: unknown } | null;
    return typeof parsed?.account === "string" && parsed.account !== "";
  } catch {
    return false;
  }
}

/**
 * Verifies a webhook on its raw body; throws when forged, older than 5 minutes (Stripe's
 * tolerance) or dated in the future beyond clock skew — the SDK checks only the age, so a signed
 * event dated ahead would otherwise stay replayable for as long as it is "in the future".
 * An event of a connected account (it carries `account`) is checked with the Connect endpoint's
 * secret only, any other with the platform endpoint's only: the signature covers `account`, so
 * neither secret can pass for the other's events.
 */
export function constructStripeEvent(
  rawBody: string,
  signature: string,
  nowMs = Date.now(),
  secrets = stripeWebhookSecrets(),
): Stripe.Event {
  const connect = carriesAccount(rawBody);
  const secret = connect ? secrets.connect : secrets.platform;
  if (!secret)
    throw new Error(
      "an event from a connected account (Stripe Connect) needs STRIPE_CONNECT_WEBHOOK_SECRET, the Connect endpoint's signing secret",
    );
  const event = Stripe.webhooks.constructEvent(rawBody, signature, secret, undefined, undefined, nowMs);
  const stamps = signature
    .split(",")
    .flatMap((part) => (part.trim().startsWith("t=") ? [Number(part.trim().slice(2))] : []));
  const signedAt = stamps.at(-1);
  if (
    signedAt === undefined ||
    !Number.isFinite(signedAt) ||
    signedAt > Math.floor(nowMs / 1000) + STRIPE_FUTURE_SKEW_SECONDS
  ) {
    throw new Error("Timestamp outside the tolerance zone (dated in the future)");
  }
  return event;
}
