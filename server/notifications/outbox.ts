// The notification outbox: every message the app sends a person (in-app, SMS, email) is a row
// here first, then a pg-boss job delivers it with retries. Later issues (SMS text-back, billing)
// reuse it through this small API:
//
//   notify({ db, tenantId, userId, channel, purpose, leadId?, body, subject?, to?, key? })
//     → { id, created }   inserts once per (tenant, recipient, channel, key) and queues delivery.
//     userId null: the caller of leadId (a follow-up email to the caller's address in `to`).
//     key defaults to `${purpose}:${leadId ?? ""}`; a second call with the same key does nothing.
//   recordNotification(same input)  → inserts only (use inside a transaction, then
//   enqueueNotification(id) after commit).
//   recordNotifications(db, inputs) → many team members' rows in one statement; the ids it created.
//
// Channels: in_app (marked sent; the recipient reads it on /notifications), email (nodemailer
// when SMTP_URL is set), sms (not wired to Twilio yet). Without a provider, email and SMS are
// recorded as "would send" (transport "local") and shown on the dev outbox page.
import type { NotificationChannel } from "@/server/db/generated/enums";
import type { SendOptions } from "@/server/jobs/define-job";
import type { TenantTx } from "@/server/db/tenant-scope";

export type { NotificationChannel };

/** Queues a pg-boss job (the runtime's sendJob, or a test's own boss.send). */
export type Enqueue = (name: string, data: object, options?: SendOptions) => Promise<string | null>;

export const NOTIFICATION_SEND_JOB = "notifications.send";

/** The tenant's scoped client or an interactive transaction on it. */
type Db = Pick<TenantTx, "notification">;

export type NotifyInput = {
  db: Db;
  tenantId: string;
  /** The recipient: a team member, or null for the caller of `leadId` (a follow-up email). */
  userId: string | null;
  channel: NotificationChannel;
  /** What it is for, e.g. "escalation.urgent_unaccepted"; shown in the dev outbox. */
  purpose: string;
  leadId?: string | null;
  body: string;
  subject?: string | null;
  /** Email only: an HTML version of body; the plain text stays as the alternative. */
  html?: string | null;
  /** Phone (sms) or email address (email); ignored for in_app. */
  to?: string | null;
  /** Idempotency key; defaults to `${purpose}:${leadId ?? ""}`. */
  key?: string;
};

/** One of recordNotifications' inputs: a notification to a team member. */
export type MemberNotification = Omit<NotifyInput, "db" | "userId"> & { userId: string };

/** A team member's notification row: what recordNotification and recordNotifications insert. */
function memberRow(input: Omit<NotifyInput, "db">, userId: string) {
  return {
    tenantId: input.tenantId,
    userId,
    channel: input.channel,
    key: input.key ?? `${input.purpose}:${input.leadId ?? ""}`,
    purpose: input.purpose,
    leadId: input.leadId ?? null,
    body: input.body,
    subject: input.subject ?? null,
    html: input.channel === "email" ? (input.html ?? null) : null,
    to: input.channel === "in_app" ? null : (input.to ?? null),
  };
}

export async function recordNotification(input: NotifyInput): Promise<{ id: string; created: boolean }> {
  if (input.userId === null)
    return recordCallerNotification(input, input.key ?? `${input.purpose}:${input.leadId ?? ""}`);
  const row = memberRow(input, input.userId);
  const { count } = await input.db.notification.createMany({ data: [row], skipDuplicates: true });
  const { id } = await input.db.notification.findUniqueOrThrow({
    where: {
      tenantId_userId_channel_key: {
        tenantId: row.tenantId,
        userId: row.userId,
        channel: row.channel,
        key: row.key,
      },
    },
    select: { id: true },
  });
  return { id, created: count === 1 };
}

/**
 * Many team members' notifications in one statement (inside a transaction; then
 * enqueueNotification for each id after commit). Returns the ids of the rows it created: a
 * recipient who already has a row with that channel and key keeps it, and it is not returned.
 */
export async function recordNotifications(db: Db, inputs: MemberNotification[]): Promise<string[]> {
  if (!inputs.length) return [];
  const rows = await db.notification.createManyAndReturn({
    data: inputs.map((input) => memberRow(input, input.userId)),
    skipDuplicates: true,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * A message to the caller (no team member): the unique index cannot hold a null recipient, so it
 * is read first and written once; the follow-up draft it comes from is claimed once already.
 */
async function recordCallerNotification(
  input: NotifyInput,
  key: string,
): Promise<{ id: string; created: boolean }> {
  const where = { tenantId: input.tenantId, userId: null, channel: input.channel, key };
  const existing = await input.db.notification.findFirst({ where, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const row = await input.db.notification.create({
    data: {
      ...where,
      purpose: input.purpose,
      leadId: input.leadId ?? null,
      body: input.body,
      subject: input.subject ?? null,
      html: input.channel === "email" ? (input.html ?? null) : null,
      to: input.to ?? null,
    },
    select: { id: true },
  });
  return { id: row.id, created: true };
}

async function defaultEnqueue(): Promise<Enqueue> {
  const { sendJob } = await import("@/server/jobs/runtime");
  return sendJob;
}

/** Queues delivery; the singleton key keeps one waiting job per notification. */
export async function enqueueNotification(id: string, enqueue?: Enqueue): Promise<void> {
  const send = enqueue ?? (await defaultEnqueue());
  try {
    await send(NOTIFICATION_SEND_JOB, { id }, { singletonKey: id });
  } catch (err) {
    // The row stays queued; the escalation sweep re-queues stale ones.
    console.error(`Notification ${id} could not be queued yet:`, (err as Error).message);
  }
}

export async function notify(
  input: NotifyInput & { enqueue?: Enqueue },
): Promise<{ id: string; created: boolean }> {
  const res = await recordNotification(input);
  if (res.created) await enqueueNotification(res.id, input.enqueue);
  return res;
}
