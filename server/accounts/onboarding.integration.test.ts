// An owner signs up and sets up their business; staff are invited and join; sign-in is
// throttled and audited. Through the same tRPC router the browser uses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { callerFor } from "@/server/test/caller";
import { systemDb } from "@/server/db/system";
import { THROTTLE } from "@/server/auth/sign-in-throttle";
import { verifyCredentials } from "@/server/auth/verify-credentials";
import { authenticateApiKey } from "./api-keys";
import { acceptInvite } from "./invites";
import { SIGN_UP_REFUSED } from "./sign-up";
import { makeTenant, makeUser } from "@/prisma/factories";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function rejects(p: Promise<unknown>): Promise<{ code: string; message: string; field?: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code: string; message: string; cause?: { field?: string } };
    return { code: e.code, message: e.message, field: e.cause?.field };
  }
  throw new Error("expected a rejection");
}

describe(`onboarding (${engineName})`, () => {
  let slug: string;
  let ownerId: string;

  it("signs up an owner with their business", async () => {
    const res = await callerFor(db.prisma, null).account.signUp({
      name: "Pat Plumber",
      email: "Pat@Example.test",
      password: "a-long-password",
      businessName: "Pat's Pipes",
      timeZone: "America/Denver",
    });
    slug = res.tenantSlug;
    expect(slug).toBe("pat-s-pipes");
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { email: "pat@example.test" },
      include: { memberships: { include: { tenant: true } } },
    });
    ownerId = user.id;
    expect(user.memberships).toHaveLength(1);
    expect(user.memberships[0]).toMatchObject({
      role: "owner",
      tenant: { name: "Pat's Pipes", timeZone: "America/Denver" },
    });
  });

  it("audits a sign-up once, as the new owner creating the business", async () => {
    const rows = await callerFor(db.prisma, ownerId, slug).team.auditLog({ limit: 50 });
    expect(rows.items.map((i) => i.summary)).toEqual(["Created this business"]);
    expect(rows.items[0]!.actor?.name).toBe("Pat Plumber");
  });

  it("refuses a second account for the same email without saying that an account exists", async () => {
    const err = await rejects(
      callerFor(db.prisma, null).account.signUp({
        name: "X",
        email: "pat@example.test",
        password: "a-long-password",
        businessName: "Other",
        timeZone: "America/Denver",
      }),
    );
    expect(err).toMatchObject({ code: "BAD_REQUEST", message: SIGN_UP_REFUSED });
    expect(err.message).not.toMatch(/exist|already|pat@example/i);
    expect(err.field).toBeUndefined();
  });

  it("refuses a made-up time zone", async () => {
    const err = await rejects(
      callerFor(db.prisma, null).account.signUp({
        name: "X",
        email: "tz@example.test",
        password: "a-long-password",
        businessName: "Other",
        timeZone: "Mars/Olympus",
      }),
    );
    expect(err).toMatchObject({ code: "BAD_REQUEST", field: "timeZone" });
  });

  it("walks the checklist to complete, which clears the setup half of the service gate", async () => {
    const owner = callerFor(db.prisma, ownerId, slug);
    let c = await owner.setup.checklist();
    expect(c.complete).toBe(false);
    expect(c.gate.open).toBe(false);
    expect(c.items.filter((i) => !i.done)).toHaveLength(5);

    await owner.setup.addTrackingNumber({ number: "(720) 555-0101" });
    await owner.setup.setForwardingPhones({ plumberPhone: "720-555-0102", onCallPhone: "" });
    const preview = await owner.setup.previewZips({ mode: "radius", center: "80202", miles: 3 });
    expect(preview.valid.find((z) => z.zip === "80202")).toEqual({
      zip: "80202",
      city: "Denver",
      state: "CO",
      served: false,
    });
    const added = await owner.setup.addZips({ zips: preview.valid.map((z) => z.zip) });
    expect(added.added).toBe(preview.valid.length);
    expect((await owner.setup.addZips({ zips: ["80202"] })).alreadyThere).toBe(1);
    const again = await owner.setup.previewZips({ mode: "list", text: "80202 80401" });
    expect(again.valid.map((z) => [z.zip, z.served])).toEqual([
      ["80202", true],
      ["80401", false],
    ]);
    await owner.setup.setBusinessHours({
      days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "08:00", end: "17:00" })),
    });
    c = await owner.setup.checklist();
    expect(c.items.filter((i) => !i.done).map((i) => i.key)).toEqual(["bookingSlots"]);
    expect(c.gate.reasons).toContain("Setup is not complete: booking slots missing.");

    await owner.setup.addBookingSlot({ weekday: 2, start: "09:00", end: "11:00" });
    c = await owner.setup.checklist();
    expect(c.complete).toBe(true);
    // Billing is the gate's other half (server/billing); setup no longer holds it shut.
    expect(c.gate.reasons.filter((r) => r.startsWith("Setup"))).toEqual([]);
    const phones = await owner.setup.phones();
    expect(phones).toMatchObject({
      plumberPhone: "+17205550102",
      onCallPhone: null,
      tracking: [{ e164: "+17205550101" }],
    });
  });

  it("keeps a tracking number unique across all businesses, without saying whose it is", async () => {
    const other = await makeUser(db.prisma);
    const t = await makeTenant(db.prisma, { ownerId: other.id });
    const err = await rejects(
      callerFor(db.prisma, other.id, t.slug).setup.addTrackingNumber({ number: "+17205550101" }),
    );
    expect(err).toMatchObject({
      code: "CONFLICT",
      field: "number",
      message: expect.stringContaining("can't be added as a tracking number"),
    });
  });

  it("refuses an overlapping booking slot and a slot that ends before it starts", async () => {
    const owner = callerFor(db.prisma, ownerId, slug);
    expect(
      await rejects(owner.setup.addBookingSlot({ weekday: 2, start: "10:00", end: "12:00" })),
    ).toMatchObject({ code: "CONFLICT" });
    expect(
      await rejects(owner.setup.addBookingSlot({ weekday: 3, start: "12:00", end: "10:00" })),
    ).toMatchObject({ code: "BAD_REQUEST", field: "0.end" });
  });

  it("searches and pages the service area", async () => {
    const owner = callerFor(db.prisma, ownerId, slug);
    const first = await owner.setup.zips({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await owner.setup.zips({ limit: 2, cursor: first.nextCursor });
    expect(second.items[0]!.zip > first.items[1]!.zip).toBe(true);
    const searched = await owner.setup.zips({ search: "80202" });
    expect(searched.items.map((z) => z.zip)).toEqual(["80202"]);
  });

  it("invites staff, who accept and join with the invited role; the link works once", async () => {
    const owner = callerFor(db.prisma, ownerId, slug);
    const inv = await owner.team.invite({ email: "Casey@Example.test", role: "staff" });
    expect(inv.emailed).toBe(false);
    const token = inv.link.split("/invite/")[1]!;
    const info = await callerFor(db.prisma, null).account.inviteInfo({ token });
    expect(info).toMatchObject({
      email: "casey@example.test",
      role: "staff",
      tenantName: "Pat's Pipes",
      hasAccount: false,
    });
    await callerFor(db.prisma, null).account.acceptInvite({
      token,
      name: "Casey",
      password: "casey-password",
    });
    const casey = await db.prisma.user.findUniqueOrThrow({ where: { email: "casey@example.test" } });
    const me = await callerFor(db.prisma, casey.id).account.me();
    expect(me.tenants).toEqual([expect.objectContaining({ slug, role: "staff" })]);
    expect(
      await rejects(acceptInvite(systemDb(db.prisma), { token, name: "Again", password: "casey-password" })),
    ).toMatchObject({ code: "CONFLICT" });
    const audit = await db.prisma.auditLog.findMany({
      where: { tenantId: (await db.prisma.tenant.findUniqueOrThrow({ where: { slug } })).id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["member.invited", "member.joined"]));
  });

  it("refuses an expired invite", async () => {
    const owner = callerFor(db.prisma, ownerId, slug);
    const inv = await owner.team.invite({ email: "late@example.test", role: "staff" });
    const token = inv.link.split("/invite/")[1]!;
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(
      await rejects(
        acceptInvite(systemDb(db.prisma), { token, name: "Late", password: "late-password", now: later }),
      ),
    ).toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("says a withdrawn invite was withdrawn, and a newer invite replaces the older link", async () => {
    const owner = callerFor(db.prisma, ownerId, slug);
    const first = await owner.team.invite({ email: "robin@example.test", role: "staff" });
    const second = await owner.team.invite({ email: "robin@example.test", role: "manager" });
    const oldToken = first.link.split("/invite/")[1]!;
    expect(await rejects(callerFor(db.prisma, null).account.inviteInfo({ token: oldToken }))).toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("withdrawn or replaced"),
    });
    await owner.team.revokeInvite({ id: second.id });
    const newToken = second.link.split("/invite/")[1]!;
    expect(await rejects(callerFor(db.prisma, null).account.inviteInfo({ token: newToken }))).toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("withdrawn"),
    });
    expect(
      await rejects(callerFor(db.prisma, null).account.inviteInfo({ token: "x".repeat(32) })),
    ).toMatchObject({ code: "NOT_FOUND", message: "This invite link is not valid. Ask for a new one." });
  });

  it("lets someone with an account join with their own password, throttled like sign-in", async () => {
    await makeUser(db.prisma, { email: "jo@example.test", name: "Jo", password: "jo-right-password" });
    const owner = callerFor(db.prisma, ownerId, slug);
    const token = (await owner.team.invite({ email: "jo@example.test", role: "staff" })).link.split(
      "/invite/",
    )[1]!;
    expect(await callerFor(db.prisma, null).account.inviteInfo({ token })).toMatchObject({
      hasAccount: true,
    });
    for (let i = 0; i < THROTTLE.freePerAccount; i++) {
      expect(
        await rejects(callerFor(db.prisma, null).account.acceptInvite({ token, password: `guess-${i}` })),
      ).toMatchObject({ code: "UNAUTHORIZED", field: "password" });
    }
    expect(
      await rejects(
        callerFor(db.prisma, null).account.acceptInvite({ token, password: "jo-right-password" }),
      ),
    ).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    const later = new Date(Date.now() + 16 * 60_000);
    expect(
      await acceptInvite(systemDb(db.prisma), { token, password: "jo-right-password", now: later }),
    ).toEqual({ email: "jo@example.test", tenantSlug: slug, role: "staff" });
  });

  it("lets a manager invite staff but not owners, and never removes the last owner", async () => {
    const owner = callerFor(db.prisma, ownerId, slug);
    const casey = await db.prisma.user.findUniqueOrThrow({ where: { email: "casey@example.test" } });
    await owner.team.changeRole({ userId: casey.id, role: "manager" });
    const manager = callerFor(db.prisma, casey.id, slug);
    expect((await manager.team.invite({ email: "new-staff@example.test", role: "staff" })).email).toBe(
      "new-staff@example.test",
    );
    expect(await rejects(manager.team.invite({ email: "boss@example.test", role: "owner" }))).toMatchObject({
      code: "FORBIDDEN",
      field: "role",
    });
    expect(await rejects(owner.team.changeRole({ userId: ownerId, role: "staff" }))).toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    const roleChange = await db.prisma.auditLog.findFirst({
      where: { action: "member.role_changed", target: casey.id },
    });
    expect(roleChange?.data).toEqual({ from: "staff", to: "manager" });
  });

  it("withdraws the open invites a member sent when they are removed, or demoted below the role invited", async () => {
    const owner = callerFor(db.prisma, ownerId, slug);
    const tenantId = (await db.prisma.tenant.findUniqueOrThrow({ where: { slug } })).id;
    const mel = await makeUser(db.prisma, { email: "mel@example.test", name: "Mel" });
    await db.prisma.membership.create({ data: { tenantId, userId: mel.id, role: "manager" } });
    const asMel = callerFor(db.prisma, mel.id, slug);
    // Mel invites a second address of their own, then is removed before anyone notices.
    const backdoor = (await asMel.team.invite({ email: "mel.other@example.test", role: "staff" })).link;
    await owner.team.removeMember({ userId: mel.id });
    const token = backdoor.split("/invite/")[1]!;
    expect(
      await rejects(
        callerFor(db.prisma, null).account.acceptInvite({
          token,
          name: "Mel",
          password: "mel-other-password",
        }),
      ),
    ).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("withdrawn") });
    expect(await db.prisma.user.count({ where: { email: "mel.other@example.test" } })).toBe(0);
    expect((await owner.team.auditLog({})).items[0]).toMatchObject({
      summary: expect.stringContaining("from the team, and withdrew the invite they had sent"),
    });
    // A manager demoted to staff can no longer invite: their open invites go too; the owner's stay.
    const kim = await makeUser(db.prisma, { email: "kim@example.test", name: "Kim" });
    await db.prisma.membership.create({ data: { tenantId, userId: kim.id, role: "manager" } });
    await callerFor(db.prisma, kim.id, slug).team.invite({ email: "kims-pick@example.test", role: "staff" });
    await owner.team.invite({ email: "owners-pick@example.test", role: "staff" });
    await owner.team.changeRole({ userId: kim.id, role: "staff" });
    const open = (await owner.team.members()).invites.map((i) => i.email);
    expect(open).toContain("owners-pick@example.test");
    expect(open).not.toContain("kims-pick@example.test");
  });

  it("creates an API key shown once and stored hashed; revoking it stops it working", async () => {
    const owner = callerFor(db.prisma, ownerId, slug);
    const key = await owner.team.createApiKey({ name: "Zapier" });
    expect(key.secret).toMatch(/^lr_live_/);
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.hash).not.toContain(key.secret);
    expect(JSON.stringify(await owner.team.apiKeys())).not.toContain(key.secret);
    expect(await authenticateApiKey(systemDb(db.prisma), `Bearer ${key.secret}`)).toMatchObject({
      keyId: key.id,
    });
    await owner.team.revokeApiKey({ id: key.id });
    expect(await authenticateApiKey(systemDb(db.prisma), `Bearer ${key.secret}`)).toBeNull();
    expect(await authenticateApiKey(systemDb(db.prisma), null)).toBeNull();
  });

  it("revokes the API keys a member made when they are removed or stop being an owner; the business's other keys keep working", async () => {
    const owner = callerFor(db.prisma, ownerId, slug);
    const tenantId = (await db.prisma.tenant.findUniqueOrThrow({ where: { slug } })).id;
    const works = async (secret: string) =>
      (await authenticateApiKey(systemDb(db.prisma), `Bearer ${secret}`)) !== null;
    const coOwner = async (name: string) => {
      const user = await makeUser(db.prisma, { email: `${name.toLowerCase()}@keys.test`, name });
      await db.prisma.membership.create({ data: { tenantId, userId: user.id, role: "owner" } });
      return {
        user,
        key: await callerFor(db.prisma, user.id, slug).team.createApiKey({ name: `${name}'s Zapier` }),
      };
    };
    const ours = await owner.team.createApiKey({ name: "Office integration" });
    const rae = await coOwner("Rae");
    const lou = await coOwner("Lou");
    expect(await works(rae.key.secret)).toBe(true);

    // Rae leaves: the key only Rae ever saw stops at once; the keys others made keep working.
    await owner.team.removeMember({ userId: rae.user.id });
    expect(await works(rae.key.secret)).toBe(false);
    expect(await works(ours.secret)).toBe(true);
    expect(await works(lou.key.secret)).toBe(true);
    // Lou is made a manager, who may not manage keys: Lou's key stops too.
    await owner.team.changeRole({ userId: lou.user.id, role: "manager" });
    expect(await works(lou.key.secret)).toBe(false);
    expect(await works(ours.secret)).toBe(true);

    const listed = await owner.team.apiKeys();
    expect(listed.find((k) => k.id === rae.key.id)).toMatchObject({
      createdBy: "Rae",
      revokedAt: expect.any(Date),
      revokedBy: "Pat Plumber",
      revokedReason: "maker_removed",
    });
    expect(listed.find((k) => k.id === lou.key.id)).toMatchObject({
      createdBy: "Lou",
      revokedReason: "maker_role_changed",
    });
    expect(listed.find((k) => k.id === ours.id)).toMatchObject({ revokedAt: null, revokedReason: null });
    const summaries = (await owner.team.auditLog({ limit: 5 })).items.map((i) => i.summary);
    expect(summaries).toContain(
      "Changed Lou's role from owner to manager (office lead), and revoked the API key they had made",
    );
    expect(summaries).toContain("Removed Rae from the team, and revoked the API key they had made");
  });
});

describe(`audit log (${engineName})`, () => {
  it("reads as sentences naming who did what, newest first, page by page", async () => {
    const owner = await makeUser(db.prisma, { name: "Olive Owner" });
    const t = await makeTenant(db.prisma, { name: "Audit Plumbing", ownerId: owner.id });
    const caller = callerFor(db.prisma, owner.id, t.slug);
    const inv = await caller.team.invite({ email: "sam@audit.test", role: "staff" });
    await acceptInvite(systemDb(db.prisma), {
      token: inv.link.split("/invite/")[1]!,
      name: "Sam Staff",
      password: "sam-password-1",
    });
    const sam = await db.prisma.user.findUniqueOrThrow({ where: { email: "sam@audit.test" } });
    await caller.team.changeRole({ userId: sam.id, role: "manager" });
    await caller.team.createApiKey({ name: "Zapier" });

    const first = await caller.team.auditLog({ limit: 2 });
    expect(first.items.map((i) => i.summary)).toEqual([
      'Created the API key "Zapier"',
      "Changed Sam Staff's role from staff to manager (office lead)",
    ]);
    expect(first.items[0]!.actor).toEqual({ name: "Olive Owner", email: owner.email });
    const rest = await caller.team.auditLog({ limit: 50, cursor: first.nextCursor });
    expect(rest.nextCursor).toBeNull();
    expect(rest.items.map((i) => i.summary)).toEqual([
      "sam@audit.test accepted the invite and joined as staff",
      "Invited sam@audit.test as staff",
      "Created this business",
    ]);
    expect(rest.items[0]!.actor?.name).toBe("Sam Staff");
  });
});

describe(`sign-in (${engineName})`, () => {
  it("accepts the right password and audits the wrong one", async () => {
    await makeUser(db.prisma, { email: "sign@example.test", password: "right-password" });
    expect(
      await verifyCredentials(systemDb(db.prisma), {
        email: "SIGN@example.test",
        password: "right-password",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await verifyCredentials(systemDb(db.prisma), { email: "sign@example.test", password: "wrong" }),
    ).toEqual({ ok: false, reason: "invalid" });
    expect(
      await db.prisma.auditLog.count({
        where: { action: "auth.sign_in_failed", target: "sign@example.test" },
      }),
    ).toBe(1);
  });

  it("throttles repeated failures, even with the right password, until the window passes", async () => {
    await makeUser(db.prisma, { email: "brute@example.test", password: "right-password" });
    for (let i = 0; i < THROTTLE.freePerAccount; i++)
      await verifyCredentials(systemDb(db.prisma), { email: "brute@example.test", password: `guess-${i}` });
    expect(
      await verifyCredentials(systemDb(db.prisma), {
        email: "brute@example.test",
        password: "right-password",
      }),
    ).toMatchObject({ ok: false, reason: "throttled" });
    const later = new Date(Date.now() + 16 * 60_000);
    expect(
      await verifyCredentials(
        systemDb(db.prisma),
        { email: "brute@example.test", password: "right-password" },
        later,
      ),
    ).toMatchObject({ ok: true });
  });
});
