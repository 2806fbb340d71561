// The SMS outbox: every text to a caller is a Message row first (one per tenant + key, so a
// replayed webhook or a second worker queues nothing twice), then the `messaging.send` pg-boss job
// sends it at its time with retries and backoff. Same pattern as server/notifications/outbox.ts,
// whose rows are for staff (a User); these go to callers.
import type { TenantDb } from "@/server/db/tenant-scope";
import type { SendOptions } from "@/server/jobs/define-job";

export const MESSAGE_SEND_JOB = "messaging.send";

/** Queues a pg-boss job (the runtime's sendJob, or a test's own). */
export type Enqueue = (name: string, data: object, options?: SendOptions) => Promise<string | null>;

type Db = Pick<TenantDb, "message">;

export type QueueMessageInput = {
  tenantId: string;
  leadId?: string | null;
  purpose: string;
  from: string;
  to: string;
  body: string;
  /** Idempotency key, unique per tenant (e.g. "text_back:<CallSid>"). */
  key: string;
  /** Not before this instant (quiet hours, reminder time). */
  sendAfter?: Date;
  isTest?: boolean;
  authorId?: string | null;
};

export async function recordMessage(
  db: Db,
  input: QueueMessageInput,
): Promise<{ id: string; created: boolean; sendAfter: Date }> {
  const sendAfter = input.sendAfter ?? new Date();
  const { count } = await db.message.createMany({
    data: [
      {
        tenantId: input.tenantId,
        leadId: input.leadId ?? null,
        direction: "outbound",
        purpose: input.purpose,
        fromNumber: input.from,
        toNumber: input.to,
        body: input.body,
        key: input.key,
        status: "pending",
        sendAfter,
        isTest: input.isTest ?? false,
        authorId: input.authorId ?? null,
      },
    ],
    skipDuplicates: true,
  });
  const row = await db.message.findUniqueOrThrow({
    where: { tenantId_key: { tenantId: input.tenantId, key: input.key } },
    select: { id: true, sendAfter: true },
  });
  return { id: row.id, created: count === 1, sendAfter: row.sendAfter };
}

async function defaultEnqueue(): Promise<Enqueue> {
  const { sendJob } = await import("@/server/jobs/runtime");
  return sendJob;
}

/** What the send job is given: the message and its tenant (the job opens only that tenant). */
export type MessageSendJob = { id: string; tenantId: string };

/** Queues the send job at the message's time; if the queue is down, the sweep picks the row up. */
export async function enqueueMessage(
  message: MessageSendJob,
  sendAfter: Date,
  enqueue?: Enqueue,
): Promise<void> {
  const { id } = message;
  try {
    const send = enqueue ?? (await defaultEnqueue());
    await send(
      MESSAGE_SEND_JOB,
      { id, tenantId: message.tenantId },
      { singletonKey: id, ...(sendAfter.getTime() > Date.now() ? { startAfter: sendAfter } : {}) },
    );
  } catch (err) {
    console.error(
      `Message ${id} could not be queued yet (the messaging sweep will):`,
      (err as Error).message,
    );
  }
}

export async function queueMessage(
  db: Db,
  input: QueueMessageInput & { enqueue?: Enqueue },
): Promise<{ id: string; created: boolean }> {
  const res = await recordMessage(db, input);
  if (res.created)
    await enqueueMessage({ id: res.id, tenantId: input.tenantId }, res.sendAfter, input.enqueue);
  return { id: res.id, created: res.created };
}
