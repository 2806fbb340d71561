// Environment, validated once at start. Every variable has a documented local-mode default
// (README "Configuration") so `npm run dev` works on a fresh clone; signatures are never skipped.
import { createEnv } from "@t3-oss/env-nextjs";
import ipaddr from "ipaddr.js";
import { z } from "zod";

export const DEV_AUTH_SECRET = "dev-only-auth-secret-change-me-in-production-0000";
export const DEV_TWILIO_AUTH_TOKEN = "dev-twilio-auth-token";
export const DEV_STRIPE_WEBHOOK_SECRET = "whsec_dev_local_stripe_webhook_secret";
/** Local mode only: the Stripe fake signs events of agencies' connected accounts with it. */
export const DEV_STRIPE_CONNECT_WEBHOOK_SECRET = "whsec_dev_local_stripe_connect_webhook_secret";

/** LeadRescue's wholesale price to agencies in SaaS mode: whole cents, 0 or more. */
const cents = (what: string, dflt: number) =>
  z.coerce
    .number({ message: `must be ${what} in whole cents, e.g. ${dflt}` })
    .int(`must be ${what} in whole cents, e.g. ${dflt}`)
    .min(0, "must be 0 or more")
    .max(1_000_000, "must be at most 1000000 cents ($10,000)")
    .default(dflt);

/** "10.0.0.0/8, 2001:db8::/32, 192.168.1.5": each entry an address or a CIDR range. */
const cidrList = z.string().refine(
  (list) =>
    list
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .every((entry) => (entry.includes("/") ? ipaddr.isValidCIDR(entry) : ipaddr.isValid(entry))),
  "must be a comma-separated list of addresses or CIDR ranges, e.g. 10.0.0.0/8, 192.168.1.5",
);

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 phone number like +15125550100");

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .url({ message: "must be a postgresql:// URL (leave it unset for the embedded database)" })
      .optional(),
    PGLITE_DATA_DIR: z.string().optional(),
    // How many distinct statements each PostgreSQL pool prepares by name (server/db/statement-names.ts);
    // 0 behind a pooler that does not keep prepared statements (PgBouncer in transaction mode before 1.21).
    DATABASE_PREPARED_STATEMENTS: z.coerce
      .number({ message: "must be a whole number from 0 to 10000" })
      .int("must be a whole number from 0 to 10000")
      .min(0, "must be a whole number from 0 to 10000")
      .max(10_000, "must be a whole number from 0 to 10000")
      .optional(),
    AUTH_SECRET: z
      .string()
      .min(32, "must be at least 32 characters (generate one with `openssl rand -base64 32`)")
      .default(DEV_AUTH_SECRET),
    PUBLIC_BASE_URL: z
      .url({
        message: "must be the public https:// URL Twilio and Stripe call, e.g. https://app.example.com",
      })
      // Locally, the address `next dev` / `next start` listen on (PORT, 3000 by default).
      .default(`http://localhost:${process.env.PORT || 3000}`),
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, "must look like AC followed by 32 hex characters")
      .default("AC00000000000000000000000000000000"),
    TWILIO_AUTH_TOKEN: z.string().min(8, "must be your Twilio auth token").default(DEV_TWILIO_AUTH_TOKEN),
    TWILIO_API_BASE_URL: z.url().optional(),
    TWILIO_CALLER_ID: e164.optional(),
    STRIPE_SECRET_KEY: z.string().startsWith("sk_", "must start with sk_").optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .startsWith("whsec_", "must start with whsec_")
      .default(DEV_STRIPE_WEBHOOK_SECRET),
    /** SaaS mode: the signing secret of the Connect webhook endpoint (events of agencies' accounts). */
    STRIPE_CONNECT_WEBHOOK_SECRET: z.string().startsWith("whsec_", "must start with whsec_").optional(),
    STRIPE_PRICE_ID: z
      .string()
      .startsWith("price_", "must be the monthly plan's Stripe price id (price_…)")
      .default("price_local_base_monthly"),
    STRIPE_USAGE_PRICE_ID: z
      .string()
      .startsWith("price_", "must be the metered per-call Stripe price id (price_…)")
      .default("price_local_per_ai_call"),
    STRIPE_METER_EVENT_NAME: z
      .string()
      .regex(/^[a-z0-9_.-]{1,100}$/, "must be your Stripe meter's event name, e.g. ai_handled_call")
      .default("ai_handled_call"),
    STRIPE_FAKE_PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535, "must be a port number (0 = any free port)")
      .default(0),
    WHOLESALE_MONTHLY_CENTS: cents("the wholesale price per business per month", 4900),
    WHOLESALE_PER_CALL_CENTS: cents("the wholesale price per billable AI-handled call", 150),
    WHOLESALE_PER_TEXT_CENTS: cents("the wholesale price per text sent to a caller", 3),
    AI_PROVIDER: z
      .enum(["local", "openai", "anthropic", "openai-compatible"], {
        message: "must be local, openai, anthropic or openai-compatible",
      })
      .default("local"),
    AI_MODEL: z.string().optional(),
    AI_BASE_URL: z.url().optional(),
    AI_TIMEOUT_MS: z.coerce.number().int().min(200).max(10_000).default(2500),
    OPENAI_API_KEY: z.string().optional(),
    ANTHROPIC_API_KEY: z.string().optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    EMAIL_FROM: z.string().default("LeadRescue <no-reply@leadrescue.local>"),
    DEMO_SEED: z.enum(["on", "off"]).default("on"),
    JOBS_IN_PROCESS: z.enum(["on", "off"], { message: "must be on or off" }).default("on"),
    TRUSTED_PROXY_HOPS: z.coerce
      .number({
        message: "must be the number of proxies in front of the app, e.g. 1 for one load balancer (0 = none)",
      })
      .int("must be a whole number of proxies")
      .min(0, "must be 0 or more")
      .max(10, "must be at most 10")
      .default(0),
    TRUSTED_PROXIES: cidrList.optional(),
    WEBHOOK_ALLOW_PRIVATE_TARGETS: z
      .enum(["on", "off"], { message: "must be on or off (unset: off in production, on in local mode)" })
      .optional(),
    /** For tests and evaluation only: "off" plays calls without the safety question (to produce a live miss for the after-call check). */
    INTAKE_SAFETY_QUESTION: z
      .enum(["on", "off"], { message: "must be on or off (for tests and evaluation only)" })
      .default("on"),
    ESCALATION_TIME_SCALE: z.coerce
      .number({ message: "must be a number like 1 (real time) or 0.01 (5 minutes become 3 seconds)" })
      .positive("must be greater than 0")
      .max(1000)
      .default(1),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
  onValidationError: (issues) => {
    const lines = issues.map(
      (i) => `  ${i.path?.map((p) => (typeof p === "object" ? p.key : p)).join(".")}: ${i.message}`,
    );
    console.error(
      `LeadRescue cannot start: fix these environment variables (see README "Configuration"):\n${lines.join("\n")}`,
    );
    throw new Error("Invalid environment variables");
  },
});

/**
 * The secrets that still have the published development values (README "Configuration"). A
 * production server with any of them would accept forged sessions, Twilio and Stripe webhooks.
 */
export function publishedDevSecrets(vars: {
  AUTH_SECRET: string;
  TWILIO_AUTH_TOKEN: string;
  STRIPE_WEBHOOK_SECRET: string;
  STRIPE_CONNECT_WEBHOOK_SECRET?: string;
}): string[] {
  const defaults = {
    AUTH_SECRET: DEV_AUTH_SECRET,
    TWILIO_AUTH_TOKEN: DEV_TWILIO_AUTH_TOKEN,
    STRIPE_WEBHOOK_SECRET: DEV_STRIPE_WEBHOOK_SECRET,
    STRIPE_CONNECT_WEBHOOK_SECRET: DEV_STRIPE_CONNECT_WEBHOOK_SECRET,
  } as const;
  return (Object.keys(defaults) as Array<keyof typeof defaults>).filter(
    (name) => vars[name] === defaults[name],
  );
}

/**
 * Production refuses them: called where the app and the worker start (never at build). LOCAL_MODE=1
 * says this is a local run of the built app (the e2e tests, `npm run start:local`).
 */
export function refusePublishedSecretsInProduction(): void {
  if (env.NODE_ENV !== "production" || process.env.LOCAL_MODE === "1") return;
  const published = publishedDevSecrets(env);
  if (!published.length) return;
  console.error(
    `LeadRescue cannot start: ${published.join(", ")} ${published.length > 1 ? "are" : "is"} the published development default; set your own (see README "Configuration"), or LOCAL_MODE=1 for a local run.`,
  );
  process.exit(1);
}
