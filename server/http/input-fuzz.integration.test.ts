// No odd input makes the app answer 500, and no answer shows an internal error: every tRPC
// procedure and every REST route, through the same HTTP handlers the app serves, with inputs
// generated from their own zod schemas — a valid-looking sample, then each field in turn replaced
// by an odd value (NUL, lone surrogates, control characters, huge strings, years 0000 and 9999,
// negative and huge numbers, wrong types), plus whole odd bodies. The generator is seeded, so a
// failure names the seed and the request that reproduces it (FUZZ_SEED=… to replay).
import { serveTrpc } from "@/server/trpc/http";
import { SIGN_UP_REFUSED } from "@/server/accounts/sign-up";
import superjson from "superjson";
import type { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";
import { addMember, completeSetup, makeLead, makeTenant, makeUser } from "@/prisma/factories";
import { createApiKey } from "@/server/accounts/api-keys";
import { API_SCOPES } from "@/server/api/api-scopes";
import { API_ROUTES } from "@/server/api/routes";
import { serveApi } from "@/server/api/registry";
import { env } from "@/server/env";
import { stripeClientFor, setStripeHandle, stripePlan } from "@/server/integrations/stripe";
import { startStripeFake, type StripeFake } from "@/server/integrations/stripe-fake/server";
import { appRouter } from "@/server/trpc/root";
import type { TRPCContext } from "@/server/trpc/init";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { GET as calendarRoute } from "@/app/api/cal/[file]/route";
import { GET as trackedLinkRoute } from "@/app/r/[token]/route";
import { POST as stripeWebhookRoute } from "@/app/api/stripe/webhook/route";

const BASE = "http://localhost:3000";
/** Odd values tried per field, besides the ones every field of its kind always gets. */
const RANDOM_PER_FIELD = 2;
const AT_ONCE = 4;

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let stripeFake: StripeFake;
let fx: Awaited<ReturnType<typeof setup>>;

async function setup() {
  const owner = await makeUser(prisma, { name: "Fuzz Owner" });
  const staff = await makeUser(prisma, { name: "Fuzz Staff" });
  const operator = await makeUser(prisma, { name: "Fuzz Operator" });
  const agency = await prisma.agency.create({ data: { name: "Fuzz Agency" } });
  await prisma.agencyMember.create({ data: { agencyId: agency.id, userId: operator.id } });
  const tenant = await makeTenant(prisma, { name: "Fuzz Plumbing", ownerId: owner.id, agencyId: agency.id });
  await addMember(prisma, tenant.id, staff.id, "staff");
  await completeSetup(prisma, tenant.id);
  const lead = await makeLead(prisma, tenant.id, {
    callerName: "Fuzz Caller",
    ownerId: staff.id,
    nextAction: "Call back",
    dueAt: new Date(),
  });
  const key = await createApiKey(
    { db: tenantScoped(prisma, tenant.id), tenantId: tenant.id },
    { name: "Fuzz key", actorId: null, scopes: API_SCOPES },
  );
  return { owner, staff, operator, agency, tenant, lead, key };
}

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  stripeFake = await startStripeFake({
    webhookUrl: "http://127.0.0.1:9/unused",
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    deliver: async () => ({ status: 200 }),
    prices: {
      baseId: stripePlan().basePriceId,
      usageId: stripePlan().usagePriceId,
      meterEventName: stripePlan().meterEventName,
    },
  });
  setStripeHandle({ stripe: stripeClientFor(stripeFake.url), mode: "local", fake: stripeFake });
  fx = await setup();
});
afterAll(async () => {
  setStripeHandle(undefined);
  await stripeFake?.close();
  await db?.drop();
});

// ── a seeded generator ──

/** mulberry32: small, seeded, good enough to pick test inputs. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick };
}
type Rng = ReturnType<typeof random>;

type Kind = "string" | "number" | "boolean" | "date" | "enum" | "array" | "object" | "other";
type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  format?: string;
  coerce?: boolean;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Unwraps optional / nullable / default / pipe / readonly to the schema that says what the value is. */
function core(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const d = defOf(s);
    if (
      ["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"].includes(d.type) &&
      d.innerType
    )
      s = d.innerType;
    else if (d.type === "pipe" && d.in) s = defOf(d.in).type === "transform" ? s : d.in;
    else break;
  }
  return s;
}

function kindOf(schema: z.ZodType): Kind {
  const t = defOf(core(schema)).type;
  if (
    t === "string" ||
    t === "number" ||
    t === "boolean" ||
    t === "date" ||
    t === "enum" ||
    t === "array" ||
    t === "object"
  )
    return t;
  if (t === "int" || t === "bigint") return "number";
  return "other";
}

/** A value the field probably accepts, from its schema and its name (ids point at real rows). */
function sampleOf(schema: z.ZodType, name: string): unknown {
  const s = core(schema);
  const d = defOf(s);
  switch (d.type) {
    case "object":
      return Object.fromEntries(Object.entries(d.shape ?? {}).map(([k, v]) => [k, sampleOf(v, k)]));
    case "array":
      return d.element ? [sampleOf(d.element, name)] : [];
    case "enum":
      return Object.values(d.entries ?? {})[0];
    case "literal":
      return d.values?.[0];
    case "union":
      return d.options?.[0] ? sampleOf(d.options[0], name) : null;
    case "boolean":
      return true;
    case "number":
    case "int":
      return /days/i.test(name) ? 7 : /hours/i.test(name) ? 12 : 1;
    case "date":
      return new Date(Date.now() + 86_400_000);
    case "string":
      return sampleString(name, d.format);
    default:
      return {};
  }
}

function sampleString(name: string, format?: string): string {
  if (format === "email") return "fuzz@example.test";
  if (format === "url") return "https://example.com/fuzz";
  if (format === "datetime") return "2026-11-01T00:00:00Z";
  const n = name.toLowerCase();
  if (n === "leadid" || n === "id") return fx.lead.id;
  if (n === "userid" || n === "ownerid") return fx.staff.id;
  if (n === "agencyid") return fx.agency.id;
  if (n === "tenantid") return fx.tenant.id;
  if (n.includes("zip")) return "78701";
  if (n.includes("phone") || n === "number" || n === "from" || n === "to") return "+15125550177";
  if (n.includes("email")) return "fuzz@example.test";
  if (n.includes("url")) return "https://example.com/fuzz";
  if (n === "timezone") return "America/Chicago";
  if (n === "month") return "2026-03";
  if (n === "day" || n === "from" || n === "to") return "2026-03-02";
  if (n === "start") return "09:00";
  if (n === "end") return "11:00";
  return "Fuzz text";
}

const HUGE = "x".repeat(200_000);
const ODD = {
  always: {
    string: ["a\u0000b", "\ud800", "x\udfffy"],
    number: [-1, 2 ** 53],
    boolean: ["true"],
    date: [new Date("0000-01-01T00:00:00Z"), new Date("9999-12-31T00:00:00Z")],
    enum: ["\u0000"],
    array: ["not a list"],
    object: [[]],
    other: [null],
  },
  random: {
    string: [
      "",
      "   ",
      HUGE,
      "\u0001\u0007\u001b[31m",
      "\u202e\ufeff\u200b",
      "😀".repeat(5_000),
      "0000-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "9999-12",
      "2026-02-30",
      '\'; DROP TABLE "Lead"; --',
      "<script>alert(1)</script>",
      "%00",
      "\r\n\t",
      42,
      null,
      {},
    ],
    number: [0, -(2 ** 53), 1e308, -1e308, 1.5, 0.0001, "1", null, true, 2 ** 31],
    boolean: [0, 1, null, "yes", {}],
    date: [
      new Date(Number.NaN),
      new Date(-8.64e15),
      "0000-01-01",
      "9999-12-31T23:59:59Z",
      0,
      "tomorrow",
      null,
    ],
    enum: ["not-a-choice", "", 42, null, HUGE],
    array: [[null], Array.from({ length: 5_000 }, () => "x"), {}, null],
    object: [null, "x", 42, { "\u0000": 1 }],
    other: ["\u0000", 42, [], {}],
  },
} satisfies Record<string, Record<Kind, unknown[]>>;

/** Every leaf field of an object schema, with its dotted path (one level of arrays and nesting). */
function leaves(
  schema: z.ZodType,
  path: string[] = [],
  depth = 0,
): Array<{ path: string[]; schema: z.ZodType }> {
  const s = core(schema);
  const d = defOf(s);
  if (d.type === "object" && d.shape && depth < 3)
    return Object.entries(d.shape).flatMap(([k, v]) => [
      { path: [...path, k], schema: v },
      ...leaves(v, [...path, k], depth + 1).filter((l) => l.path.length > path.length + 1),
    ]);
  if (d.type === "array" && d.element && depth < 3)
    return leaves(d.element, [...path, "0"], depth + 1).filter((l) => l.path.length > path.length + 1);
  return [];
}

function withValue(sample: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(sample) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (at[key] === null || typeof at[key] !== "object") at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[path.at(-1)!] = value;
  return copy;
}

/** The inputs to try for one schema: whole odd inputs, then each field with odd values. */
function oddInputs(schema: z.ZodType | undefined, r: Rng): unknown[] {
  const wholes: unknown[] = [undefined, null, "\u0000", 12345, [], { "\ud800": "x" }];
  if (!schema) return wholes;
  const sample = sampleOf(schema, "");
  const out: unknown[] = [sample, ...wholes];
  for (const leaf of leaves(schema)) {
    const kind = kindOf(leaf.schema);
    const values = [
      ...ODD.always[kind],
      ...Array.from({ length: RANDOM_PER_FIELD }, () => r.pick(ODD.random[kind])),
    ];
    for (const v of values) out.push(withValue(sample, leaf.path, v));
  }
  return out;
}

// ── transports ──

type Answer = { status: number; body: string };

async function answer(res: Response): Promise<Answer> {
  return { status: res.status, body: await res.text() };
}

type Proc = { _def: { type: "query" | "mutation"; inputs: z.ZodType[]; meta?: { permission?: string } } };
const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, Proc> } })._def.procedures,
);

/** One tRPC request through the app's own HTTP handler (superjson, errors as the browser sees them). */
async function trpc(path: string, type: "query" | "mutation", input: unknown): Promise<Answer> {
  const userId = path.startsWith("agency.") ? fx.operator.id : fx.owner.id;
  // Signed in afresh for each request: the walk also presses "sign out everywhere".
  const { sessionVersion } = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const ctx: TRPCContext = {
    sys: systemDb(prisma),
    session: { userId, sessionVersion },
    tenantSlug: fx.tenant.slug,
    ip: "127.0.0.1",
  };
  const payload = input === undefined ? undefined : JSON.stringify(superjson.serialize(input));
  const url =
    type === "query"
      ? `${BASE}/api/trpc/${path}${payload === undefined ? "" : `?input=${encodeURIComponent(payload)}`}`
      : `${BASE}/api/trpc/${path}`;
  const req = new Request(url, {
    method: type === "query" ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: type === "mutation" ? (payload ?? "") : undefined,
  });
  return answer(await serveTrpc(req, () => ctx));
}

function queryString(value: unknown): string {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return `?q=${encodeURIComponent(String(value))}`;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(value))
    if (v !== undefined)
      params.set(
        k,
        typeof v === "string"
          ? v
          : v instanceof Date
            ? Number.isNaN(v.getTime())
              ? "Invalid Date"
              : v.toISOString()
            : JSON.stringify(v),
      );
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}

type RestCase = { label: string; run: () => Promise<Answer> };

function restCases(r: Rng): RestCase[] {
  const cases: RestCase[] = [];
  const auth = { authorization: `Bearer ${fx.key.secret}` };
  for (const route of API_ROUTES) {
    const handler = serveApi(route);
    const paramsFor = (p: unknown) => Promise.resolve(p as Record<string, string>);
    const realParams = route.params ? (sampleOf(route.params, "") as Record<string, string>) : {};
    // A URL cannot carry a lone surrogate; the handler gets the params as Next decoded them.
    const pathOf = (params: Record<string, unknown>) =>
      route.path.replace(/\{(\w+)\}/g, (_, k: string) =>
        encodeURIComponent(String(params[k] ?? "").replace(/[\uD800-\uDFFF]/g, "\uFFFD")),
      );
    const send = (query: unknown, params: Record<string, unknown>, body: string | undefined) => async () =>
      answer(
        await handler(
          new Request(`${BASE}${pathOf(params)}${queryString(query)}`, {
            method: route.method.toUpperCase(),
            headers: { ...auth, "content-type": "application/json" },
            body,
          }),
          { params: paramsFor(params) },
        ),
      );
    const sampleQuery = route.query ? sampleOf(route.query, "") : {};
    const sampleBody = route.body ? JSON.stringify(sampleOf(route.body, "")) : undefined;
    for (const q of route.query ? oddInputs(route.query, r) : [undefined])
      cases.push({
        label: `${route.method} ${route.path} query ${JSON.stringify(q)?.slice(0, 200)}`,
        run: send(q ?? sampleQuery, realParams, sampleBody),
      });
    if (route.params)
      for (const p of oddInputs(route.params, r))
        if (p && typeof p === "object" && !Array.isArray(p))
          cases.push({
            label: `${route.method} ${route.path} params ${JSON.stringify(p).slice(0, 200)}`,
            run: send(sampleQuery, p as Record<string, unknown>, sampleBody),
          });
    if (route.body) {
      for (const b of oddInputs(route.body, r))
        cases.push({
          label: `${route.method} ${route.path} body ${JSON.stringify(b)?.slice(0, 200)}`,
          run: send(sampleQuery, realParams, b === undefined ? undefined : JSON.stringify(b)),
        });
      for (const raw of ["{", "\u0000", "[1,2", '{"a":"\\ud800"}', "null", '"x"'])
        cases.push({
          label: `${route.method} ${route.path} raw body ${JSON.stringify(raw)}`,
          run: send(sampleQuery, realParams, raw),
        });
    }
  }
  // The routes outside the registry: tracked links, calendar feeds, the Stripe webhook.
  for (const token of [
    "\u0000",
    "%00",
    "\ud800",
    "a".repeat(5_000),
    "../../etc/passwd",
    "x\u0000".repeat(20),
    "0000000000",
  ]) {
    cases.push({
      label: `GET /r/${JSON.stringify(token)}`,
      run: async () =>
        answer(await trackedLinkRoute(new Request(`${BASE}/r/x`), { params: Promise.resolve({ token }) })),
    });
    cases.push({
      label: `GET /api/cal/${JSON.stringify(token)}.ics`,
      run: async () =>
        answer(
          await calendarRoute(new Request(`${BASE}/api/cal/x.ics`), {
            params: Promise.resolve({ file: `cal_${token}.ics` }),
          }),
        ),
    });
  }
  for (const body of [
    "",
    "{",
    '{"type":"checkout.session.completed","data":{"object":{"customer":"\u0000"}}}',
    HUGE,
  ]) {
    for (const signature of [
      null,
      "t=0,v1=00",
      "t=9999999999,v1=%00",
      `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}`,
    ]) {
      cases.push({
        label: `POST /api/stripe/webhook ${JSON.stringify({ body: body.slice(0, 40), signature })}`,
        run: async () =>
          answer(
            await stripeWebhookRoute(
              new Request(`${BASE}/api/stripe/webhook`, {
                method: "POST",
                body,
                headers: signature ? { "stripe-signature": signature } : {},
              }),
            ),
          ),
      });
    }
  }
  return cases;
}

async function runAll(cases: RestCase[]): Promise<Array<RestCase & Answer>> {
  const results: Array<RestCase & Answer> = [];
  let next = 0;
  async function lane() {
    while (next < cases.length) {
      const c = cases[next++]!;
      let a: Answer;
      try {
        a = await c.run();
      } catch (err) {
        a = { status: 599, body: `threw: ${(err as Error).message}` };
      }
      results.push({ ...c, ...a });
    }
  }
  await Promise.all(Array.from({ length: AT_ONCE }, lane));
  return results;
}

/** Internals that must never reach an answer. */
const LEAK = /prisma|invocation|violates|constraint|SQLSTATE|\.ts:\d+|22021|22P05|22008/i;

/** What a person reads: a tRPC error's message (dev builds add a stack beside it), or the whole answer. */
function shownText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { json?: { message?: string } } };
    if (typeof parsed.error?.json?.message === "string") return parsed.error.json.message;
  } catch {
    // not JSON: the whole text is shown
  }
  return body;
}

function report(results: Array<RestCase & Answer>, seed: number) {
  const bad = results.filter((x) => x.status >= 500 || (x.status >= 400 && LEAK.test(shownText(x.body))));
  const byStatus = results.reduce<Record<number, number>>(
    (acc, x) => ({ ...acc, [x.status]: (acc[x.status] ?? 0) + 1 }),
    {},
  );
  return {
    bad: bad.map((b) => ({ label: b.label.slice(0, 300), status: b.status, body: b.body.slice(0, 300) })),
    byStatus,
    seed,
  };
}

describe(`input fuzz (${engineName})`, () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

  it("answers every tRPC procedure's odd inputs without a 5xx or an internal message", async () => {
    const r = random(seed);
    expect(procedures.length).toBeGreaterThan(90);
    const cases: RestCase[] = procedures.flatMap(([path, proc]) =>
      oddInputs(proc._def.inputs[0], r).map((input) => ({
        label: `${path} ${JSON.stringify(superjson.serialize(input).json)?.slice(0, 200)}`,
        run: () => trpc(path, proc._def.type, input),
      })),
    );
    const started = Date.now();
    const results = await runAll(cases);
    const out = report(results, seed);
    console.log(
      `input fuzz tRPC (seed ${seed}): ${results.length} requests over ${procedures.length} procedures in ${Date.now() - started} ms; ${JSON.stringify(out.byStatus)}`,
    );
    expect(out.bad, `seed ${seed}`).toEqual([]);
  }, 300_000);

  it("answers every REST route's odd inputs without a 5xx or an internal message", async () => {
    const r = random(seed + 1);
    const cases = restCases(r);
    const started = Date.now();
    const results = await runAll(cases);
    const out = report(results, seed);
    console.log(
      `input fuzz REST (seed ${seed}): ${results.length} requests over ${API_ROUTES.length + 3} routes in ${Date.now() - started} ms; ${JSON.stringify(out.byStatus)}`,
    );
    expect(out.bad, `seed ${seed}`).toEqual([]);
  }, 300_000);

  it("refuses the reported inputs with a 400 that names the field", async () => {
    const lead = fx.lead.id;
    const trpcCases: Array<[string, "query" | "mutation", unknown, string]> = [
      ["leads.updateDetails", "mutation", { leadId: lead, notes: "call \u0000 back" }, "notes"],
      ["messaging.reply", "mutation", { leadId: lead, body: "hi \ud83d" }, "body"],
      [
        "setup.updateBusiness",
        "mutation",
        { name: "Fuzz\u0000Plumbing", timeZone: "America/Chicago" },
        "name",
      ],
      [
        "setup.setCallAnswers",
        "mutation",
        { priceAnswer: "Free\u0000", servicesOffered: [], servicesNotOffered: [] },
        "priceAnswer",
      ],
      [
        "integrations.createWebhook",
        "mutation",
        { url: "https://hooks.example.com/\u0000", events: ["lead.created"] },
        "url",
      ],
      ["team.invite", "mutation", { email: "a\u0000@example.test", role: "staff" }, "email"],
      ["leads.book", "mutation", { leadId: lead, customAt: new Date("9999-06-01T15:00:00Z") }, "customAt"],
      ["reports.report", "query", { kind: "month", month: "9999-12" }, "month"],
    ];
    for (const [path, type, input, field] of trpcCases) {
      const res = await trpc(path, type, input);
      expect(res.status, `${path}: ${res.body}`).toBe(400);
      const error = JSON.parse(res.body).error.json as {
        message: string;
        data: { field?: string; fieldErrors?: { field: string }[] };
      };
      expect([error.data.field, ...(error.data.fieldErrors ?? []).map((f) => f.field)], path).toContain(
        field,
      );
      expect(error.message).not.toMatch(LEAK);
    }
    const signUp = await trpc("account.signUp", "mutation", {
      name: "Sam\u0000",
      email: "sam@example.test",
      password: "a long enough password",
      businessName: "Sam Plumbing",
      timeZone: "America/Chicago",
    });
    expect(signUp.status).toBe(400);

    const rest = (path: string, init: RequestInit = {}) => {
      const route = API_ROUTES.find(
        (x) =>
          x.method === (init.method ?? "GET").toLowerCase() &&
          new RegExp(`^${x.path.replace(/\{\w+\}/g, "[^/]+")}$`).test(path.split("?")[0]!),
      )!;
      return serveApi(route)(
        new Request(`${BASE}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${fx.key.secret}`, "content-type": "application/json" },
        }),
        { params: Promise.resolve({ id: lead }) },
      ).then(answer);
    };
    const cursor0000 = Buffer.from(`0000-01-01T00:00:00.000Z|${lead}`).toString("base64url");
    const restCases: Array<[Promise<Answer>, string]> = [
      [rest("/api/v1/leads?since=0000-01-01T00:00:00Z"), "since"],
      [rest(`/api/v1/leads?cursor=${cursor0000}`), "cursor"],
      [rest("/api/v1/reports/monthly?month=9999-12"), "month"],
      [
        rest(`/api/v1/leads/${lead}`, {
          method: "PATCH",
          body: JSON.stringify({ externalJobId: "JOB\u0000-1" }),
        }),
        "externalJobId",
      ],
      [
        rest(`/api/v1/leads/${lead}`, {
          method: "PATCH",
          body: JSON.stringify({ outcome: "booked", appointmentAt: "9999-06-01T15:00:00Z" }),
        }),
        "appointmentAt",
      ],
      [
        rest("/api/v1/webhooks", {
          method: "POST",
          body: JSON.stringify({ url: "https://hooks.example.com/\ud800", events: ["lead.created"] }),
        }),
        "url",
      ],
    ];
    for (const [pending, field] of restCases) {
      const res = await pending;
      expect(res.status, res.body).toBe(400);
      expect(JSON.parse(res.body).error.field).toBe(field);
    }
    const after = await prisma.lead.findUniqueOrThrow({ where: { id: lead } });
    expect(after.externalJobId ?? "").not.toContain("JOB");
    expect(after.appointmentAt?.getUTCFullYear() ?? 2026).toBeLessThan(2101);
  });

  it("creates two businesses with the same name at the same instant (the slug race the fuzz found)", async () => {
    const input = {
      businessName: "Twin Plumbing",
      timeZone: "America/Chicago",
      ownerEmail: "twin@example.test",
    };
    const answers = await Promise.all([1, 2, 3].map(() => trpc("agency.createTenant", "mutation", input)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(
      new Set((await prisma.tenant.findMany({ where: { name: "Twin Plumbing" } })).map((t) => t.slug)).size,
    ).toBe(3);
  });

  it("answers the same email signing up twice at the same instant with the one neutral refusal, not a 500", async () => {
    const input = {
      name: "Twin",
      email: "twin-signup@example.test",
      password: "a long enough password 1",
      businessName: "Twin Signup Plumbing",
      timeZone: "America/Chicago",
    };
    const answers = await Promise.all([1, 2].map(() => trpc("account.signUp", "mutation", input)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    // The loser hears what any taken email hears: nothing says an account exists.
    const refused = answers.find((a) => a.status === 400)!;
    expect(refused.body).toContain(JSON.stringify(SIGN_UP_REFUSED).slice(1, -1));
    expect(refused.body).not.toMatch(/already|exists/i);
  });

  it("answers an internal error with a reference only, and logs the error under it", async () => {
    const lines: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
    try {
      // A procedure whose database is gone: the error is the driver's, never shown.
      const ctx: TRPCContext = {
        sys: systemDb({} as PrismaClient),
        session: { userId: fx.owner.id, sessionVersion: 0 },
        tenantSlug: fx.tenant.slug,
        ip: null,
      };
      const res = await answer(await serveTrpc(new Request(`${BASE}/api/trpc/setup.checklist`), () => ctx));
      expect(res.status).toBe(500);
      const message = JSON.parse(res.body).error.json.message as string;
      const ref = /^Something went wrong \(ref ([0-9a-f]{8})\)/.exec(message)?.[1];
      expect(ref, message).toBeDefined();
      expect(lines.some((l) => l.includes(`ref ${ref}`))).toBe(true);
    } finally {
      console.error = original;
    }
  });
});
