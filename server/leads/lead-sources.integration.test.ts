// Leads from outside calls, on a real engine: the public request form (`/q/<slug>`) and Add lead
// in the inbox. Both go through the one leads writer: routed, owned, due within their source's
// response time, on the timeline, `lead.created` to webhooks. The form refuses spam with a clear
// message and stores nothing for it, and a real person's request is never lost.
import { connectionHeader } from "@/server/test/connection-address";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, engineName } from "@/server/test/test-db";
import { callerFor } from "@/server/test/caller";
import { addMember, completeSetup, makeInboxLead, makeTenant, makeUser } from "@/prisma/factories";
import { tenantScoped } from "@/server/db/tenant-scope";
import { createWebhookEndpoint } from "@/server/webhooks/endpoints";
import { POST } from "@/app/api/q/[slug]/route";
import { FORM_LIMITS, formToken, smsConsentWording } from "./request-form";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let fx: Awaited<ReturnType<typeof setup>>;

async function setup() {
  const prisma = db.prisma;
  const owner = await makeUser(prisma, { name: "Dana Owner" });
  const staff = await makeUser(prisma, { name: "Sam Staff" });
  const tenant = await makeTenant(prisma, { name: "Form Plumbing", ownerId: owner.id });
  await addMember(prisma, tenant.id, staff.id, "staff");
  await completeSetup(prisma, tenant.id, { trackingNumber: "+15125550160", zips: ["78701", "78702"] });
  await createWebhookEndpoint(
    { db: tenantScoped(prisma, tenant.id), tenantId: tenant.id, actorId: owner.id },
    { url: "https://hooks.form.test/lr", events: ["lead.created"] },
  );
  return {
    tenant,
    owner,
    staff,
    asOwner: callerFor(prisma, owner.id, tenant.slug),
    asStaff: callerFor(prisma, staff.id, tenant.slug),
  };
}

beforeAll(async () => {
  db = await useTestDatabase();
  fx = await setup();
});
afterAll(() => db.drop());

let ipSeq = 0;
const REQUEST = {
  name: "Maria Lopez",
  phone: "(512) 555-0199",
  zip: "78701",
  problem: "Water heater leaking in the garage",
  preferredTime: "Morning",
  smsConsent: false,
  website: "",
};
/** A visitor who took `filledMs` to fill in the form, from their own address unless given. */
async function send(
  body: Partial<typeof REQUEST> & { token?: string },
  opts: { ip?: string; filledMs?: number; slug?: string } = {},
) {
  const slug = opts.slug ?? fx.tenant.slug;
  const res = await POST(
    new Request(`http://localhost/api/q/${slug}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...connectionHeader(opts.ip ?? `203.0.113.${++ipSeq}`) },
      body: JSON.stringify({
        ...REQUEST,
        token: formToken(slug, Date.now() - (opts.filledMs ?? 20_000)),
        ...body,
      }),
    }),
    { params: Promise.resolve({ slug }) },
  );
  return {
    status: res.status,
    body: (await res.json()) as {
      outcome?: string;
      message?: string;
      token?: string;
      error?: { message: string; field?: string; reason?: string };
    },
  };
}
/** The message and field a refused procedure shows (the AppError behind the tRPC error). */
const refusalOf = (err: unknown) => {
  const e = err as { message?: string; cause?: { field?: string } };
  return { message: e.message, field: e.cause?.field };
};
const leadsOf = (phone: string) =>
  db.prisma.lead.findMany({
    where: { tenantId: fx.tenant.id, callerPhone: phone },
    orderBy: { createdAt: "asc" },
  });

describe(`the request form (${engineName})`, () => {
  it("turns a request into a web form lead: routed, due within 15 minutes, on the timeline, sent to webhooks", async () => {
    const res = await send({ phone: "512-555-0101" });
    expect(res).toEqual({ status: 201, body: { outcome: "received" } });
    const [lead] = await leadsOf("+15125550101");
    expect(lead).toMatchObject({
      source: "web_form",
      status: "followup_needed",
      callerName: "Maria Lopez",
      zip: "78701",
      inArea: true,
      issueSummary: "Water heater leaking in the garage",
      nextAction: "Reply to the web form inquiry",
    });
    expect(lead!.notes).toContain("Preferred time: Morning");
    expect(lead!.ownerId).not.toBeNull();
    expect(lead!.dueAt!.getTime() - lead!.createdAt.getTime()).toBe(15 * 60_000);
    const created = await db.prisma.leadEvent.findFirstOrThrow({
      where: { leadId: lead!.id, type: "lead.created" },
    });
    expect(created.data).toMatchObject({ source: "web_form", via: "request_form", smsConsent: false });
    expect(
      await db.prisma.webhookDelivery.count({ where: { leadId: lead!.id, eventType: "lead.created" } }),
    ).toBe(1);
    // No box ticked, no consent recorded.
    expect(await db.prisma.consentRecord.count({ where: { phone: "+15125550101" } })).toBe(0);
  });

  it("stores the exact consent wording the visitor agreed to when the SMS box is ticked", async () => {
    await send({ phone: "512-555-0102", smsConsent: true });
    const consent = await db.prisma.consentRecord.findFirstOrThrow({
      where: { tenantId: fx.tenant.id, phone: "+15125550102" },
    });
    expect(consent).toMatchObject({
      optedOut: false,
      source: "web_form",
      detail: smsConsentWording("Form Plumbing"),
    });
    const [lead] = await leadsOf("+15125550102");
    const created = await db.prisma.leadEvent.findFirstOrThrow({
      where: { leadId: lead!.id, type: "lead.created" },
    });
    expect(created.data).toMatchObject({
      smsConsent: true,
      consentWording: smsConsentWording("Form Plumbing"),
    });
  });

  it("declines an out-of-area visitor with the call's polite words and keeps the lead for the office", async () => {
    const res = await send({ phone: "512-555-0103", zip: "90210" });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      outcome: "out_of_area",
      message:
        "I'm sorry, Form Plumbing doesn't cover ZIP code 90210, so we can't send a plumber out there. A local plumber near you will be your quickest help.",
      token: expect.any(String),
    });
    const [lead] = await leadsOf("+15125550103");
    expect(lead).toMatchObject({ inArea: false, status: "not_booked" });
    expect(lead!.nextAction).toContain("Close as out of area");
    // A mistyped ZIP: the visitor fixes it and sends again at once with the token the answer gave.
    const fixed = await send({ phone: "512-555-0103", zip: "78701", token: res.body.token });
    expect(fixed).toEqual({ status: 201, body: { outcome: "received" } });
    expect((await leadsOf("+15125550103")).map((l) => l.inArea)).toEqual([false, true]);
  });

  it("makes one lead of one page's request: a double-click and a replay answer with the first lead; other words under its token are refused", async () => {
    const token = formToken(fx.tenant.slug, Date.now() - 20_000);
    const ip = "192.0.2.90";
    // Two copies at once (a double-click), then the same request again a moment later.
    const [first, second] = await Promise.all([
      send({ phone: "512-555-0140", token }, { ip }),
      send({ phone: "512-555-0140", token }, { ip }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body).toEqual({ outcome: "received" });
    expect(second.body).toEqual({ outcome: "received" });
    expect((await send({ phone: "512-555-0140", token }, { ip })).status).toBe(200);
    const leads = await leadsOf("+15125550140");
    expect(leads).toHaveLength(1);
    expect(
      await db.prisma.webhookDelivery.count({ where: { leadId: leads[0]!.id, eventType: "lead.created" } }),
    ).toBe(1);
    // A replayed token carrying another request (another number, other words) makes nothing.
    for (const other of [
      { phone: "512-555-0141" },
      { phone: "512-555-0140", problem: "Visit https://evil.example now" },
    ]) {
      const replay = await send({ ...other, token }, { ip: `192.0.2.${91 + Object.keys(other).length}` });
      expect(replay.status).toBe(409);
      expect(replay.body.error).toMatchObject({
        reason: "already_sent",
        message: expect.stringContaining("reload the page"),
      });
    }
    expect(await leadsOf("+15125550141")).toHaveLength(0);
    expect(await leadsOf("+15125550140")).toHaveLength(1);
  });

  it("takes requests only from the form's own page: another site's page cannot make its visitors' browsers send them", async () => {
    const post = (headers: Record<string, string>, phone: string) =>
      POST(
        new Request(`http://localhost/api/q/${fx.tenant.slug}`, {
          method: "POST",
          headers: { ...connectionHeader(`203.0.113.${++ipSeq}`), ...headers },
          body: JSON.stringify({ ...REQUEST, phone, token: formToken(fx.tenant.slug, Date.now() - 20_000) }),
        }),
        { params: Promise.resolve({ slug: fx.tenant.slug }) },
      );
    // A form or a no-CORS fetch on another site can send only "simple" content types (a browser
    // too old to say where a request comes from included).
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
      expect((await post({ "content-type": type }, "512-555-0150")).status).toBe(415);
    // What the browser says about where the request comes from, which no page can change.
    for (const site of ["cross-site", "same-site"])
      expect(
        (await post({ "content-type": "application/json", "sec-fetch-site": site }, "512-555-0150")).status,
      ).toBe(403);
    expect(await leadsOf("+15125550150")).toHaveLength(0);
    // The form's own page (and a script or app without a browser's say) goes through.
    expect(
      (await post({ "content-type": "application/json", "sec-fetch-site": "same-origin" }, "512-555-0150"))
        .status,
    ).toBe(201);
    expect((await post({ "content-type": "application/json; charset=utf-8" }, "512-555-0151")).status).toBe(
      201,
    );
  });

  it("refuses a page open longer than a day, with a fresh token so pressing Send again works", async () => {
    const stale = formToken(fx.tenant.slug, Date.now() - FORM_LIMITS.tokenMaxAgeMs - 60_000);
    const res = await send({ phone: "512-555-0142", token: stale });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ reason: "page_expired" });
    expect(await leadsOf("+15125550142")).toHaveLength(0);
    const fresh = (res.body as { token?: string }).token;
    expect(fresh).toEqual(expect.any(String));
    expect((await send({ phone: "512-555-0142", token: fresh })).status).toBe(201);
  });

  it("names the field a visitor got wrong", async () => {
    expect((await send({ name: "  " })).body.error).toMatchObject({
      field: "name",
      message: "Enter your name.",
    });
    expect((await send({ phone: "555" })).body.error).toMatchObject({
      field: "phone",
      message: expect.stringContaining("not a valid phone number"),
    });
    expect((await send({ zip: "7870" })).body.error).toMatchObject({
      field: "zip",
      message: "ZIP 7870 is not 5 digits.",
    });
    expect((await send({ problem: "" })).body.error).toMatchObject({ field: "problem" });
    // A request without a field, or with a number for it (a script, not the page), is told the same.
    expect((await send({ name: undefined })).body.error).toMatchObject({
      field: "name",
      message: "Enter your name.",
    });
    expect(
      (await send({ phone: 5125550143 } as unknown as Partial<typeof REQUEST>)).body.error,
    ).toMatchObject({
      field: "phone",
      message: "Enter your phone number.",
    });
    expect((await send({ email: "pat@home" } as Partial<typeof REQUEST>)).body.error).toMatchObject({
      field: "email",
      message: "Enter your email address like name@example.com, or leave it empty.",
    });
  });

  it("refuses text the database cannot store (a NUL, a broken character) with a 400 naming the field, and stores nothing", async () => {
    const nul = await send({ phone: "512-555-0108", name: "Maria\u0000 Lopez" });
    expect(nul.status).toBe(400);
    expect(nul.body.error).toMatchObject({
      field: "name",
      message: expect.stringContaining("Name has a control character"),
    });
    const broken = await send({ phone: "512-555-0108", problem: "Leaking \ud800 pipe" });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({
      field: "problem",
      message: expect.stringContaining("broken character"),
    });
    expect(await leadsOf("+15125550108")).toHaveLength(0);
    // Neither refusal used up the visitor's tries: the corrected request goes through.
    expect((await send({ phone: "512-555-0108" })).status).toBe(201);
  });

  it("keeps the visitor's email address when they give one (it is optional)", async () => {
    const res = await send({ phone: "512-555-0131", email: " Pat@Example.com " } as Partial<typeof REQUEST>);
    expect(res.status).toBe(201);
    const [lead] = await leadsOf("+15125550131");
    expect(lead!.callerEmail).toBe("pat@example.com");
  });

  it("refuses a filled-in hidden field (a script) with a message that says what a person can do, and stores nothing", async () => {
    const res = await send({ phone: "512-555-0104", website: "http://spam.example" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      reason: "honeypot",
      message: expect.stringContaining("call Form Plumbing at (512) 555-0160"),
    });
    expect(await leadsOf("+15125550104")).toHaveLength(0);
  });

  it("refuses a form sent faster than a person can type, or with a forged token; the same request sent again in time goes through", async () => {
    const fast = await send({ phone: "512-555-0105" }, { filledMs: 500 });
    expect(fast.status).toBe(400);
    expect(fast.body.error).toMatchObject({
      reason: "too_fast",
      message: expect.stringContaining("press Send request again"),
    });
    const forged = await send({ phone: "512-555-0105", token: `${Date.now() - 60_000}.forged` });
    expect(forged.body.error?.reason).toBe("too_fast");
    // The answer carries a token the page can send with after the minimum fill time, as a reload would.
    expect((await send({ phone: "512-555-0105", token: forged.body.token })).body.error?.reason).toBe(
      "too_fast",
    );
    expect(await leadsOf("+15125550105")).toHaveLength(0);
    // The page kept the fields; the visitor presses Send again a few seconds later.
    expect((await send({ phone: "512-555-0105" }, { filledMs: FORM_LIMITS.minFillMs + 1_000 })).body).toEqual(
      { outcome: "received" },
    );
    expect(await leadsOf("+15125550105")).toHaveLength(1);
  });

  it("limits requests per connection; another connection is not affected", async () => {
    const ip = "198.51.100.7";
    for (let i = 0; i < FORM_LIMITS.perIpPerHour; i++)
      expect((await send({ phone: `512-555-02${String(i).padStart(2, "0")}` }, { ip })).status).toBe(201);
    const refused = await send({ phone: "512-555-0299" }, { ip });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      reason: "ip_limit",
      message: expect.stringMatching(/try again in \d+ minutes, or call Form Plumbing/),
    });
    expect(await leadsOf("+15125550299")).toHaveLength(0);
    expect((await send({ phone: "512-555-0299" }, { ip: "198.51.100.8" })).body).toEqual({
      outcome: "received",
    });
  });

  it("counts a client's IPv6 addresses together (one /64), so a fresh address per request gets no more tries", async () => {
    for (let i = 0; i < FORM_LIMITS.perIpPerHour; i++)
      expect(
        (await send({ phone: `512-555-08${String(i).padStart(2, "0")}` }, { ip: `2001:db8:7:7::${i + 1}` }))
          .status,
      ).toBe(201);
    const refused = await send({ phone: "512-555-0899" }, { ip: "2001:db8:7:7:ffff:1:2:3" });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ reason: "ip_limit" });
    expect(await leadsOf("+15125550899")).toHaveLength(0);
    // Another network (another /64) is another client.
    expect((await send({ phone: "512-555-0899" }, { ip: "2001:db8:7:8::1" })).status).toBe(201);
  });

  it("limits requests per phone number, and does not count a request refused for a typo", async () => {
    for (let i = 0; i < 3; i++) expect((await send({ phone: "512-555-0106", zip: "787" })).status).toBe(400);
    for (let i = 0; i < FORM_LIMITS.perPhonePerHour; i++)
      expect((await send({ phone: "512-555-0106" })).status).toBe(201);
    const refused = await send({ phone: "512-555-0106" });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      reason: "phone_limit",
      message: expect.stringContaining("(512) 555-0106"),
    });
    expect(await leadsOf("+15125550106")).toHaveLength(FORM_LIMITS.perPhonePerHour);
  });

  it("answers an unknown business with 404 and no lead", async () => {
    const res = await send({ phone: "512-555-0107" }, { slug: "no-such-business" });
    expect(res.status).toBe(404);
    expect(await db.prisma.lead.count({ where: { callerPhone: "+15125550107" } })).toBe(0);
  });
});

describe(`Add lead in the inbox (${engineName})`, () => {
  it("adds a walk-in through the leads writer: routed, with the hand-entered response time and a timeline", async () => {
    const res = await fx.asStaff.leads.add({
      kind: "walk_in",
      callerName: "Walter Walkin",
      callerPhone: "(512) 555-0301",
      zip: "78702",
      issueSummary: "Running toilet",
    });
    expect(res.created).toBe(true);
    const lead = await db.prisma.lead.findUniqueOrThrow({
      where: { id: (res as { leadId: string }).leadId },
    });
    expect(lead.ownerId).toBe(fx.owner.id);
    expect(lead).toMatchObject({
      source: "manual",
      callerPhone: "+15125550301",
      inArea: true,
      status: "followup_needed",
    });
    expect(lead.dueAt!.getTime() - lead.createdAt.getTime()).toBe(60 * 60_000);
    const created = await db.prisma.leadEvent.findFirstOrThrow({
      where: { leadId: lead.id, type: "lead.created" },
    });
    expect(created).toMatchObject({ actorId: fx.staff.id, data: { source: "manual", how: "walk_in" } });
  });

  it("offers the caller's open lead instead of a duplicate, and adds a new one only when asked", async () => {
    const open = await makeInboxLead(db.prisma, fx.tenant.id, {
      callerPhone: "+15125550302",
      callerName: "Dot Duplicate",
    });
    const res = await fx.asOwner.leads.add({
      kind: "phone_call",
      callerName: "Dot D.",
      callerPhone: "512 555 0302",
    });
    expect(res).toEqual({
      created: false,
      duplicate: { leadId: open.id, callerName: "Dot Duplicate", createdAt: open.createdAt },
    });
    expect(await leadsOf("+15125550302")).toHaveLength(1);
    expect(
      (
        await fx.asOwner.leads.add({
          kind: "phone_call",
          callerName: "Dot D.",
          callerPhone: "512 555 0302",
          allowDuplicate: true,
        })
      ).created,
    ).toBe(true);
    expect(await leadsOf("+15125550302")).toHaveLength(2);
  });

  it("does not show staff another person's lead while warning about the duplicate", async () => {
    await makeInboxLead(db.prisma, fx.tenant.id, { callerPhone: "+15125550303", ownerId: fx.owner.id });
    const res = await fx.asStaff.leads.add({
      kind: "walk_in",
      callerName: "Olga",
      callerPhone: "+15125550303",
    });
    expect(res).toMatchObject({ created: false, duplicate: { leadId: null } });
  });

  it("tells staff where a lead they added went when the routing rule gave it to a colleague", async () => {
    const res = await fx.asStaff.leads.add({
      kind: "phone_call",
      callerName: "Gina",
      callerPhone: "+15125550306",
    });
    // No routing rule: standard inbound goes to the owner, whose leads staff do not open.
    expect(res).toMatchObject({ created: true, visible: false, ownerName: "Dana Owner" });
    expect(
      await fx.asOwner.leads.add({ kind: "phone_call", callerName: "Gina", callerPhone: "+15125550307" }),
    ).toMatchObject({ created: true, visible: true });
  });

  it("ignores a closed lead of the same caller", async () => {
    await makeInboxLead(db.prisma, fx.tenant.id, { callerPhone: "+15125550304", status: "closed" });
    expect(
      (await fx.asStaff.leads.add({ kind: "walk_in", callerName: "Cleo", callerPhone: "+15125550304" }))
        .created,
    ).toBe(true);
  });

  it("asks who referred a referral, naming the field, and keeps it in the notes", async () => {
    const err = await fx.asStaff.leads
      .add({ kind: "referral", callerName: "Rita", callerPhone: "+15125550305" })
      .catch((e: unknown) => e);
    expect(refusalOf(err)).toMatchObject({
      field: "referredBy",
      message: expect.stringContaining("who referred them"),
    });
    expect(await leadsOf("+15125550305")).toHaveLength(0);
    const res = await fx.asStaff.leads.add({
      kind: "referral",
      callerName: "Rita",
      callerPhone: "+15125550305",
      referredBy: "Jim at Hill Hardware",
    });
    const lead = await db.prisma.lead.findUniqueOrThrow({
      where: { id: (res as { leadId: string }).leadId },
    });
    expect(lead).toMatchObject({ source: "referral", notes: "Referred by Jim at Hill Hardware." });
    expect(lead.dueAt!.getTime() - lead.createdAt.getTime()).toBe(24 * 60 * 60_000);
  });

  it("names the phone field when the number is not valid", async () => {
    const err = await fx.asStaff.leads
      .add({ kind: "walk_in", callerName: "Pat", callerPhone: "12345" })
      .catch((e: unknown) => e);
    expect(refusalOf(err)).toMatchObject({
      field: "callerPhone",
      message: expect.stringContaining("not a valid phone number"),
    });
  });
});
