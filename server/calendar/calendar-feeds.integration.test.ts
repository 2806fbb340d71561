// Private calendar feeds: the business's feed lists every booked visit, a person's feed only the
// visits they own; each event carries the caller, address, issue and a link to the lead; a
// replaced or turned-off link stops answering. The output is read back with an iCalendar parser.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import ICAL from "ical.js";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import { tenantScoped } from "@/server/db/tenant-scope";
import { makeLead, makeUser } from "@/prisma/factories";
import { changeRole, removeMember } from "@/server/accounts/members";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { GET as calendarRoute } from "@/app/api/cal/[file]/route";
import {
  getCalendarFeed,
  hashFeedToken,
  resetCalendarFeed,
  revokeCalendarFeed,
  VISIT_MINUTES,
} from "./calendar-feeds";
import { phoneLabel } from "@/server/leads/labels";

vi.hoisted(() => {
  process.env.PUBLIC_BASE_URL = "https://rescue.example.test";
});

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let biz: TestBusiness;
const day = 86_400_000;

const ctxOf = (actorId: string) => ({
  db: tenantScoped(db.prisma, biz.tenant.id),
  tenantId: biz.tenant.id,
  actorId,
});

async function fetchFeed(url: string) {
  const file = url.split("/api/cal/")[1]!;
  const res = await calendarRoute(new Request(url), { params: Promise.resolve({ file }) });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

function events(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

beforeAll(async () => {
  db = await useTestDatabase();
  biz = await makeTestBusiness(db.prisma);
  const soon = Date.now() + 2 * day;
  await makeLead(db.prisma, biz.tenant.id, {
    status: "booked",
    appointmentAt: new Date(soon),
    ownerId: biz.officeId,
    callerName: "Maria Lopez",
    address: "123 Main Street, Austin",
    issueSummary: "Kitchen sink leaking",
  });
  await makeLead(db.prisma, biz.tenant.id, {
    status: "booked",
    appointmentAt: new Date(soon + day),
    ownerId: biz.dispatchId,
    callerName: "Sam Burst",
    address: "9 Elm St",
    issueSummary: "Burst pipe",
  });
  await makeLead(db.prisma, biz.tenant.id, {
    status: "followup_needed",
    appointmentAt: null,
    ownerId: biz.officeId,
    callerName: "Not booked",
  });
  await makeLead(db.prisma, biz.tenant.id, {
    status: "booked",
    appointmentAt: new Date(soon),
    ownerId: biz.officeId,
    callerName: "Test Caller",
    isTest: true,
  });
  const other = await makeTestBusiness(db.prisma, { name: "Other Plumbing" });
  await makeLead(db.prisma, other.tenant.id, {
    status: "booked",
    appointmentAt: new Date(soon),
    callerName: "Other Business Caller",
  });
});
afterAll(() => db.drop());

describe(`calendar feeds (${engineName})`, () => {
  it("lists every booked visit of the business with caller, address, issue and a link to the lead", async () => {
    const feed = await resetCalendarFeed(ctxOf(biz.ownerId), { userId: null });
    expect(feed.url).toMatch(/^https:\/\/rescue\.example\.test\/api\/cal\/cal_[A-Za-z0-9_-]+\.ics$/);
    const res = await fetchFeed(feed.url);
    expect(res.status).toBe(200);
    expect(res.type).toContain("text/calendar");
    const list = events(res.text);
    expect(list.map((e) => e.summary)).toEqual([
      "Visit: Maria Lopez — Kitchen sink leaking",
      "Visit: Sam Burst — Burst pipe",
    ]);
    const maria = list[0]!;
    const lead = await db.prisma.lead.findFirstOrThrow({ where: { callerName: "Maria Lopez" } });
    expect(maria.location).toBe("123 Main Street, Austin");
    expect(maria.description).toContain("Kitchen sink leaking");
    // The number as people write it, "(512) 555-0143", never "+15125550143".
    expect(maria.description).toContain(`Caller: Maria Lopez (${phoneLabel(lead.callerPhone)})`);
    expect(maria.description).not.toContain(lead.callerPhone);
    expect(maria.description).toContain(`https://rescue.example.test/t/${biz.tenant.slug}/leads/${lead.id}`);
    expect(maria.uid).toBe(`${lead.id}@leadrescue`);
    // iCalendar times have whole seconds.
    expect(maria.startDate.toJSDate().getTime()).toBe(
      Math.floor(lead.appointmentAt!.getTime() / 1000) * 1000,
    );
    expect(maria.endDate.toJSDate().getTime() - maria.startDate.toJSDate().getTime()).toBe(
      VISIT_MINUTES * 60_000,
    );
  });

  it("gives a person only the visits they own", async () => {
    const feed = await resetCalendarFeed(ctxOf(biz.officeId), { userId: biz.officeId });
    expect(events((await fetchFeed(feed.url)).text).map((e) => e.summary)).toEqual([
      "Visit: Maria Lopez — Kitchen sink leaking",
    ]);
  });

  it("ends the business's link when the owner who made it leaves or stops being an owner; a link others made stays", async () => {
    const coOwner = async (email: string) => {
      const user = await makeUser(db.prisma, { email, name: email.split("@")[0] });
      await db.prisma.membership.create({
        data: { tenantId: biz.tenant.id, userId: user.id, role: "owner" },
      });
      return user;
    };
    const tenantCtx = { db: tenantScoped(db.prisma, biz.tenant.id), tenantId: biz.tenant.id };
    // Rae makes the business's link (and so has seen its URL), then leaves.
    const rae = await coOwner("rae@feeds.test");
    const raes = await resetCalendarFeed(ctxOf(rae.id), { userId: null });
    expect((await fetchFeed(raes.url)).status).toBe(200);
    await removeMember(tenantCtx, { userId: rae.id, actorId: biz.ownerId });
    expect((await fetchFeed(raes.url)).status).toBe(404);
    expect(await getCalendarFeed(ctxOf(biz.ownerId), { userId: null })).toBeNull();
    // Lou makes a new one, then is made a manager (who may not manage integrations).
    const lou = await coOwner("lou@feeds.test");
    const lous = await resetCalendarFeed(ctxOf(lou.id), { userId: null });
    await changeRole(tenantCtx, {
      userId: lou.id,
      role: "manager",
      actorId: biz.ownerId,
      actorRole: "owner",
    });
    expect((await fetchFeed(lous.url)).status).toBe(404);
    // The owner's own business link is not touched by someone else leaving.
    const owners = await resetCalendarFeed(ctxOf(biz.ownerId), { userId: null });
    const sid = await coOwner("sid@feeds.test");
    await removeMember(tenantCtx, { userId: sid.id, actorId: biz.ownerId });
    expect((await fetchFeed(owners.url)).status).toBe(200);
  });

  it("stops answering a replaced or turned-off link", async () => {
    const first = await resetCalendarFeed(ctxOf(biz.dispatchId), { userId: biz.dispatchId });
    const second = await resetCalendarFeed(ctxOf(biz.dispatchId), { userId: biz.dispatchId });
    expect(second.url).not.toBe(first.url);
    expect((await fetchFeed(first.url)).status).toBe(404);
    expect((await fetchFeed(second.url)).status).toBe(200);
    await revokeCalendarFeed(ctxOf(biz.dispatchId), { userId: biz.dispatchId });
    const gone = await fetchFeed(second.url);
    expect(gone.status).toBe(404);
    expect(gone.text).toContain("turned off");
    expect((await fetchFeed("https://rescue.example.test/api/cal/cal_nonsense_token_0000.ics")).status).toBe(
      404,
    );
  });

  it("stores only the token's hash: the link is shown once, when it is made, and can be replaced", async () => {
    const feed = await resetCalendarFeed(ctxOf(biz.ownerId), { userId: biz.ownerId });
    const token = /\/api\/cal\/(cal_[A-Za-z0-9_-]+)\.ics$/.exec(feed.url)![1]!;
    const row = await db.prisma.calendarFeed.findUniqueOrThrow({ where: { id: feed.id } });
    expect(row.tokenHash).toBe(hashFeedToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    // Reading the feed's settings later gives no link to copy.
    const later = await getCalendarFeed(ctxOf(biz.ownerId), { userId: biz.ownerId });
    expect(later).toMatchObject({ id: feed.id });
    expect(JSON.stringify(later)).not.toContain(token);
    expect(later).not.toHaveProperty("url");
    expect((await fetchFeed(feed.url)).status).toBe(200);
    // Rotating gives a new link; the old one stops at once.
    const rotated = await resetCalendarFeed(ctxOf(biz.ownerId), { userId: biz.ownerId });
    expect((await fetchFeed(feed.url)).status).toBe(404);
    expect((await fetchFeed(rotated.url)).status).toBe(200);
  });
});
