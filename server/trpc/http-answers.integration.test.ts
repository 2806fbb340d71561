// What a tRPC answer carries over HTTP, on a real engine: never a stack trace (tRPC adds one
// whenever NODE_ENV is not "production", as under `npm run dev` and here), and never a cacheable
// answer (it holds people's data, read with the session cookie); and no request carrying more
// calls than a batch may hold.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { systemDb } from "@/server/db/system";
import { createInvite } from "@/server/accounts/invites";
import { tenantScoped } from "@/server/db/tenant-scope";
import { makeTenant, makeUser } from "@/prisma/factories";
import { serveTrpc } from "./http";
import { MAX_TRPC_BATCH } from "./batch-size";
import type { TRPCContext } from "./init";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const signedOut = (): TRPCContext => ({
  sys: systemDb(db.prisma),
  session: null,
  tenantSlug: null,
  // No known address: only the per-email limit counts, so each of the batch's calls is allowed.
  ip: null,
});

/** A GET of a query, through the transport app/api/trpc serves. */
function get(path: string, input: unknown, userId: string | null = null) {
  const url = `http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return serveTrpc(new Request(url, { headers: { "x-tenant": "no-such-business" } }), () => ({
    sys: systemDb(db.prisma),
    session: userId ? { userId, sessionVersion: 0 } : null,
    tenantSlug: "no-such-business",
    ip: null,
  }));
}

/** One POST carrying `count` calls of a mutation, as the browser's batch link sends them. */
function postBatch(path: string, inputs: unknown[]) {
  const paths = inputs.map(() => path).join(",");
  const body = Object.fromEntries(inputs.map((input, i) => [i, { json: input }]));
  const req = new Request(`http://localhost/api/trpc/${paths}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return serveTrpc(req, signedOut);
}

describe(`tRPC answers over HTTP (${engineName})`, () => {
  it("shows the refusal's sentence without a stack trace, whatever the refusal", async () => {
    const someone = await makeUser(db.prisma, { name: "Someone" });
    for (const [path, input, user] of [
      ["account.inviteInfo", { token: "short" }, null], // a schema refusal
      ["account.inviteInfo", { token: "x".repeat(32) }, null], // a domain refusal (404)
      ["leads.inbox", {}, null], // signed out
      ["leads.inbox", {}, someone.id], // not their business
    ] as const) {
      const res = await get(path, input, user);
      expect(res.status).toBeGreaterThanOrEqual(400);
      const text = await res.text();
      expect(text, path).not.toMatch(/\bat [\w.<>]+ \(|node_modules|TRPCError:/);
      const { error } = JSON.parse(text) as {
        error: { json: { message: string; data: { stack?: unknown } } };
      };
      expect(error.json.message).toEqual(expect.any(String));
      expect(error.json.data.stack ?? null, path).toBeNull();
    }
  });

  it("is never stored by a cache: the invite's email and business carry no-store", async () => {
    const owner = await makeUser(db.prisma, { name: "Owner" });
    const tenant = await makeTenant(db.prisma, { name: "Cache Plumbing", ownerId: owner.id });
    const { token } = await createInvite(
      { db: tenantScoped(db.prisma, tenant.id), tenantId: tenant.id },
      { email: "casey@example.test", role: "staff", actorId: owner.id, actorRole: "owner" },
    );
    const res = await get("account.inviteInfo", { token });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("casey@example.test");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a batch of more calls than the browser sends in one request, running none of them", async () => {
    const asks = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => ({ email: `batch-${tag}-${i}@example.test` }));
    const counters = (tag: string) =>
      db.prisma.apiRateWindow.count({ where: { keyId: { startsWith: `reset-email:batch-${tag}-` } } });

    const tooMany = await postBatch("account.requestPasswordReset", asks(MAX_TRPC_BATCH + 1, "big"));
    expect(tooMany.status).toBe(400);
    expect(await counters("big")).toBe(0);

    // A full batch still runs, each call counted by the limits as if sent alone.
    const full = await postBatch("account.requestPasswordReset", asks(MAX_TRPC_BATCH, "full"));
    expect(full.status).toBe(200);
    expect(await counters("full")).toBe(MAX_TRPC_BATCH);
  });
});
