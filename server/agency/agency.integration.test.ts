// The agency console (DESIGN "Who uses it": an agency operator runs many client tenants —
// creates them, watches their health, pauses/resumes, works inside any of them).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "@/server/db/generated/client";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";
import { callerFor } from "@/server/test/caller";
import { serviceGate } from "@/server/billing/service-gate";
import { findOpenInvite } from "@/server/accounts/invites";
import { completeSetup, makeLead, makeTenant, makeUsageEntry, makeUser } from "@/prisma/factories";
import { agencyOverview } from "./agency-overview";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
});
afterAll(() => db.drop());

async function makeAgency(name: string) {
  const agency = await prisma.agency.create({ data: { name } });
  const operator = await makeUser(prisma, { name: `${name} Operator` });
  await prisma.agencyMember.create({ data: { agencyId: agency.id, userId: operator.id } });
  return { agency, operator };
}

async function fieldOf(p: Promise<unknown>): Promise<{ code: string; field?: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    const cause = err.cause as { field?: string; issues?: { path: string[] }[] } | undefined;
    return {
      code: err.code,
      field: cause?.field ?? cause?.issues?.[0]?.path.join("."),
      message: err.message,
    };
  }
  throw new Error("expected an error");
}

const HOUR = 3_600_000;

describe(`agency overview (${engineName})`, () => {
  it("counts each tenant's leads today and this week, open leaks (unowned, overdue, escalated), AI calls and calls per day, and sorts by needs attention", async () => {
    const { agency, operator } = await makeAgency("Numbers Agency");
    const owner = await makeUser(prisma);
    const busy = await makeTenant(prisma, { name: "Busy Plumbing", agencyId: agency.id, ownerId: owner.id });
    const calm = await makeTenant(prisma, { name: "Calm Plumbing", agencyId: agency.id });
    await makeTenant(prisma, { name: "Aardvark Plumbing", agencyId: agency.id });
    await completeSetup(prisma, busy.id);
    await completeSetup(prisma, calm.id, { subscription: "canceled" });
    const now = new Date();
    const past = new Date(now.getTime() - HOUR);
    const later = new Date(now.getTime() + HOUR);
    const owned = { ownerId: owner.id, nextAction: "Call back", createdAt: now };

    // Open leaks: unowned; overdue; escalated; unowned AND overdue (one leak, counted in both reasons).
    await makeLead(prisma, busy.id, { createdAt: now });
    await makeLead(prisma, busy.id, { ...owned, dueAt: past });
    const escalated = await makeLead(prisma, busy.id, { ...owned, dueAt: later, urgency: "emergency" });
    await prisma.escalation.create({
      data: { tenantId: busy.id, leadId: escalated.id, rule: "urgent_unaccepted" },
    });
    await makeLead(prisma, busy.id, { createdAt: now, dueAt: past });
    // Not leaks: owned and on time; closed; a test call's lead (not counted at all).
    await makeLead(prisma, busy.id, { ...owned, dueAt: later });
    await makeLead(prisma, busy.id, { createdAt: now, dueAt: past, status: "closed", closeReason: "spam" });
    await makeLead(prisma, busy.id, { createdAt: now, isTest: true });
    // Earlier this week, and last month.
    await makeLead(prisma, busy.id, {
      ...owned,
      status: "closed",
      closeReason: "booked_elsewhere",
      createdAt: new Date(now.getTime() - 3 * 24 * HOUR),
    });
    await makeLead(prisma, busy.id, {
      ...owned,
      status: "closed",
      closeReason: "spam",
      createdAt: new Date(now.getTime() - 30 * 24 * HOUR),
    });
    await makeLead(prisma, calm.id, { createdAt: now });

    // Calls per day (test calls left out) and AI-handled calls in the last 7 days (usage ledger).
    const call = (startedAt: Date, isTest = false) =>
      prisma.call.create({
        data: {
          tenantId: busy.id,
          callSid: `CA${Math.random().toString(16).slice(2)}${Date.now()}`,
          fromNumber: "+15125550143",
          toNumber: "+15125550100",
          stage: "ended",
          startedAt,
          isTest,
        },
      });
    await call(now);
    await call(new Date(now.getTime() - 60_000));
    await call(now, true);
    await call(new Date(now.getTime() - 3 * 24 * HOUR));
    await makeUsageEntry(prisma, busy.id, { occurredAt: past });
    await makeUsageEntry(prisma, busy.id, {
      occurredAt: past,
      outcome: "credited",
      creditReason: "out_of_area",
      meterStatus: "not_applicable",
    });
    await makeUsageEntry(prisma, busy.id, {
      occurredAt: past,
      outcome: "credited",
      creditReason: "test_call",
      meterStatus: "not_applicable",
    });
    await makeUsageEntry(prisma, busy.id, { occurredAt: new Date(now.getTime() - 8 * 24 * HOUR) });

    // QA: the latest sampled day's failure rate; a day with nothing sampled does not count.
    const day = (n: number) => new Date(now.getTime() - n * 24 * HOUR).toISOString().slice(0, 10);
    await prisma.qaDay.create({
      data: { tenantId: busy.id, sampledOn: day(2), eligible: 12, sampled: 10, failed: 5 },
    });
    await prisma.qaDay.create({
      data: { tenantId: busy.id, sampledOn: day(1), eligible: 10, sampled: 10, failed: 1 },
    });
    await prisma.qaDay.create({
      data: { tenantId: busy.id, sampledOn: day(0), eligible: 0, sampled: 0, failed: 0 },
    });

    const { tenants } = await callerFor(prisma, operator.id).agency.overview();
    expect(tenants.map((t) => t.name)).toEqual(["Busy Plumbing", "Calm Plumbing", "Aardvark Plumbing"]);
    const [b, c, a] = tenants as [(typeof tenants)[0], (typeof tenants)[0], (typeof tenants)[0]];
    expect(b.openLeaks).toEqual({ total: 4, unowned: 2, overdue: 2, escalated: 1 });
    // Leads as Reports counts them: the spam contact today is a call, never a lead.
    expect(b.leadsToday).toBe(5);
    expect(b.leadsThisWeek).toBe(6);
    expect(b.aiCalls7d).toBe(2);
    expect(b.callsPerDay).toHaveLength(7);
    expect(b.callsPerDay.reduce((s, d) => s + d.calls, 0)).toBe(3);
    expect(b.callsPerDay.at(-1)!.calls).toBeGreaterThanOrEqual(1);
    expect(b.qaFailureRate).toBeCloseTo(0.1);
    expect(b.qaDay).toBe(day(1));
    expect(c.qaFailureRate).toBeNull();
    expect(b).toMatchObject({
      gate: { open: true, reasons: [] },
      billing: { status: "active", label: "Active", eligible: true },
      health: "attention",
      paused: false,
    });
    expect(c).toMatchObject({
      openLeaks: { total: 1 },
      billing: { status: "canceled", eligible: false },
      health: "off",
    });
    expect(c.gate.reasons.join(" ")).toContain("subscription was canceled");
    expect(a).toMatchObject({
      openLeaks: { total: 0 },
      leadsToday: 0,
      billing: { status: "none" },
      health: "off",
    });
    expect(a.gate.reasons[0]).toMatch(/^Setup is not complete: tracking number, plumber's phone/);
  });

  it("decides each tenant's gate exactly as the service gate does", async () => {
    const { agency } = await makeAgency("Gate Agency");
    const ids = [];
    for (const sub of ["active", "trialing", "unpaid", null] as const) {
      const t = await makeTenant(prisma, { agencyId: agency.id });
      await completeSetup(prisma, t.id, { subscription: sub });
      ids.push(t.id);
    }
    const paused = await makeTenant(prisma, { agencyId: agency.id });
    await completeSetup(prisma, paused.id);
    await prisma.tenant.update({ where: { id: paused.id }, data: { paused: true } });
    ids.push(paused.id, (await makeTenant(prisma, { agencyId: agency.id })).id);
    const now = new Date();
    const rows = await agencyOverview(systemDb(prisma), agency.id, now);
    expect(rows).toHaveLength(ids.length);
    for (const row of rows)
      expect(row.gate).toEqual(await serviceGate(tenantScoped(prisma, row.id), row.id, now));
  });

  it("reads many tenants in the same fixed number of queries as one (no query per tenant)", async () => {
    const countQueries = (agencyId: string) => {
      let n = 0;
      const counted = prisma.$extends({
        query: {
          $allOperations({ args, query }) {
            n += 1;
            return query(args);
          },
        },
      }) as unknown as PrismaClient;
      return agencyOverview(systemDb(counted), agencyId).then(() => n);
    };
    const small = await makeAgency("Small Agency");
    const big = await makeAgency("Big Agency");
    const one = await makeTenant(prisma, { agencyId: small.agency.id });
    await completeSetup(prisma, one.id);
    await makeLead(prisma, one.id);
    for (let i = 0; i < 6; i++) {
      const t = await makeTenant(prisma, { agencyId: big.agency.id });
      await completeSetup(prisma, t.id);
      await makeLead(prisma, t.id);
      await prisma.tenant.update({ where: { id: t.id }, data: { paused: i % 2 === 0 } });
    }
    const forOne = await countQueries(small.agency.id);
    expect(forOne).toBeGreaterThan(5);
    expect(await countQueries(big.agency.id)).toBe(forOne);
  });

  it("shows an empty agency as an empty list", async () => {
    const { operator } = await makeAgency("Empty Agency");
    const res = await callerFor(prisma, operator.id).agency.overview();
    expect(res).toMatchObject({ agency: { name: "Empty Agency" }, tenants: [] });
  });
});

describe(`agency: add a business (${engineName})`, () => {
  it("adds a business to the agency and invites an existing account as owner, like anyone else; the operator can open it", async () => {
    const { agency, operator } = await makeAgency("Create Agency");
    const owner = await makeUser(prisma, {
      email: "existing-owner@example.test",
      name: "Erin Existing",
      password: "erin-own-password",
    });
    const res = await callerFor(prisma, operator.id).agency.createTenant({
      businessName: "  New Pipes Co ",
      timeZone: "America/Denver",
      ownerEmail: "Existing-Owner@Example.test",
    });
    // The answer is the same as for an email nobody has: nothing says an account exists, or whose.
    expect(res).toMatchObject({
      name: "New Pipes Co",
      owner: { email: "existing-owner@example.test", name: null, invited: true },
      invite: { link: expect.stringMatching(/\/invite\/[\w-]+$/) },
    });
    expect(JSON.stringify(res)).not.toContain("Erin");
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: res.id } });
    expect(tenant).toMatchObject({ agencyId: agency.id, timeZone: "America/Denver", slug: res.slug });
    // Nobody is made an owner without their say: the account joins when it accepts with its password.
    expect(await prisma.membership.count({ where: { tenantId: res.id } })).toBe(0);
    expect(
      await callerFor(prisma, null).account.acceptInvite({
        token: res.invite!.link.split("/invite/")[1]!,
        password: "erin-own-password",
      }),
    ).toMatchObject({ email: "existing-owner@example.test", role: "owner" });
    expect(
      await prisma.membership.findMany({ where: { tenantId: res.id }, select: { userId: true, role: true } }),
    ).toEqual([{ userId: owner.id, role: "owner" }]);
    expect(
      await prisma.auditLog.findFirst({ where: { tenantId: res.id, action: "tenant.created" } }),
    ).toMatchObject({ actorId: operator.id });
    // Works inside it: the tenant gate lets the operator in; the new business starts with the AI off.
    const checklist = await callerFor(prisma, operator.id, res.slug).setup.checklist();
    expect(checklist.gate.open).toBe(false);
  });

  it("invites an owner who has no account yet and returns the invite link", async () => {
    const { operator } = await makeAgency("Invite Agency");
    const res = await callerFor(prisma, operator.id).agency.createTenant({
      businessName: "Fresh Drains",
      timeZone: "America/Chicago",
      ownerEmail: "brand-new-owner@example.test",
    });
    expect(res.owner).toMatchObject({ email: "brand-new-owner@example.test", invited: true });
    expect(res.invite?.link).toMatch(/\/invite\/[\w-]+$/);
    const token = res.invite!.link.split("/invite/")[1]!;
    expect(await findOpenInvite(systemDb(prisma), token)).toMatchObject({
      email: "brand-new-owner@example.test",
      role: "owner",
      tenantName: "Fresh Drains",
    });
    expect(await prisma.membership.count({ where: { tenantId: res.id } })).toBe(0);
  });

  it("names the field that is wrong and creates nothing", async () => {
    const { agency, operator } = await makeAgency("Invalid Agency");
    const caller = callerFor(prisma, operator.id);
    expect(
      await fieldOf(
        caller.agency.createTenant({
          businessName: "Good Name",
          timeZone: "Mars/Olympus",
          ownerEmail: "a@example.test",
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", field: "timeZone" });
    expect(
      await fieldOf(
        caller.agency.createTenant({
          businessName: "X",
          timeZone: "America/Chicago",
          ownerEmail: "a@example.test",
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", field: "businessName" });
    expect(
      await fieldOf(
        caller.agency.createTenant({
          businessName: "Good Name",
          timeZone: "America/Chicago",
          ownerEmail: "not-an-email",
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", field: "ownerEmail" });
    expect(await prisma.tenant.count({ where: { agencyId: agency.id } })).toBe(0);
  });
});

describe(`agency: pause and resume (${engineName})`, () => {
  it("pausing closes the service gate and resuming opens it again, each with a reason in the audit log", async () => {
    const { agency, operator } = await makeAgency("Pause Agency");
    const t = await makeTenant(prisma, { name: "Pausable Plumbing", agencyId: agency.id });
    await completeSetup(prisma, t.id);
    const caller = callerFor(prisma, operator.id);
    expect((await serviceGate(tenantScoped(prisma, t.id), t.id)).open).toBe(true);

    expect(
      await caller.agency.pause({ tenantId: t.id, reason: "Client asked to stop over the holidays" }),
    ).toMatchObject({ paused: true });
    const closed = await serviceGate(tenantScoped(prisma, t.id), t.id);
    expect(closed).toEqual({ open: false, reasons: ["The service is paused by your agency."] });
    expect(
      await prisma.auditLog.findFirst({ where: { tenantId: t.id, action: "tenant.paused" } }),
    ).toMatchObject({ actorId: operator.id, data: { reason: "Client asked to stop over the holidays" } });
    const row = (await caller.agency.overview()).tenants[0]!;
    expect(row).toMatchObject({
      paused: true,
      health: "paused",
      gate: { open: false },
      pause: { reason: "Client asked to stop over the holidays" },
    });
    expect(await fieldOf(caller.agency.pause({ tenantId: t.id, reason: "Again" }))).toMatchObject({
      code: "CONFLICT",
      message: "Pausable Plumbing is already paused.",
    });

    await caller.agency.resume({ tenantId: t.id, reason: "Back after the holidays" });
    expect((await serviceGate(tenantScoped(prisma, t.id), t.id)).open).toBe(true);
    expect(
      await prisma.auditLog.findFirst({ where: { tenantId: t.id, action: "tenant.resumed" } }),
    ).toMatchObject({ actorId: operator.id, data: { reason: "Back after the holidays" } });
    expect((await caller.agency.overview()).tenants[0]).toMatchObject({
      paused: false,
      pause: null,
      health: "ok",
    });
  });

  it("refuses to pause without a reason and changes nothing", async () => {
    const { agency, operator } = await makeAgency("Reasonless Agency");
    const t = await makeTenant(prisma, { agencyId: agency.id });
    expect(
      await fieldOf(callerFor(prisma, operator.id).agency.pause({ tenantId: t.id, reason: "  " })),
    ).toMatchObject({ code: "BAD_REQUEST", field: "reason" });
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: t.id } })).paused).toBe(false);
    expect(await prisma.auditLog.count({ where: { tenantId: t.id, action: "tenant.paused" } })).toBe(0);
  });
});
