// Onboarding and business settings: numbers, service area, hours, booking slots, checklist.
import { z } from "zod";
import { zText } from "@/server/http/safe-input";
import { onboardingStatus } from "@/server/setup/onboarding-status";
import { planOffer } from "@/server/billing/plan-offer";
import { callGreetingChoice, setCallGreetingBrand } from "@/server/saas/branding";
import { getStripe, stripePlan } from "@/server/integrations/stripe";
import { addTrackingNumber, removeTrackingNumber, setForwardingPhones } from "@/server/setup/phone-numbers";
import {
  addServiceZips,
  lookupZip,
  markServed,
  parseZipList,
  removeServiceZips,
  zipsWithinRadius,
} from "@/server/setup/service-area";
import {
  addBookingSlot,
  formatClock,
  removeBookingSlot,
  setBusinessHours,
} from "@/server/setup/weekly-times";
import { getCallAnswers, setCallAnswers, ZCallAnswersInput } from "@/server/setup/call-answers";
import { AppError } from "@/server/errors";
import { isValidTimeZone } from "@/server/tenants/create-tenant";
import { writeAudit } from "@/server/audit/write-audit";
import { getTwilioClient } from "@/server/integrations/twilio-client";
import { publicUrl } from "@/server/integrations/twilio-webhook";
import {
  connectNumberAtTwilio,
  numberConnections,
  type ConnectionDeps,
} from "@/server/setup/number-connection";
import { connectionSummary } from "@/server/setup/connection-summary";
import { router, tenantProcedure } from "../init";

const read = tenantProcedure.meta({ permission: "setup.read" });
const write = tenantProcedure.meta({ permission: "setup.write" });

const connectionDeps = (): ConnectionDeps => ({
  twilio: getTwilioClient,
  voiceUrl: publicUrl("/api/twilio/voice"),
  smsUrl: publicUrl("/api/twilio/sms"),
});

const ZWindow = z.object({ weekday: z.number().int().min(0).max(6), start: z.string(), end: z.string() });

export const setupRouter = router({
  checklist: read.query(async ({ ctx }) =>
    onboardingStatus(ctx.db, ctx.tenantId, await planOffer(getStripe, stripePlan()), new Date(), {
      role: ctx.role,
    }),
  ),

  business: read.query(({ ctx }) =>
    ctx.db.tenant.findUniqueOrThrow({
      where: { id: ctx.tenantId },
      select: {
        name: true,
        slug: true,
        timeZone: true,
        plumberPhone: true,
        onCallPhone: true,
        promptProfile: true,
      },
    }),
  ),
  updateBusiness: tenantProcedure
    .meta({ permission: "tenant.settings" })
    .input(
      z.object({
        name: zText(100, { min: 2, minMessage: "Business name must be at least 2 characters." }),
        timeZone: z.string(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (!isValidTimeZone(input.timeZone))
        throw new AppError(
          "BAD_REQUEST",
          `"${input.timeZone}" is not a time zone like America/Chicago.`,
          "timeZone",
        );
      await ctx.db.tenant.update({ where: { id: ctx.tenantId }, data: input });
      await writeAudit(ctx.db, {
        tenantId: ctx.tenantId,
        actorId: ctx.userId,
        action: "tenant.settings_changed",
        data: input,
      });
    }),

  /** White label: whether the AI names the agency's brand in the call's greeting (the owner's choice). */
  callGreeting: read.query(({ ctx }) => callGreetingChoice(ctx.db, ctx.tenantId)),
  setCallGreeting: tenantProcedure
    .meta({ permission: "tenant.settings" })
    .input(z.object({ on: z.boolean({ error: "on must be true or false." }) }))
    .mutation(async ({ ctx, input }) => {
      const saved = await setCallGreetingBrand(ctx.db, ctx.tenantId, input.on);
      await writeAudit(ctx.db, {
        tenantId: ctx.tenantId,
        actorId: ctx.userId,
        action: "tenant.settings_changed",
        data: { greetingAgencyBrand: input.on },
      });
      return saved;
    }),

  callAnswers: read.query(({ ctx }) => getCallAnswers(ctx)),
  setCallAnswers: write.input(ZCallAnswersInput).mutation(async ({ ctx, input }) => {
    const saved = await setCallAnswers(ctx, input);
    await writeAudit(ctx.db, {
      tenantId: ctx.tenantId,
      actorId: ctx.userId,
      action: "setup.call_answers_changed",
      data: { services: saved.servicesOffered.length, notOffered: saved.servicesNotOffered.length },
    });
    return saved;
  }),

  phones: read.query(async ({ ctx }) => {
    const [tenant, tracking] = await Promise.all([
      ctx.db.tenant.findUniqueOrThrow({
        where: { id: ctx.tenantId },
        select: { plumberPhone: true, onCallPhone: true },
      }),
      ctx.db.trackingNumber.findMany({ orderBy: { createdAt: "asc" } }),
    ]);
    return { ...tenant, tracking: tracking.map((n) => ({ id: n.id, e164: n.e164, label: n.label })) };
  }),
  addTrackingNumber: write
    .input(z.object({ number: z.string().max(40), label: z.string().max(60).optional() }))
    .mutation(async ({ ctx, input }) => {
      const n = await addTrackingNumber(ctx, input);
      await writeAudit(ctx.db, {
        tenantId: ctx.tenantId,
        actorId: ctx.userId,
        action: "setup.tracking_number_added",
        target: n.e164,
      });
      return { id: n.id, e164: n.e164 };
    }),
  /** Does Twilio send each tracking number's calls here, and has a real call arrived? */
  connection: read.query(async ({ ctx }) => {
    const [numbers, tenant] = await Promise.all([
      numberConnections(ctx, connectionDeps()),
      ctx.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { timeZone: true } }),
    ]);
    return { numbers, summary: connectionSummary(numbers, tenant.timeZone) };
  }),
  connectNumber: write.input(z.object({ id: z.string().max(64) })).mutation(async ({ ctx, input }) => {
    const n = await connectNumberAtTwilio(ctx, input.id, connectionDeps());
    await writeAudit(ctx.db, {
      tenantId: ctx.tenantId,
      actorId: ctx.userId,
      action: "setup.number_connected",
      target: n.e164,
      data: { connected: n.twilio.state === "connected" },
    });
    return n;
  }),
  removeTrackingNumber: write.input(z.object({ id: z.string() })).mutation(async ({ ctx, input }) => {
    const removed = await removeTrackingNumber(ctx, input.id);
    await writeAudit(ctx.db, {
      tenantId: ctx.tenantId,
      actorId: ctx.userId,
      action: "setup.tracking_number_removed",
      target: removed.e164,
    });
  }),
  setForwardingPhones: write
    .input(z.object({ plumberPhone: z.string().max(40), onCallPhone: z.string().max(40).nullish() }))
    .mutation(async ({ ctx, input }) => {
      const saved = await setForwardingPhones(ctx, input);
      await writeAudit(ctx.db, {
        tenantId: ctx.tenantId,
        actorId: ctx.userId,
        action: "setup.phones_changed",
        data: { plumberPhone: saved.plumberPhone, onCallPhone: saved.onCallPhone },
      });
      return saved;
    }),

  zips: read
    .input(
      z.object({
        search: z.string().max(40).optional(),
        cursor: z.string().nullish(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const q = input.search?.trim();
      const where = q
        ? { OR: [{ zip: { startsWith: q } }, { city: { contains: q, mode: "insensitive" as const } }] }
        : {};
      const [rows, total] = await Promise.all([
        ctx.db.serviceZip.findMany({
          where,
          orderBy: { zip: "asc" },
          take: input.limit + 1,
          ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
        }),
        ctx.db.serviceZip.count({ where }),
      ]);
      const page = rows.slice(0, input.limit);
      return {
        items: page.map((z) => ({ id: z.id, zip: z.zip, city: z.city, state: z.state })),
        total,
        nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
      };
    }),
  previewZips: read
    .input(
      z.discriminatedUnion("mode", [
        z.object({ mode: z.literal("one"), zip: z.string().max(10) }),
        z.object({ mode: z.literal("list"), text: z.string().max(20_000) }),
        z.object({ mode: z.literal("radius"), center: z.string().max(10), miles: z.number() }),
      ]),
    )
    .query(async ({ ctx, input }) => {
      const { valid, invalid } =
        input.mode === "one"
          ? { valid: [lookupZip(input.zip)], invalid: [] }
          : input.mode === "list"
            ? parseZipList(input.text)
            : { valid: zipsWithinRadius(input.center, input.miles), invalid: [] };
      return { valid: await markServed(ctx, valid), invalid };
    }),
  addZips: write
    .input(z.object({ zips: z.array(z.string().max(10)).min(1, "Pick at least one ZIP code.").max(5000) }))
    .mutation(({ ctx, input }) =>
      addServiceZips(
        ctx,
        input.zips.map((zip, i) => lookupZip(zip, `zips.${i}`)),
      ),
    ),
  removeZips: write
    .input(z.object({ zips: z.array(z.string().max(10)).min(1).max(5000) }))
    .mutation(({ ctx, input }) => removeServiceZips(ctx, input.zips)),

  weeklyTimes: read.query(async ({ ctx }) => {
    const [hours, slots] = await Promise.all([
      ctx.db.businessHours.findMany({ orderBy: { weekday: "asc" } }),
      ctx.db.bookingSlot.findMany({ orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] }),
    ]);
    return {
      hours: hours.map((h) => ({
        weekday: h.weekday,
        start: formatClock(h.openMinute),
        end: formatClock(h.closeMinute),
      })),
      slots: slots.map((s) => ({
        id: s.id,
        weekday: s.weekday,
        start: formatClock(s.startMinute),
        end: formatClock(s.endMinute),
      })),
    };
  }),
  setBusinessHours: write
    .input(z.object({ days: z.array(ZWindow).max(7) }))
    .mutation(({ ctx, input }) => setBusinessHours(ctx, input.days)),
  addBookingSlot: write.input(ZWindow).mutation(async ({ ctx, input }) => {
    const s = await addBookingSlot(ctx, input);
    return { id: s.id };
  }),
  removeBookingSlot: write
    .input(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => removeBookingSlot(ctx, input.id)),
});
