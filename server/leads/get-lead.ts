// Everything the lead page shows: the required fields with the caller's words behind each one,
// the call path and transcript, tasks, the timeline, the handoff state and what can be done next.
import type { TenantCtx } from "@/server/db/tenant-scope";
import { loadLeadFor } from "./apply-lead-change";
import type { Viewer } from "./lead-access";
import { callPath } from "./call-path";
import { CAN_TAKE_OVER } from "./accept-handoff";
import { handoffState } from "./handoff";
import { statusChoices } from "./status-transitions";
import { temperatureBand, temperatureOf } from "./temperature";
import { isOverdue, queueGroupFor, queueGroupLabel } from "./queue-order";
import { bookableSlots } from "./book-appointment";
import { closeReasonLabel, notACustomerLabel } from "./close-reasons";
import { tenantPeople } from "@/server/db/tenant-people";
import { afterCallFlagsOf } from "@/server/qa/after-call-check";
import { sourceReferenceLabel } from "./labels";

/** The required lead fields, in the order a person reads them; `evidence` is the key in Lead.evidence. */
export const LEAD_FIELDS = [
  { key: "callerName", label: "Caller name", evidence: "callerName" },
  { key: "callerPhone", label: "Caller phone" },
  { key: "callerEmail", label: "Caller email" },
  { key: "zip", label: "ZIP", evidence: "zip" },
  { key: "inArea", label: "In service area", evidence: "inArea" },
  { key: "issueSummary", label: "Issue", evidence: "issueSummary" },
  { key: "urgency", label: "Urgency", evidence: "urgency" },
  { key: "address", label: "Address", evidence: "address" },
  { key: "status", label: "Status" },
  { key: "appointmentAt", label: "Appointment", evidence: "appointmentAt" },
  { key: "source", label: "Source" },
  { key: "sourceRef", label: "Came in through" },
  { key: "createdAt", label: "Received" },
  { key: "ownerId", label: "Owner" },
  { key: "nextAction", label: "Next action" },
  { key: "dueAt", label: "Due" },
  { key: "acceptedAt", label: "Accepted" },
  { key: "closeReason", label: "Close reason" },
  { key: "transcriptExcerpt", label: "Transcript excerpt" },
] as const;

export async function getLeadDetail(ctx: TenantCtx & { viewer: Viewer; now?: Date }, leadId: string) {
  const now = ctx.now ?? new Date();
  const lead = await loadLeadFor(ctx, leadId);
  const [calls, tasks, events, members, booking, afterCall] = await Promise.all([
    ctx.db.call.findMany({
      where: { leadId },
      orderBy: { startedAt: "asc" },
      include: { turns: { orderBy: { seq: "asc" }, select: { seq: true, speaker: true, text: true } } },
    }),
    ctx.db.task.findMany({
      where: { leadId },
      orderBy: { dueAt: "asc" },
      select: { id: true, kind: true, title: true, dueAt: true, doneAt: true, assigneeId: true },
    }),
    ctx.db.leadEvent.findMany({
      where: { leadId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 500,
      select: { id: true, type: true, actorId: true, data: true, createdAt: true },
    }),
    ctx.db.membership.findMany({
      orderBy: { createdAt: "asc" },
      select: { userId: true, role: true, user: { select: { name: true } } },
    }),
    bookableSlots(ctx, now),
    ctx.db.afterCallReview.findMany({
      where: { leadId },
      orderBy: { createdAt: "asc" },
      select: { callId: true, flags: true, createdAt: true },
    }),
  ]);
  const userIds = [
    ...new Set(
      [lead.ownerId, ...events.map((e) => e.actorId), ...tasks.map((t) => t.assigneeId)].filter(
        (x): x is string => !!x,
      ),
    ),
  ];
  const users = await tenantPeople(ctx.db, userIds);
  // Changes made through the REST API are recorded as the key (actorId "api_key:<id>").
  const nameOf = (id: string | null) =>
    id ? (users.find((u) => u.id === id)?.name ?? (id.startsWith("api_key:") ? "API key" : "Unknown")) : null;
  const evidence = (lead.evidence ?? {}) as Record<string, string>;
  const eventTypes = events.map((e) => e.type);
  const temperature = temperatureOf(lead, now);
  // A rejection stands until the record is fixed (details, next action or owner changed) or accepted.
  const lastHandoffMove = [...events]
    .reverse()
    .find((e) =>
      [
        "handoff.rejected",
        "handoff.accepted",
        "lead.assigned",
        "lead.reassigned",
        "lead.taken_over",
        "lead.next_action_set",
        "lead.updated",
      ].includes(e.type),
    );
  const rejected = !lead.acceptedAt && lastHandoffMove?.type === "handoff.rejected" ? lastHandoffMove : null;
  const closeAttempts =
    events
      .filter((e) => e.type === "lead.closed")
      .map((e) => (e.data as { attempts?: number | null }).attempts)
      .at(-1) ?? null;

  return {
    lead: {
      ...lead,
      ownerName: nameOf(lead.ownerId),
      closeReasonLabel: closeReasonLabel(lead.closeReason, closeAttempts),
      notACustomer: notACustomerLabel(lead),
    },
    /** What the after-call check found on this lead's calls (QA flags), in plain sentences. */
    qaFlags: afterCall.flatMap((r) =>
      afterCallFlagsOf(r.flags).map((f) => ({ ...f, callId: r.callId, at: r.createdAt })),
    ),
    // The transcript is shown once: the excerpt only when no call has its full turns.
    // A call id or an API key's reference means nothing to the office: only words are shown.
    fields: LEAD_FIELDS.filter(
      (f) =>
        (f.key !== "transcriptExcerpt" || !calls.some((c) => c.turns.length)) &&
        (f.key !== "sourceRef" || sourceReferenceLabel(lead.sourceRef) != null),
    ).map((f) => ({
      key: f.key,
      label: f.label,
      evidence: "evidence" in f ? (evidence[f.evidence] ?? null) : null,
    })),
    queueGroup: { id: queueGroupFor(lead), label: queueGroupLabel(queueGroupFor(lead)) },
    temperature: { score: temperature, band: temperatureBand(temperature) },
    handoff: {
      ...handoffState(lead),
      rejection: rejected
        ? {
            byName: nameOf(rejected.actorId) ?? "Someone",
            byViewer: rejected.actorId === ctx.viewer.userId,
            at: rejected.createdAt,
            fieldLabel: String((rejected.data as { fieldLabel?: string }).fieldLabel ?? ""),
            reason: String((rejected.data as { reason?: string }).reason ?? ""),
          }
        : null,
    },
    overdue: isOverdue(lead, now),
    statusChoices: statusChoices(lead.status),
    calls: calls.map((c) => ({
      id: c.id,
      callSid: c.callSid,
      startedAt: c.startedAt,
      endedAt: c.endedAt,
      isTest: c.isTest,
      path: callPath(c, eventTypes, lead.status),
      turns: c.turns,
    })),
    tasks: tasks.map((t) => ({
      ...t,
      assigneeName: nameOf(t.assigneeId),
      overdue: !t.doneAt && t.dueAt.getTime() < now.getTime(),
    })),
    timeline: events.map((e) => ({ ...e, actorName: nameOf(e.actorId) })),
    members: members.map((m) => ({ userId: m.userId, name: m.user.name, role: m.role })),
    booking,
    viewerId: ctx.viewer.userId,
    canTakeOver: (CAN_TAKE_OVER as readonly string[]).includes(ctx.viewer.role),
  };
}
