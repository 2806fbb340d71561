// The notification outbox on a real database and a real pg-boss: one message per idempotency
// key, and a failing email retried by the job until the mail server takes it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const smtpPort = vi.hoisted(() => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.ESCALATION_TIME_SCALE = "0.03"; // retry delay 1 s
  return port;
});

import { createTestDatabase, engineName } from "@/server/test/test-db";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";
import { makeTenant, makeUser } from "@/prisma/factories";
import { getBoss, startJobs, stopJobs } from "@/server/jobs/runtime";
import { startFakeSmtp, type FakeSmtp } from "./fake-smtp-server";
import { notify, type Enqueue } from "./outbox";
import { deliverNotification, MAX_ATTEMPTS } from "./deliver-notification";
import { notificationSendJob } from "./notification-jobs";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: FakeSmtp;
let tenantId: string;
let userId: string;

/** stopJobs keeps the pool open (the app reuses it); on PostgreSQL close it so dropping the test database is quiet. */
async function stopAllJobs() {
  if (db && !db.pglite) await (await getBoss().catch(() => null))?.stop({ graceful: false, close: true });
  await stopJobs();
}

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startFakeSmtp(smtpPort);
  const user = await makeUser(db.prisma, { name: "Dana Owner", email: "dana@outbox.test" });
  const tenant = await makeTenant(db.prisma, { ownerId: user.id });
  tenantId = tenant.id;
  userId = user.id;
});
afterAll(async () => {
  await stopAllJobs();
  await smtp?.close();
  await db?.drop();
});

describe(`notification outbox (${engineName})`, () => {
  it("keeps one notification per idempotency key and queues its delivery once", async () => {
    const queued: string[] = [];
    const enqueue: Enqueue = async (_name, data) => {
      queued.push((data as { id: string }).id);
      return "job";
    };
    const input = {
      db: tenantScoped(db.prisma, tenantId),
      tenantId,
      userId,
      channel: "in_app" as const,
      purpose: "test.once",
      leadId: null,
      body: "Hello",
      enqueue,
    };
    const [a, b] = await Promise.all([notify(input), notify(input)]);
    expect(a.id).toBe(b.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(queued).toEqual([a.id]);
    expect(await db.prisma.notification.count({ where: { purpose: "test.once" } })).toBe(1);

    expect(await deliverNotification(systemDb(db.prisma), a.id)).toBe("sent");
    expect(await deliverNotification(systemDb(db.prisma), a.id)).toBe("skipped");
    const row = await db.prisma.notification.findUniqueOrThrow({ where: { id: a.id } });
    expect(row).toMatchObject({ status: "sent", transport: "in_app", attempts: 1 });
  });

  it("records an SMS as 'would send' in local mode (no SMS provider yet), for the dev outbox", async () => {
    const { id } = await notify({
      db: tenantScoped(db.prisma, tenantId),
      tenantId,
      userId,
      channel: "sms",
      to: "+15125550102",
      purpose: "test.sms",
      body: "Emergency lead",
      enqueue: async () => null,
    });
    expect(await deliverNotification(systemDb(db.prisma), id)).toBe("sent");
    expect(await db.prisma.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "sent",
      transport: "local",
      to: "+15125550102",
    });
  });

  it("marks an email failed with a readable error after the last attempt", async () => {
    const { id } = await notify({
      db: tenantScoped(db.prisma, tenantId),
      tenantId,
      userId,
      channel: "email",
      to: "dana@outbox.test",
      purpose: "test.fail",
      body: "x",
      enqueue: async () => null,
    });
    const closedPort = "smtp://127.0.0.1:1";
    const results = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++)
      results.push(await deliverNotification(systemDb(db.prisma), id, { smtpUrl: closedPort }));
    expect(results).toEqual([...Array(MAX_ATTEMPTS - 1).fill("retry"), "failed"]);
    const row = await db.prisma.notification.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(row.error).toMatch(/^Email to dana@outbox.test failed: /);
    expect(await deliverNotification(systemDb(db.prisma), id, { smtpUrl: closedPort })).toBe("skipped");
  });

  it("sends an email with an HTML body as multipart/alternative, the plain text kept", async () => {
    const noQueue: Enqueue = async () => null;
    const { id } = await notify({
      db: tenantScoped(db.prisma, tenantId),
      tenantId,
      userId,
      channel: "email",
      to: "dana@outbox.test",
      purpose: "test.html",
      subject: "Report",
      body: "Leads: 2",
      html: "<p>Leads: <strong>2</strong></p>",
      enqueue: noQueue,
    });
    expect(await deliverNotification(systemDb(db.prisma), id, { smtpUrl: smtp.url })).toBe("sent");
    const raw = smtp.messages.find((m) => m.data.includes("Subject: Report"))?.data ?? "";
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(raw).toMatch(
      /Content-Type: text\/plain[^]*Leads: 2[^]*Content-Type: text\/html[^]*<strong>2<\/strong>/i,
    );
    // Other channels never keep an HTML body.
    const sms = await notify({
      db: tenantScoped(db.prisma, tenantId),
      tenantId,
      userId,
      channel: "sms",
      to: "+15125550100",
      purpose: "test.html",
      body: "Hi",
      html: "<p>Hi</p>",
      enqueue: noQueue,
    });
    expect((await db.prisma.notification.findUniqueOrThrow({ where: { id: sms.id } })).html).toBeNull();
  });

  it("retries a failing email through the pg-boss job and sends it once the server accepts", async () => {
    smtp.failNext(2);
    await startJobs(db, [notificationSendJob as never], { pollingIntervalSeconds: 0.5 });
    const { id } = await notify({
      db: tenantScoped(db.prisma, tenantId),
      tenantId,
      userId,
      channel: "email",
      to: "dana@outbox.test",
      purpose: "test.retry",
      subject: "Escalated lead",
      body: "Please call back",
    });
    await expect
      .poll(async () => (await db.prisma.notification.findUniqueOrThrow({ where: { id } })).status, {
        timeout: 30_000,
        interval: 250,
      })
      .toBe("sent");
    const row = await db.prisma.notification.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ attempts: 3, transport: "smtp" });
    expect(smtp.messages.filter((m) => m.data.includes("Please call back"))).toHaveLength(1);
    expect(smtp.messages.at(-1)?.to).toEqual(["dana@outbox.test"]);
  });
});
