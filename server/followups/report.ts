// The follow-up part of the report (reports page, CSV, monthly email and the REST report):
// response and booking rate by source and by sequence step, opt-outs per sequence, and how long
// drafts wait in the approval queue. Sequences that started in the period count there; a text
// counts at its step when it went out (handed to Twilio) in the period.
//   response rate = texts the caller answered (a reply after it, STOP/START/HELP not counted) ÷ texts sent
//   booking rate  = texts after which the lead was booked ÷ texts sent
//   opt-out rate  = sequences stopped because the caller opted out ÷ sequences that sent a text
import { z } from "zod";
import type { TenantDb } from "@/server/db/tenant-scope";
import { sourceLabel } from "@/server/leads/labels";
import { SEQUENCES, type SequenceKey } from "./sequences";

const rate = z.number().nullable();
export const ZFollowUpReport = z.object({
  bySource: z.array(
    z.object({
      source: z.string(),
      label: z.string(),
      sequences: z.number().int(),
      texted: z.number().int(),
      replied: z.number().int(),
      booked: z.number().int(),
      responseRate: rate,
      bookingRate: rate,
    }),
  ),
  bySequenceStep: z.array(
    z.object({
      sequence: z.string(),
      name: z.string(),
      step: z.number().int(),
      sent: z.number().int(),
      replied: z.number().int(),
      booked: z.number().int(),
      responseRate: rate,
      bookingRate: rate,
    }),
  ),
  optOuts: z.array(
    z.object({
      sequence: z.string(),
      name: z.string(),
      texted: z.number().int(),
      optedOut: z.number().int(),
      optOutRate: rate,
    }),
  ),
  queue: z.object({
    waiting: z.number().int(),
    oldestWaitingMinutes: z.number().int().nullable(),
    approvedInPeriod: z.number().int(),
    medianWaitMinutes: z.number().int().nullable(),
  }),
});
export type FollowUpReport = z.infer<typeof ZFollowUpReport>;

const div = (a: number, b: number) => (b === 0 ? null : a / b);

export async function followUpReport(
  db: TenantDb,
  range: { start: Date; end: Date },
  scope: { ownerId: string | null },
  now: Date,
): Promise<FollowUpReport> {
  const leadScope = scope.ownerId ? { lead: { ownerId: scope.ownerId } } : {};
  const [texts, enrollments, waiting, approved] = await Promise.all([
    db.followUpDraft.findMany({
      // A text sent in the period was approved at most a day or so before (quiet hours, the window).
      where: {
        channel: "text",
        messageId: { not: null },
        decidedAt: { gte: new Date(range.start.getTime() - 2 * 86_400_000), lt: range.end },
        ...leadScope,
      },
      select: {
        sequenceKey: true,
        step: true,
        leadId: true,
        messageId: true,
        lead: { select: { lastReplyAt: true, source: true } },
      },
    }),
    db.followUpEnrollment.findMany({
      where: { startedAt: { gte: range.start, lt: range.end }, ...leadScope },
      select: {
        id: true,
        leadId: true,
        sequenceKey: true,
        stopReason: true,
        lead: { select: { source: true } },
      },
    }),
    db.followUpDraft.findMany({
      where: { status: "pending", ...leadScope },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    db.followUpDraft.findMany({
      where: {
        status: "approved",
        decidedById: { not: null },
        decidedAt: { gte: range.start, lt: range.end },
        ...leadScope,
      },
      select: { createdAt: true, decidedAt: true },
    }),
  ]);
  const messageIds = texts.map((t) => t.messageId!);
  const sent = new Map(
    (
      await db.message.findMany({
        where: { id: { in: messageIds }, sentAt: { gte: range.start, lt: range.end } },
        select: { id: true, sentAt: true },
      })
    ).map((m) => [m.id, m.sentAt!]),
  );
  const sentTexts = texts.filter((t) => sent.has(t.messageId!));
  const leadIds = [...new Set([...sentTexts.map((t) => t.leadId), ...enrollments.map((e) => e.leadId)])];
  const bookings = await db.leadEvent.findMany({
    where: { leadId: { in: leadIds }, type: "appointment.booked" },
    select: { leadId: true, createdAt: true },
  });
  const bookedAfter = (leadId: string, at: Date) =>
    bookings.some((b) => b.leadId === leadId && b.createdAt >= at);

  const steps = new Map<
    string,
    { sequence: string; step: number; sent: number; replied: number; booked: number }
  >();
  const textedLeads = new Map<string, { replied: boolean; booked: boolean }>();
  for (const t of sentTexts) {
    const at = sent.get(t.messageId!)!;
    const replied = !!t.lead.lastReplyAt && t.lead.lastReplyAt >= at;
    const booked = bookedAfter(t.leadId, at);
    const k = `${t.sequenceKey}:${t.step}`;
    const row = steps.get(k) ?? { sequence: t.sequenceKey, step: t.step + 1, sent: 0, replied: 0, booked: 0 };
    row.sent += 1;
    row.replied += replied ? 1 : 0;
    row.booked += booked ? 1 : 0;
    steps.set(k, row);
    const lead = textedLeads.get(t.leadId) ?? { replied: false, booked: false };
    textedLeads.set(t.leadId, { replied: lead.replied || replied, booked: lead.booked || booked });
  }
  const anyText = new Set(texts.map((t) => t.leadId));

  const sources = new Map<string, { sequences: number; texted: number; replied: number; booked: number }>();
  const optOuts = new Map<string, { texted: number; optedOut: number }>();
  for (const e of enrollments) {
    const s = sources.get(e.lead.source) ?? { sequences: 0, texted: 0, replied: 0, booked: 0 };
    s.sequences += 1;
    const t = textedLeads.get(e.leadId);
    if (t) {
      s.texted += 1;
      s.replied += t.replied ? 1 : 0;
      s.booked += t.booked ? 1 : 0;
    }
    sources.set(e.lead.source, s);
    if (anyText.has(e.leadId)) {
      const o = optOuts.get(e.sequenceKey) ?? { texted: 0, optedOut: 0 };
      o.texted += 1;
      o.optedOut += e.stopReason === "opted_out" ? 1 : 0;
      optOuts.set(e.sequenceKey, o);
    }
  }
  const waits = approved
    .map((d) => Math.round((d.decidedAt!.getTime() - d.createdAt.getTime()) / 60_000))
    .sort((a, b) => a - b);
  const name = (k: string) => SEQUENCES[k as SequenceKey]?.name ?? k;
  return {
    bySource: [...sources]
      .map(([source, s]) => ({
        source,
        label: sourceLabel(source),
        ...s,
        responseRate: div(s.replied, s.texted),
        bookingRate: div(s.booked, s.texted),
      }))
      .sort((a, b) => b.sequences - a.sequences),
    bySequenceStep: [...steps.values()]
      .map((r) => ({
        ...r,
        name: name(r.sequence),
        responseRate: div(r.replied, r.sent),
        bookingRate: div(r.booked, r.sent),
      }))
      .sort((a, b) => a.sequence.localeCompare(b.sequence) || a.step - b.step),
    optOuts: [...optOuts].map(([sequence, o]) => ({
      sequence,
      name: name(sequence),
      ...o,
      optOutRate: div(o.optedOut, o.texted),
    })),
    queue: {
      waiting: waiting.length,
      oldestWaitingMinutes: waiting[0]
        ? Math.floor((now.getTime() - waiting[0].createdAt.getTime()) / 60_000)
        : null,
      approvedInPeriod: waits.length,
      // Nearest-rank median, as the other p50s of the report.
      medianWaitMinutes: waits.length ? waits[Math.ceil(waits.length / 2) - 1]! : null,
    },
  };
}
