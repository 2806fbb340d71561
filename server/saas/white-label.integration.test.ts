// White label: the agency's slug, name, accent colour (refused when it fails contrast) and logo
// (size- and type-checked, served by the app), on its businesses' pages data and invite emails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as logoRoute } from "@/app/a/[agencySlug]/logo/route";
import { makeTenant, makeUser } from "@/prisma/factories";
import { findOpenInvite, createInvite } from "@/server/accounts/invites";
import { inviteEmailContent } from "@/server/integrations/email";
import { systemDb } from "@/server/db/system";
import { tenantScoped } from "@/server/db/tenant-scope";
import { callerFor, errorCode } from "@/server/test/caller";
import { makeTestBusiness } from "@/server/test/test-business";
import { TwilioCall } from "@/server/test/webhook-test-kit";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { brandOfTenant, MAX_LOGO_BYTES, requestFormBrand } from "./branding";

const PNG_1PX =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let agencyId: string;
let operatorId: string;
let tenant: { id: string; slug: string };
let ownerId: string;

beforeAll(async () => {
  db = await useTestDatabase();
  const agency = await db.prisma.agency.create({ data: { name: "Bright Agency" } });
  agencyId = agency.id;
  const op = await makeUser(db.prisma, { name: "Bea Bright" });
  operatorId = op.id;
  await db.prisma.agencyMember.create({ data: { agencyId: agency.id, userId: op.id } });
  const owner = await makeUser(db.prisma, { name: "Otto Owner" });
  ownerId = owner.id;
  tenant = await makeTenant(db.prisma, { name: "Bright Plumbing", agencyId: agency.id, ownerId: owner.id });
});
afterAll(() => db.drop());

describe(`white label (${engineName})`, () => {
  it("refuses an accent colour that fails contrast, with a message, and keeps the old one", async () => {
    const op = callerFor(db.prisma, operatorId);
    await op.saas.updateBrand({
      brand: { slug: "bright-agency", name: "Bright Agency", accentColor: "#1d4ed8" },
    });
    const err = await op.saas
      .updateBrand({ brand: { slug: "bright-agency", name: "Bright Agency", accentColor: "#ffeb3b" } })
      .catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      /#ffeb3b is too light to read: white text on it has a contrast of 1\.\d:1, and at least 4\.5:1 is needed/,
    );
    expect((await op.saas.brand()).accentColor).toBe("#1d4ed8");
  });

  it("refuses a taken slug, a logo too large or not an image; serves an accepted logo from the app", async () => {
    const op = callerFor(db.prisma, operatorId);
    await db.prisma.agency.create({ data: { name: "Other", slug: "taken-slug" } });
    expect(
      await errorCode(
        op.saas.updateBrand({ brand: { slug: "taken-slug", name: "Bright Agency", accentColor: null } }),
      ),
    ).toBe("CONFLICT");
    const big = Buffer.alloc(MAX_LOGO_BYTES + 1, 0);
    Buffer.from(PNG_1PX, "base64").copy(big);
    await expect(op.saas.uploadLogo({ base64: big.toString("base64") })).rejects.toThrow(
      /can be at most 200 KB/,
    );
    await expect(
      op.saas.uploadLogo({ base64: Buffer.from("<svg><script>alert(1)</script></svg>").toString("base64") }),
    ).rejects.toThrow("The logo must be a PNG, JPEG or WebP image.");
    const brand = await op.saas.uploadLogo({ base64: PNG_1PX });
    expect(brand.logoUrl).toMatch(/^\/a\/bright-agency\/logo\?v=\d+$/);
    const res = await logoRoute(new Request("http://localhost/a/bright-agency/logo"), {
      params: Promise.resolve({ agencySlug: "bright-agency" }),
    });
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(PNG_1PX, "base64"))).toBe(true);
    expect(
      (
        await logoRoute(new Request("http://localhost/a/nobody/logo"), {
          params: Promise.resolve({ agencySlug: "nobody" }),
        })
      ).status,
    ).toBe(404);
  });

  it("the business's pages, its invite page and its invite email wear the agency's brand", async () => {
    const brand = await brandOfTenant(tenantScoped(db.prisma, tenant.id), tenant.id);
    expect(brand).toMatchObject({ name: "Bright Agency", slug: "bright-agency", accentColor: "#1d4ed8" });
    expect(brand!.logoUrl).toContain("/a/bright-agency/logo");
    const { token } = await createInvite(
      { db: tenantScoped(db.prisma, tenant.id), tenantId: tenant.id },
      { email: "new.owner@example.test", role: "owner", actorId: ownerId, actorRole: "owner" },
    );
    expect((await findOpenInvite(systemDb(db.prisma), token)).brand).toMatchObject({ name: "Bright Agency" });
    expect(
      inviteEmailContent({
        businessName: "Bright Plumbing",
        link: "https://x.test/invite/t",
        brandName: brand!.name,
      }),
    ).toMatchObject({ subject: "You're invited to Bright Plumbing on Bright Agency" });
    // The public request form wears it too; a colour that fails contrast (saved before the rule) is left out.
    expect(await requestFormBrand(systemDb(db.prisma), tenant.id)).toMatchObject({
      name: "Bright Agency",
      accentColor: "#1d4ed8",
    });
    await db.prisma.agency.update({ where: { id: agencyId }, data: { accentColor: "#ffeb3b" } });
    expect(await requestFormBrand(systemDb(db.prisma), tenant.id)).toMatchObject({
      name: "Bright Agency",
      accentColor: null,
    });
    await db.prisma.agency.update({ where: { id: agencyId }, data: { accentColor: "#1d4ed8" } });
    // A business without an agency brand keeps LeadRescue's.
    const plain = await makeTenant(db.prisma, { name: "Plain Plumbing" });
    expect(await brandOfTenant(tenantScoped(db.prisma, plain.id), plain.id)).toBeNull();
    expect(await requestFormBrand(systemDb(db.prisma), plain.id)).toBeNull();
  });

  it("the call's greeting names the agency's brand only when the owner chooses it, through the signed voice webhook", async () => {
    const biz = await makeTestBusiness(db.prisma, { name: "Canyon Plumbing" });
    await db.prisma.tenant.update({ where: { id: biz.tenant.id }, data: { agencyId } });
    const owner = callerFor(db.prisma, biz.ownerId, biz.tenant.slug);
    const greetingOf = async () => {
      const call = new TwilioCall(biz.trackingNumber, "+15125554401");
      await call.incoming();
      const twiml = await call.dialEnded("no-answer");
      await call.ended("completed");
      return twiml;
    };

    // Off by default: the business's name, and the assistant is nobody's in particular.
    expect(await owner.setup.callGreeting()).toMatchObject({ agencyBrand: "Bright Agency", on: false });
    const plain = await greetingOf();
    expect(plain).toContain("Hi, thanks for calling Canyon Plumbing.");
    expect(plain).toContain("I'm the virtual assistant, and I can help get a plumber to you.");
    expect(plain).not.toContain("Bright Agency");

    // The owner chooses it: the business first, then the assistant from the agency — plain words, no markup.
    const saved = await owner.setup.setCallGreeting({ on: true });
    expect(saved.greetingWith).toBe(
      "Hi, thanks for calling Canyon Plumbing. Sorry we couldn't get to the phone. I'm the virtual assistant from Bright Agency, and I can help get a plumber to you. First, what's the ZIP code where you need the work done?",
    );
    const branded = await greetingOf();
    expect(branded).toContain(
      "Hi, thanks for calling Canyon Plumbing. Sorry we couldn't get to the phone. I'm the virtual assistant from Bright Agency, and I can help get a plumber to you.",
    );
    expect(branded).not.toMatch(/<speak|<prosody|<break/);

    // Turned off again, the greeting goes back.
    await owner.setup.setCallGreeting({ on: false });
    expect(await greetingOf()).not.toContain("Bright Agency");

    // Staff cannot change it; a business whose agency has no brand cannot turn it on.
    expect(
      await errorCode(
        callerFor(db.prisma, biz.officeId, biz.tenant.slug).setup.setCallGreeting({ on: true }),
      ),
    ).toBe("FORBIDDEN");
    const plainBiz = await makeTestBusiness(db.prisma, { name: "Unbranded Plumbing" });
    await expect(
      callerFor(db.prisma, plainBiz.ownerId, plainBiz.tenant.slug).setup.setCallGreeting({ on: true }),
    ).rejects.toThrow(
      "Your business has no agency brand to name on calls. Ask your agency to set its brand first.",
    );
    expect(
      await callerFor(db.prisma, plainBiz.ownerId, plainBiz.tenant.slug).setup.callGreeting(),
    ).toMatchObject({ agencyBrand: null, on: false, greetingWith: null });
  });
});
