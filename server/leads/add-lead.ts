// "Add lead" in the inbox: a lead the office types in — a call the plumber took himself, a
// walk-in, a referral — through the one leads writer (insertLead), so it is routed, owned, has
// its source's response time, a timeline and `lead.created` like any call. Before creating, a
// caller who already has an open lead is offered that lead instead ("Open it?").
import { z } from "zod";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { toE164 } from "@/server/setup/phone-numbers";
import { lookupZip } from "@/server/setup/service-area";
import { enqueueWebhookDeliveries } from "@/server/webhooks/outbox";
import { insertLead } from "./create-lead";
import { canSeeLead, type Viewer } from "./lead-access";
import { zipServed } from "./service-area-check";
import { ADD_LEAD_KINDS, type AddLeadKind } from "./add-lead-kinds";
import { normalizeEmail, zCallerEmail } from "./caller-email";

export const ZAddLeadInput = z.object({
  kind: z.enum(ADD_LEAD_KINDS.map((k) => k.kind) as [AddLeadKind, ...AddLeadKind[]], {
    message: "Pick how the lead came in.",
  }),
  callerName: z
    .string()
    .trim()
    .min(1, "Enter the customer's name.")
    .max(200, "Keep the name under 200 characters."),
  callerPhone: z.string().trim().max(40, "That phone number is too long."),
  callerEmail: zCallerEmail().optional(),
  zip: z.string().trim().max(10).optional(),
  issueSummary: z.string().trim().max(2000, "Keep the problem under 2,000 characters.").optional(),
  address: z.string().trim().max(300).optional(),
  referredBy: z.string().trim().max(200, "Keep who referred them under 200 characters.").optional(),
  notes: z.string().trim().max(4000).optional(),
  /** Create a new lead even though this caller has an open one. */
  allowDuplicate: z.boolean().optional(),
});
export type AddLeadInput = z.infer<typeof ZAddLeadInput>;

export type AddLeadResult =
  /** `visible`: whether this person may open the lead (staff may not, once it is routed to a colleague). */
  | { created: true; leadId: string; visible: boolean; ownerName: string | null }
  /** `leadId` is null when the open lead belongs to someone this person cannot see. */
  | { created: false; duplicate: { leadId: string | null; callerName: string | null; createdAt: Date } };

/** The newest open (not closed) lead of this phone number, test calls aside. */
export async function openLeadByPhone(ctx: TenantCtx, phone: string) {
  return ctx.db.lead.findFirst({
    where: { callerPhone: phone, status: { not: "closed" }, isTest: false },
    orderBy: { createdAt: "desc" },
    select: { id: true, callerName: true, createdAt: true, ownerId: true },
  });
}

export async function addLead(
  ctx: TenantCtx & { viewer: Viewer; now?: Date },
  input: AddLeadInput,
): Promise<AddLeadResult> {
  const now = ctx.now ?? new Date();
  const kind = ADD_LEAD_KINDS.find((k) => k.kind === input.kind)!;
  const callerPhone = toE164(input.callerPhone, "callerPhone");
  // Referral leads keep the referral context in their notes (the ownership rule), asked here
  // as its own field so the person typing knows what to write.
  if (kind.source === "referral" && !input.referredBy) {
    throw new AppError(
      "BAD_REQUEST",
      "Referral leads keep who referred them: enter the name of the person or business who sent this customer.",
      "referredBy",
    );
  }
  const zip = input.zip ? lookupZip(input.zip, "zip").zip : null;

  if (!input.allowDuplicate) {
    const open = await openLeadByPhone(ctx, callerPhone);
    if (open)
      return {
        created: false,
        duplicate: {
          leadId: canSeeLead(ctx.viewer, open) ? open.id : null,
          callerName: open.callerName,
          createdAt: open.createdAt,
        },
      };
  }

  const notes =
    [input.referredBy ? `Referred by ${input.referredBy}.` : null, input.notes || null]
      .filter(Boolean)
      .join("\n") || null;
  const inArea = zip ? await zipServed(ctx.db, zip) : null;
  const { lead, webhookIds } = await ctx.db.$transaction((tx) =>
    insertLead(
      tx,
      { tenantId: ctx.tenantId, actorId: ctx.viewer.userId, now },
      {
        callerPhone,
        callerName: input.callerName,
        callerEmail: normalizeEmail(input.callerEmail),
        zip,
        inArea,
        issueSummary: input.issueSummary || null,
        address: input.address || null,
        notes,
        source: kind.source,
      },
      { createdData: { how: kind.kind } },
    ),
  );
  await enqueueWebhookDeliveries(webhookIds);
  const owner = lead.ownerId
    ? await ctx.db.membership.findFirst({
        where: { userId: lead.ownerId },
        select: { user: { select: { name: true } } },
      })
    : null;
  return {
    created: true,
    leadId: lead.id,
    visible: canSeeLead(ctx.viewer, lead),
    ownerName: owner?.user.name ?? null,
  };
}
