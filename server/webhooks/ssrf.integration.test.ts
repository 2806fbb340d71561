// Server-side request forgery through webhooks, as an attacker would try it in production: every
// way of writing an internal address (IPv4 inside IPv6, NAT64, 6to4, numeric IPv4) is refused when
// the endpoint is added, a delivery to a stored internal URL sends nothing, a name that resolves to
// a public address when added and to loopback when delivered (DNS rebinding) gets nothing, and the
// delivery log never keeps what an internal address answered.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import type { PrismaClient } from "@/server/db/generated/client";
import { tenantScoped } from "@/server/db/tenant-scope";
import { systemDb } from "@/server/db/system";
import { makeApiKey, makeLead } from "@/prisma/factories";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { startWebhookReceiver, type WebhookReceiver } from "@/server/test/webhook-receiver";
import { POST as createWebhook } from "@/app/api/v1/webhooks/route";
import { deliverWebhook } from "./deliver";
import { recordWebhookEvent } from "./outbox";
import { createWebhookEndpoint } from "./endpoints";
import { isInternalAddress } from "./target-guard";

vi.hoisted(() => {
  process.env.PUBLIC_BASE_URL = "https://rescue.example.test";
  // As in production: internal targets are refused.
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "off";
});

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;
let key: string;
let receiver: WebhookReceiver;
let port: number;

beforeAll(async () => {
  db = await useTestDatabase();
  prisma = db.prisma;
  receiver = await startWebhookReceiver();
  port = Number(new URL(receiver.url("/")).port);
  biz = await makeTestBusiness(prisma);
  key = (await makeApiKey(prisma, biz.tenant.id)).secret;
});
afterAll(async () => {
  await receiver?.close();
  await db?.drop();
});

const addViaApi = (url: string) =>
  createWebhook(
    new Request("https://rescue.example.test/api/v1/webhooks", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ url, events: ["sms.received"] }),
    }),
  );

/** The address forms of the report, plus the other ways of hiding IPv4 in IPv6 or in numbers. */
const INTERNAL_URLS = [
  "http://[::ffff:127.0.0.1]:55600/x",
  "http://[::ffff:7f00:1]/x",
  "http://[0:0:0:0:0:ffff:127.0.0.1]/x",
  "http://[::ffff:169.254.169.254]/latest/meta-data",
  "http://[::ffff:a9fe:a9fe]/latest/meta-data",
  "http://[::ffff:10.0.0.1]/x",
  "http://[::127.0.0.1]/x", // IPv4-compatible
  "http://[::a9fe:a9fe]/x",
  "http://[64:ff9b::7f00:1]/x", // NAT64
  "http://[64:ff9b::a9fe:a9fe]/x",
  "http://[64:ff9b:1::a00:1]/x", // local-use NAT64
  "http://[2002:7f00:1::]/x", // 6to4 of 127.0.0.1
  "http://[2002:a9fe:a9fe::1]/x", // 6to4 of 169.254.169.254
  "http://[::]/x",
  "http://[::1]/x",
  "http://[fe80::1]/x",
  "http://[fd12:3456::1]/x",
  "http://2130706433/x", // 127.0.0.1 as one number
  "http://0x7f.1/x",
  "http://0177.0.0.1/x",
  "http://127.1/x",
  "http://0.0.0.0/x",
  "http://100.64.0.1/x",
  "http://169.254.169.254/latest/meta-data",
  "http://LOCALHOST./x",
];

describe(`webhook targets (${engineName})`, () => {
  it.each(INTERNAL_URLS)("refuses %s when it is added (400 naming the url)", async (url) => {
    const res = await addViaApi(url);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { message: expect.stringMatching(/internal address/), field: "url" },
    });
  });

  it("classifies every IPv4-in-IPv6 form by the IPv4 address it carries", () => {
    for (const ip of ["::ffff:7f00:1", "::7f00:1", "64:ff9b::a00:1", "2002:c0a8:101::", "::ffff:100.64.0.1"])
      expect(isInternalAddress(ip), ip).toBe(true);
    // The same forms around a public address are public.
    for (const ip of [
      "::ffff:808:808",
      "::ffff:8.8.8.8",
      "64:ff9b::808:808",
      "2002:808:808::1",
      "2606:4700::1111",
      "93.184.216.34",
    ])
      expect(isInternalAddress(ip), ip).toBe(false);
  });

  it("still accepts a public address", async () => {
    const res = await addViaApi("https://93.184.216.34/hooks/leadrescue");
    expect(res.status).toBe(201);
    // Removed at once: nothing in this file may reach a real network.
    await prisma.webhookEndpoint.delete({ where: { id: ((await res.json()) as { id: string }).id } });
  });

  it.each(["::ffff:127.0.0.1", "::ffff:7f00:1", "0:0:0:0:0:ffff:127.0.0.1", "127.0.0.1"])(
    "sends nothing to a stored endpoint at [%s] (the local receiver) and logs why",
    async (host) => {
      const literal = host.includes(":") ? `[${host}]` : host;
      const path = `/stored-${host.replace(/[^0-9a-f]/gi, "")}`;
      const endpoint = await prisma.webhookEndpoint.create({
        data: {
          tenantId: biz.tenant.id,
          url: `http://${literal}:${port}${path}`,
          events: ["sms.received"],
          secret: "whsec_dGVzdC1zZWNyZXQtdGVzdC1zZWNyZXQ=",
        },
      });
      const [id] = await recordWebhookEvent(prisma, {
        tenantId: biz.tenant.id,
        type: "sms.received",
        lead: await makeLead(prisma, biz.tenant.id),
      });
      expect(await deliverWebhook(systemDb(prisma), id!, { retryScale: 100 })).toMatchObject({
        outcome: "failed",
      });
      expect(receiver.received(path)).toHaveLength(0);
      const row = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: id! } });
      expect(row).toMatchObject({
        responseStatus: null,
        responseBody: null,
        error: expect.stringMatching(/^Not sent: .*internal address/),
      });
      await prisma.webhookEndpoint.delete({ where: { id: endpoint.id } });
    },
  );

  it("checks the address it connects to: a name public when added and loopback when delivered (DNS rebinding) gets nothing", async () => {
    const ctx = { db: tenantScoped(prisma, biz.tenant.id), tenantId: biz.tenant.id, actorId: biz.ownerId };
    const url = `http://rebind.example.test:${port}/rebind`;
    const resolvedAt: string[] = [];
    const created = await createWebhookEndpoint(
      { ...ctx, resolve: async (host) => (resolvedAt.push(`add:${host}`), ["93.184.216.34"]) },
      { url, events: ["sms.received"] },
    );
    expect(created.url).toBe(url);

    const [id] = await recordWebhookEvent(prisma, {
      tenantId: biz.tenant.id,
      type: "sms.received",
      lead: await makeLead(prisma, biz.tenant.id),
    });
    const rebound = async (host: string) => (resolvedAt.push(`deliver:${host}`), ["127.0.0.1"]);
    expect(await deliverWebhook(systemDb(prisma), id!, { resolve: rebound, retryScale: 100 })).toMatchObject({
      outcome: "failed",
    });
    expect(resolvedAt).toEqual(["add:rebind.example.test", "deliver:rebind.example.test"]);
    expect(receiver.received("/rebind")).toHaveLength(0);
    const row = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: id! } });
    expect(row.error).toMatch(/rebind\.example\.test points to an internal address \(127\.0\.0\.1\)/);

    // One internal address among public ones is enough to refuse.
    await prisma.webhookDelivery.update({ where: { id: id! }, data: { nextAttemptAt: new Date() } });
    await deliverWebhook(systemDb(prisma), id!, {
      resolve: async () => ["93.184.216.34", "::ffff:127.0.0.1"],
      retryScale: 100,
    });
    expect(receiver.received("/rebind")).toHaveLength(0);

    // The connection really goes where the checked lookup says: with internal targets allowed
    // (local mode) the same resolver reaches the local receiver.
    await prisma.webhookDelivery.update({ where: { id: id! }, data: { nextAttemptAt: new Date() } });
    expect(await deliverWebhook(systemDb(prisma), id!, { resolve: rebound, allowPrivate: true })).toEqual({
      outcome: "succeeded",
    });
    expect(receiver.received("/rebind")).toHaveLength(1);
  });

  it("keeps only the status and timing of an answer that is not a 2xx from a public address", async () => {
    const ctx = {
      db: tenantScoped(prisma, biz.tenant.id),
      tenantId: biz.tenant.id,
      actorId: biz.ownerId,
      allowPrivate: true,
    };
    await createWebhookEndpoint(ctx, { url: receiver.url("/internal-reply"), events: ["lead.closed"] });
    receiver.answer("/internal-reply", [500]);
    const lead = await makeLead(prisma, biz.tenant.id);
    const [failedId] = await recordWebhookEvent(prisma, {
      tenantId: biz.tenant.id,
      type: "lead.closed",
      lead,
    });
    await deliverWebhook(systemDb(prisma), failedId!, { allowPrivate: true, retryScale: 100 });
    const [okId] = await recordWebhookEvent(prisma, { tenantId: biz.tenant.id, type: "lead.closed", lead });
    await deliverWebhook(systemDb(prisma), okId!, { allowPrivate: true });
    const rows = await prisma.webhookDelivery.findMany({
      where: { id: { in: [failedId!, okId!] } },
      orderBy: { createdAt: "asc" },
    });
    expect(receiver.received("/internal-reply")).toHaveLength(2);
    for (const row of rows) {
      expect(row.responseStatus).toBeGreaterThanOrEqual(200);
      expect(row.durationMs).not.toBeNull();
      expect(row.responseBody).toBeNull();
    }
  });
});
