// The call flow's webhook event at the end of a call (`call.completed` with the call path and
// outcome, plus `appointment.booked` when the AI booked the visit), one line in the call flow.
// A new call's `lead.created` is recorded by the leads writer with the lead. Never throws.
import type { TenantDb } from "@/server/db/tenant-scope";
import { callPath } from "@/server/leads/call-path";
import { emitWebhookEvent, type Enqueue } from "./outbox";

export async function emitCallCompleted(
  db: TenantDb,
  callId: string,
  opts: { enqueue?: Enqueue; now?: Date } = {},
) {
  try {
    const call = await db.call.findUnique({ where: { id: callId } });
    if (!call?.leadId) return;
    const [lead, events] = await Promise.all([
      db.lead.findUniqueOrThrow({ where: { id: call.leadId } }),
      db.leadEvent.findMany({
        where: { tenantId: call.tenantId, leadId: call.leadId },
        select: { type: true, data: true },
      }),
    ]);
    const ended = events.find((e) => e.type === "call.ended")?.data as
      { duration?: string | null } | undefined;
    const extra = {
      call: {
        callSid: call.callSid,
        from: call.fromNumber,
        to: call.toNumber,
        startedAt: call.startedAt.toISOString(),
        endedAt: call.endedAt?.toISOString() ?? null,
        durationSeconds: ended?.duration ? Number(ended.duration) : null,
        path: callPath(
          call,
          events.map((e) => e.type),
          lead.status,
        ).map((s) => ({ step: s.key, label: s.label, detail: s.detail ?? null, state: s.state })),
        outcome: lead.status,
      },
    };
    await emitWebhookEvent(db, {
      tenantId: call.tenantId,
      type: "call.completed",
      leadId: lead.id,
      extra,
      ...opts,
    });
    if (lead.status === "booked" && lead.appointmentAt)
      await emitWebhookEvent(db, {
        tenantId: call.tenantId,
        type: "appointment.booked",
        leadId: lead.id,
        ...opts,
      });
  } catch (err) {
    console.error(`call.completed webhook for call ${callId} was not recorded: ${(err as Error).message}`);
  }
}
