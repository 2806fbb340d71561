// What a call reads about its business is kept in memory per process (call-settings.ts): a change
// saved in this process is used by the very next call, and the first webhook still records one
// call, one lead, its timeline line, its follow-up and its outbox rows, once per CallSid.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import type { PrismaClient } from "@/server/db/generated/client";
import { forTenant, systemDb } from "@/server/db/system";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { dialedNumber, TwilioCall } from "@/server/test/webhook-test-kit";
import { CALL_MOVES } from "./call-steps";
import { clearCallSettings } from "./call-settings";

vi.hoisted(() => {
  process.env.PUBLIC_BASE_URL = "https://rescue.example.test";
});

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let prisma: PrismaClient;
let biz: TestBusiness;

beforeAll(async () => {
  process.env.SPOOL_DIR = mkdtempSync(path.join(tmpdir(), "lr-spool-"));
  db = await useTestDatabase();
  prisma = db.prisma;
  biz = await makeTestBusiness(prisma);
  clearCallSettings();
});
afterAll(() => db?.drop());

describe(`the business's call settings kept in memory (${engineName})`, () => {
  it("rings the plumber's new phone on the very next call after the office saves it", async () => {
    const first = await new TwilioCall(biz.trackingNumber).incoming();
    const before = dialedNumber(first);
    const tenant = forTenant(systemDb(prisma), biz.tenant.id);
    await tenant.tenant.update({ where: { id: biz.tenant.id }, data: { plumberPhone: "+15125550177" } });
    expect(dialedNumber(await new TwilioCall(biz.trackingNumber).incoming())).toBe("+15125550177");
    await tenant.tenant.update({ where: { id: biz.tenant.id }, data: { plumberPhone: before } });
    expect(dialedNumber(await new TwilioCall(biz.trackingNumber).incoming())).toBe(before);
  });

  it("routes a new missed call to the owner the routing rule names now", async () => {
    await new TwilioCall(biz.trackingNumber).incoming();
    const rule = await prisma.routingRule.findFirstOrThrow({
      where: { tenantId: biz.tenant.id, kind: "standard" },
    });
    await prisma.routingRule.update({ where: { id: rule.id }, data: { userId: biz.ownerId } });
    const call = new TwilioCall(biz.trackingNumber);
    await call.incoming();
    const lead = await prisma.lead.findFirstOrThrow({ where: { sourceRef: call.callSid } });
    expect(lead.ownerId).toBe(biz.ownerId);
    await prisma.routingRule.update({ where: { id: rule.id }, data: { userId: rule.userId } });
  });

  it("records the first webhook once, with its timeline line, follow-up and the ring-first answer stored", async () => {
    const call = new TwilioCall(biz.trackingNumber);
    const answers = await Promise.all([call.incoming(), call.incoming(), call.incoming()]);
    expect(new Set(answers).size).toBe(1);
    const calls = await prisma.call.findMany({ where: { callSid: call.callSid } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      stage: CALL_MOVES.incoming.to,
      lastTwimlKey: "voice",
      lastTwiml: answers[0],
    });
    const leads = await prisma.lead.findMany({ where: { sourceRef: call.callSid } });
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ status: "missed", source: "phone", tenantId: biz.tenant.id });
    const events = await prisma.leadEvent.findMany({ where: { leadId: leads[0]!.id } });
    expect(events.map((e) => e.type)).toEqual(["call.received"]);
    expect(await prisma.followUpEnrollment.count({ where: { leadId: leads[0]!.id } })).toBe(1);
  });
});
