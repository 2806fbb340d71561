// The settings preview shows exactly the text a caller would get: with no booking link the
// default text-back is the reply-or-call-back one (never "…here: — or reply"), and with a link
// it carries a link of the real form.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeSetup, makeTenant } from "@/prisma/factories";
import { tenantScoped } from "@/server/db/tenant-scope";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { composeText } from "./compose-text";
import { getMessagingSettings } from "./messaging-settings";
import { NO_NUMBER_YET, previewTemplate } from "./preview-template";
import { DEFAULT_TEMPLATES } from "./render-template";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  db = await useTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe(`the messaging preview (${engineName})`, () => {
  it("shows the text-back exactly as it will be sent when there is no booking link", async () => {
    const tenant = await makeTenant(db.prisma, { name: "Preview Plumbing" });
    const { trackingNumber } = await completeSetup(db.prisma, tenant.id);
    const ctx = { db: tenantScoped(db.prisma, tenant.id), tenantId: tenant.id };
    const preview = await previewTemplate(ctx, {
      purpose: "text_back",
      template: DEFAULT_TEMPLATES.text_back,
      bookingUrl: null,
    });
    const settings = await getMessagingSettings(ctx.db, tenant.id);
    const sent = composeText({
      purpose: "text_back",
      settings,
      tenant: { name: tenant.name, timeZone: tenant.timeZone },
      lead: { id: "lead1", callerName: "Maria Lopez", appointmentAt: null },
      from: trackingNumber,
    });
    expect(preview.text).toBe(sent);
    expect(preview.text).not.toMatch(/: —|here:\s*$/);
    const linked = await previewTemplate(ctx, {
      purpose: "text_back",
      template: DEFAULT_TEMPLATES.text_back,
      bookingUrl: "https://example.com/book",
    });
    expect(linked.text).toMatch(/\/r\/[A-Za-z0-9_-]{22}/);
  });

  it("a business with no number yet never previews another business's number as its own", async () => {
    const tenant = await makeTenant(db.prisma, { name: "Brand New Plumbing" });
    const ctx = { db: tenantScoped(db.prisma, tenant.id), tenantId: tenant.id };
    const preview = await previewTemplate(ctx, {
      purpose: "text_back",
      template: DEFAULT_TEMPLATES.text_back,
      bookingUrl: null,
    });
    expect(preview.text).toContain(`call us back at ${NO_NUMBER_YET}`);
    expect(preview.text).not.toMatch(/\(\d{3}\) \d{3}-\d{4}/);
    expect(preview.noNumberYet).toBe(true);
    await completeSetup(db.prisma, tenant.id);
    const later = await previewTemplate(ctx, {
      purpose: "text_back",
      template: DEFAULT_TEMPLATES.text_back,
      bookingUrl: null,
    });
    expect(later.noNumberYet).toBe(false);
    expect(later.text).toMatch(/call us back at \(\d{3}\) \d{3}-\d{4}/);
  });

  it("previews a visit booked inside the business's hours, whatever the time the owner opens the page", async () => {
    const tenant = await makeTenant(db.prisma, { name: "Night Owl Plumbing", timeZone: "America/Chicago" });
    await completeSetup(db.prisma, tenant.id); // booking slots: Tuesday 9-11 AM, Thursday 1-3 PM
    const ctx = { db: tenantScoped(db.prisma, tenant.id), tenantId: tenant.id };
    // Sunday Dec 6, 2026 at 12:50 AM in Chicago.
    const lateNight = new Date("2026-12-06T06:50:00Z");
    const preview = await previewTemplate(
      ctx,
      { purpose: "confirmation", template: DEFAULT_TEMPLATES.confirmation },
      lateNight,
    );
    expect(preview.text).toContain("booked for Tue, Dec 8, between 9 and 11 AM.");
    expect(preview.text).not.toMatch(/12:50 AM/);
  });

  it("without booking slots, previews a visit at 10 AM business time two days out", async () => {
    const tenant = await makeTenant(db.prisma, { name: "No Slot Plumbing", timeZone: "America/Denver" });
    const ctx = { db: tenantScoped(db.prisma, tenant.id), tenantId: tenant.id };
    const preview = await previewTemplate(
      ctx,
      { purpose: "reminder_24h", template: DEFAULT_TEMPLATES.reminder_24h },
      new Date("2026-12-06T07:50:00Z"),
    );
    expect(preview.text).toContain("we'll see you Tue, Dec 8 at 10:00 AM.");
  });
});
