// The approval queue (/t/<slug>/follow-ups): drafts wait here until someone approves (as written
// or edited), skips, or approves them all; a sequence switched to auto-send skips the wait. Every
// text goes through the SMS outbox like any text: the caller's consent (checked again right before
// the send), quiet hours in the business's time zone, and one automatic text per caller per window.
// Every email goes through the notification outbox to an address the caller gave and has not
// unsubscribed (checked again right before the send).
// Replies and link clicks land here too: a reply changes its lead through the leads writer (the
// sequence stops, the lead moves up the queue); a link click goes through it too (the temperature).
import type { TenantCtx, TenantDb, TenantTx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import {
  retryOnConflict,
  writeLeadChange,
  type LeadChange,
  type LeadEventInput,
} from "@/server/leads/apply-lead-change";
import { enqueueWebhookDeliveries } from "@/server/webhooks/outbox";
import { sourceLabel } from "@/server/leads/labels";
import { isOptedOut } from "@/server/messaging/consent";
import { getMessagingSettings } from "@/server/messaging/messaging-settings";
import { nextSendTime } from "@/server/messaging/quiet-hours";
import { queueMessage, type Enqueue } from "@/server/messaging/queue-message";
import { withStopWording } from "@/server/messaging/render-template";
import type { FollowUpDraft, Lead, Prisma } from "@/server/db/generated/client";
import { notify } from "@/server/notifications/outbox";
import { emailRefusal, followUpEmailContent, unsubscribeUrl } from "./caller-email";
import { stopFollowUp } from "./enroll";
import { OPT_IN_SOURCES } from "./rules";
import {
  listSequences,
  MAX_EMAIL_MESSAGE,
  MAX_STEP_MESSAGE,
  MESSAGE_CHANNELS,
  SEQUENCES,
  type SequenceKey,
} from "./sequences";
import { repeatableWords } from "@/server/text/caller-words";

/** One automatic text per caller per window: a follow-up waits until this long after the last text to the number. */
export const FOLLOWUP_WINDOW_MINUTES = 120;

type Ctx = TenantCtx & { actorId: string | null; now?: Date };

export async function sendDraft(
  ctx: Ctx,
  draftId: string,
  opts: { body?: string; enqueue?: Enqueue } = {},
): Promise<{ messageId: string; sendAfter: Date }> {
  const { db, tenantId } = ctx;
  const now = ctx.now ?? new Date();
  const draft = await db.followUpDraft.findFirst({ where: { id: draftId } });
  if (!draft) throw new AppError("NOT_FOUND", "This follow-up is gone. Reload the queue.");
  if (draft.status !== "pending")
    throw new AppError("CONFLICT", "Someone already handled this follow-up. Reload the queue.");
  const enrollment = await db.followUpEnrollment.findFirst({ where: { id: draft.enrollmentId } });
  if (!enrollment || enrollment.generation !== draft.generation || enrollment.status === "stopped") {
    await db.followUpDraft.updateMany({
      where: { id: draft.id, status: "pending" },
      data: { status: "canceled", decidedAt: now },
    });
    throw new AppError(
      "CONFLICT",
      "This follow-up is no longer needed: the lead's sequence stopped or changed. It was removed from the queue.",
    );
  }
  const lead = await db.lead.findFirstOrThrow({ where: { id: draft.leadId } });
  const body = (opts.body ?? draft.body).trim();
  const max = draft.channel === "email" ? MAX_EMAIL_MESSAGE : MAX_STEP_MESSAGE * 2;
  if (!body) throw new AppError("BAD_REQUEST", "Write a message before approving.", "body");
  if (body.length > max)
    throw new AppError(
      "BAD_REQUEST",
      `The message is ${body.length} characters; keep it under ${max}.`,
      "body",
    );
  if (draft.channel === "email") return sendEmailDraft({ ...ctx, now }, draft, lead, body, opts);
  if (await isOptedOut(db, tenantId, lead.callerPhone)) {
    await db.$transaction((tx) =>
      stopFollowUp(tx, { tenantId, now, actorId: ctx.actorId }, enrollment, "opted_out"),
    );
    throw new AppError(
      "PRECONDITION_FAILED",
      "This caller replied STOP and cannot be texted. The follow-up was stopped.",
    );
  }
  if (OPT_IN_SOURCES.includes(lead.source)) {
    const latest = await db.consentRecord.findFirst({
      where: { phone: lead.callerPhone },
      orderBy: [{ at: "desc" }, { id: "desc" }],
    });
    if (latest?.optedOut !== false)
      throw new AppError("PRECONDITION_FAILED", "This caller did not agree to texts. Call them instead.");
  }
  const from = (await db.trackingNumber.findFirst({ orderBy: { createdAt: "asc" }, select: { e164: true } }))
    ?.e164;
  if (!from)
    throw new AppError(
      "PRECONDITION_FAILED",
      "Add a tracking number in Phone numbers first: texts are sent from it.",
    );
  const [tenant, settings, lastText] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timeZone: true } }),
    getMessagingSettings(db, tenantId),
    db.message.findFirst({
      where: { toNumber: lead.callerPhone, direction: "outbound", status: { notIn: ["canceled", "failed"] } },
      orderBy: { sendAfter: "desc" },
      select: { sendAfter: true },
    }),
  ]);
  const windowEnds = lastText
    ? new Date(lastText.sendAfter.getTime() + FOLLOWUP_WINDOW_MINUTES * 60_000)
    : now;
  const earliest = windowEnds > now ? windowEnds : now;
  const sendAfter = nextSendTime(earliest, tenant.timeZone, {
    startMinute: settings.quietStartMinute,
    endMinute: settings.quietEndMinute,
  });
  const claimed = await db.followUpDraft.updateMany({
    where: { id: draft.id, status: "pending" },
    data: {
      status: "approved",
      decidedAt: now,
      decidedById: ctx.actorId,
      ...(opts.body !== undefined && opts.body.trim() !== draft.body ? { body, writtenBy: "staff" } : {}),
    },
  });
  if (claimed.count === 0)
    throw new AppError("CONFLICT", "Someone already handled this follow-up. Reload the queue.");
  const res = await queueMessage(db, {
    tenantId,
    leadId: lead.id,
    purpose: "followup",
    from,
    to: lead.callerPhone,
    body: withStopWording(body),
    key: `followup:${draft.id}`,
    sendAfter,
    isTest: lead.isTest,
    authorId: ctx.actorId,
    enqueue: opts.enqueue,
  });
  await db.followUpDraft.update({ where: { id: draft.id }, data: { messageId: res.id } });
  const held = sendAfter.getTime() > now.getTime() + 60_000;
  await db.leadEvent.create({
    data: {
      tenantId,
      leadId: lead.id,
      type: "followup.sent",
      actorId: ctx.actorId,
      data: {
        sequence: draft.sequenceKey,
        name: SEQUENCES[draft.sequenceKey as SequenceKey]?.name ?? draft.sequenceKey,
        step: draft.step + 1,
        messageId: res.id,
        auto: ctx.actorId === null,
        heldUntil: held ? sendAfter.toISOString() : null,
      },
      createdAt: now,
    },
  });
  return { messageId: res.id, sendAfter };
}

/**
 * An approved email: through the notification outbox to the caller's address (SMTP when set up,
 * the dev outbox otherwise), with the unsubscribe link. Quiet hours and the one-text window are
 * for texts; an email waits in the inbox until the caller reads it.
 */
async function sendEmailDraft(
  ctx: Ctx & { now: Date },
  draft: FollowUpDraft,
  lead: Lead,
  body: string,
  opts: { body?: string; enqueue?: Enqueue },
): Promise<{ messageId: string; sendAfter: Date }> {
  const { db, tenantId, now } = ctx;
  const refusal = await emailRefusal(db, lead);
  if (refusal || !lead.callerEmail) {
    await db.followUpDraft.updateMany({
      where: { id: draft.id, status: "pending" },
      data: { status: "canceled", decidedAt: now },
    });
    throw new AppError(
      "PRECONDITION_FAILED",
      `${refusal ?? "Email skipped: the caller gave no email address."} It was removed from the queue.`,
    );
  }
  const claimed = await db.followUpDraft.updateMany({
    where: { id: draft.id, status: "pending" },
    data: {
      status: "sent",
      decidedAt: now,
      decidedById: ctx.actorId,
      ...(opts.body !== undefined && opts.body.trim() !== draft.body ? { body, writtenBy: "staff" } : {}),
    },
  });
  if (claimed.count === 0)
    throw new AppError("CONFLICT", "Someone already handled this follow-up. Reload the queue.");
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true } });
  const email = followUpEmailContent({
    business: tenant.name,
    problem: repeatableWords(lead.issueSummary),
    body,
    unsubscribeUrl: unsubscribeUrl(lead.id),
  });
  const res = await notify({
    db,
    tenantId,
    userId: null,
    channel: "email",
    to: lead.callerEmail,
    purpose: "followup.email",
    leadId: lead.id,
    key: `followup:${draft.id}`,
    subject: email.subject,
    body: email.text,
    html: email.html,
    enqueue: opts.enqueue,
  });
  await db.leadEvent.create({
    data: {
      tenantId,
      leadId: lead.id,
      type: "followup.sent",
      actorId: ctx.actorId,
      data: {
        sequence: draft.sequenceKey,
        name: SEQUENCES[draft.sequenceKey as SequenceKey]?.name ?? draft.sequenceKey,
        step: draft.step + 1,
        channel: "email",
        to: lead.callerEmail,
        notificationId: res.id,
        auto: ctx.actorId === null,
      },
      createdAt: now,
    },
  });
  return { messageId: res.id, sendAfter: now };
}

export async function skipDraft(ctx: Ctx, draftId: string): Promise<void> {
  const now = ctx.now ?? new Date();
  const draft = await ctx.db.followUpDraft.findFirst({ where: { id: draftId } });
  if (!draft) throw new AppError("NOT_FOUND", "This follow-up is gone. Reload the queue.");
  const { count } = await ctx.db.followUpDraft.updateMany({
    where: { id: draftId, status: "pending" },
    data: { status: "skipped", decidedAt: now, decidedById: ctx.actorId },
  });
  if (count === 0)
    throw new AppError("CONFLICT", "Someone already handled this follow-up. Reload the queue.");
  await ctx.db.leadEvent.create({
    data: {
      tenantId: ctx.tenantId,
      leadId: draft.leadId,
      type: "followup.skipped",
      actorId: ctx.actorId,
      data: { sequence: draft.sequenceKey, step: draft.step + 1 },
      createdAt: now,
    },
  });
}

export async function approveAll(
  ctx: Ctx,
  opts: { enqueue?: Enqueue } = {},
): Promise<{ approved: number; failed: { id: string; message: string }[] }> {
  const pending = await ctx.db.followUpDraft.findMany({
    where: { status: "pending" },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: { id: true },
  });
  let approved = 0;
  const failed: { id: string; message: string }[] = [];
  for (const d of pending) {
    try {
      await sendDraft(ctx, d.id, opts);
      approved += 1;
    } catch (err) {
      failed.push({ id: d.id, message: (err as Error).message });
    }
  }
  return { approved, failed };
}

export type QueueItem = {
  id: string;
  leadId: string;
  /** text or email */
  channel: string;
  callerName: string | null;
  callerPhone: string;
  callerEmail: string | null;
  source: string;
  sourceLabel: string;
  sequence: string;
  step: number;
  body: string;
  writtenBy: string;
  refusedReason: string | null;
  temperature: number;
  createdAt: Date;
};

export async function listApprovalQueue(db: TenantDb): Promise<{
  items: QueueItem[];
  oldestMinutes: number | null;
  autoSend: { key: SequenceKey; name: string; autoSend: boolean; enabled: boolean }[];
}> {
  const drafts = await db.followUpDraft.findMany({
    where: { status: "pending" },
    orderBy: { createdAt: "asc" },
    take: 200,
    include: {
      lead: {
        select: { callerName: true, callerPhone: true, callerEmail: true, source: true, temperature: true },
      },
    },
  });
  const sequences = await listSequences(db);
  const now = Date.now();
  return {
    items: drafts.map((d) => ({
      id: d.id,
      leadId: d.leadId,
      channel: d.channel,
      callerName: d.lead.callerName,
      callerPhone: d.lead.callerPhone,
      callerEmail: d.lead.callerEmail,
      source: d.lead.source,
      sourceLabel: sourceLabel(d.lead.source),
      sequence: SEQUENCES[d.sequenceKey as SequenceKey]?.name ?? d.sequenceKey,
      step: d.step + 1,
      body: d.body,
      writtenBy: d.writtenBy,
      refusedReason: d.refusedReason,
      temperature: d.lead.temperature,
      createdAt: d.createdAt,
    })),
    oldestMinutes: drafts[0] ? Math.floor((now - drafts[0].createdAt.getTime()) / 60_000) : null,
    autoSend: sequences
      .filter((s) => s.steps.some((st) => (MESSAGE_CHANNELS as readonly string[]).includes(st.channel)))
      .map((s) => ({
        key: s.key,
        name: SEQUENCES[s.key].name,
        autoSend: s.autoSend,
        enabled: s.enabled,
      })),
  };
}

/** The next action of a lead whose caller texted back. */
export const ANSWER_TEXT_ACTION = "Answer the caller's text";

/**
 * What the caller's text back (not STOP/START/HELP) adds to a change of its lead, for the leads
 * writer: the reply is recorded, so the writer's follow-up hook stops the sequence ("the caller
 * replied") and the temperature rises with the timeline saying why; and a lead that is not booked
 * moves up the queue — into "Follow-up needed", due now (an overdue due time stays, so it keeps its
 * place), to answer the text before anything else in its group. A booked lead keeps its status,
 * visit, next action and due time: only a reschedule or cancel (the change's own patch) moves it.
 */
export function withCallerReply(lead: Lead, change: LeadChange, now: Date): LeadChange {
  const moveUp = lead.status !== "booked";
  return {
    ...change,
    patch: {
      ...change.patch,
      lastReplyAt: now,
      ...(moveUp
        ? {
            status: "followup_needed",
            dueAt: lead.dueAt && lead.dueAt < now ? lead.dueAt : now,
            nextAction: ANSWER_TEXT_ACTION,
          }
        : {}),
    },
    events: [
      ...change.events,
      ...(moveUp
        ? [{ type: "followup.moved_up", data: { why: "the caller replied", nextAction: ANSWER_TEXT_ACTION } }]
        : []),
    ],
    temperatureWhy: "the caller replied",
  };
}

/**
 * The caller texted back: the change `withCallerReply` describes, with the text's own timeline
 * line, written through the leads writer in one transaction (its rules, timeline, webhooks and
 * tenant scope; read again and rebuilt if the lead changed meanwhile), the webhooks queued after
 * commit. False (nothing written) when the lead is gone or closed by the time the text is read.
 */
export async function onCallerReply(
  db: TenantDb,
  tenantId: string,
  leadId: string,
  now: Date,
  opts: { received?: LeadEventInput; enqueue?: Enqueue } = {},
): Promise<boolean> {
  const written = await retryOnConflict(() =>
    db.$transaction(async (tx) => {
      const lead = await tx.lead.findFirst({ where: { id: leadId } });
      if (!lead || lead.status === "closed") return null;
      const change = withCallerReply(lead, { patch: {}, events: opts.received ? [opts.received] : [] }, now);
      return writeLeadChange(tx, { tenantId, actorId: null, now, onRefusal: "flag" }, lead, change);
    }),
  );
  if (!written) return false;
  await enqueueWebhookDeliveries(written.webhookIds, opts.enqueue);
  return true;
}

/** Why the temperature moves when the caller opens a link. */
export const LINK_OPENED_WHY = "the caller opened the link in a text";

/**
 * The caller opened a tracked link of a text (the click already claimed, in `tx`): the click's
 * timeline line and the lead's change are one write through the leads writer — `linkOpenedAt`,
 * the temperature with its reason, the follow-up stop rules (a lead the click made hot stops its
 * sequence and goes to a person with a task), `lead.updated` & co. as the writer decides.
 * Engagement, not a word: the lead's last activity and its quiet spell stay. A closed lead is left
 * alone: only the click goes on its timeline. Returns the webhook deliveries to queue after commit.
 */
export async function onLinkOpened(
  tx: TenantTx,
  w: { tenantId: string; now: Date },
  leadId: string,
  clicked: LeadEventInput,
): Promise<string[]> {
  const { tenantId, now } = w;
  const lead = await tx.lead.findFirst({ where: { id: leadId } });
  if (!lead) return [];
  if (lead.status === "closed") {
    await tx.leadEvent.create({
      data: {
        tenantId,
        leadId,
        type: clicked.type,
        data: (clicked.data ?? {}) as Prisma.InputJsonObject,
        createdAt: now,
      },
    });
    return [];
  }
  const written = await writeLeadChange(
    tx,
    { tenantId, actorId: null, now, onRefusal: "flag", hotTask: true },
    lead,
    { patch: { linkOpenedAt: now }, events: [clicked], temperatureWhy: LINK_OPENED_WHY, activity: false },
  );
  return written.webhookIds;
}

/** The caller texted STOP: the sequence stops with that reason (texts still waiting were already canceled). */
export async function onCallerOptedOut(
  db: TenantDb,
  tenantId: string,
  leadId: string,
  now: Date,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const enrollment = await tx.followUpEnrollment.findFirst({ where: { leadId, status: "active" } });
    if (enrollment) await stopFollowUp(tx, { tenantId, now }, enrollment, "opted_out");
  });
}
