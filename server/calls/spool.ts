// When the database fails mid-call the caller still gets a polite answer, and the webhook is
// spooled to disk. Once the database answers again each spooled call becomes a `missed` lead with
// an urgent callback task (or `followup_needed` when the intake had captured something), so
// nobody who called during an outage is lost.
//
// Safe to run from several places at once (the calls.recover-spool job, the web process that
// spooled): a file is claimed by renaming it, and the recovery task has a deterministic id, so
// each spooled call gives exactly one task however often recovery runs.
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/server/db/generated/client";
import { writeAudit } from "@/server/audit/write-audit";
import type { TwilioForm } from "@/server/integrations/twilio-webhook";
import { routingKindFor, routingTarget } from "@/server/leads/routing";
import { parseCallState } from "@/server/voice/state-machine";
import { VOICE_PATHS } from "@/server/voice/twiml";
import { findTenantByCalledNumber, recordIncomingCall } from "./record-call";
import { onCallStatus } from "./voice-flow";

export type SpooledWebhook = { path: string; query?: string; form: TwilioForm; receivedAt: string; error: string };

/** A claimed file whose worker died is retried after this long. */
const STALE_CLAIM_MS = 10 * 60_000;
export const RECOVERY_TASK_TITLE = "Call back now: this call was cut off while our system was down";

export function spoolDir(): string {
  return path.resolve(process.env.SPOOL_DIR ?? path.join(/* turbopackIgnore: true */ process.cwd(), ".data", "spool"));
}

export async function spoolWebhook(entry: SpooledWebhook, dir = spoolDir()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${Date.now()}-${(entry.form.CallSid ?? "nosid").replace(/[^\w-]/g, "")}-${Math.random().toString(36).slice(2, 8)}.json`);
  await writeFile(file, JSON.stringify(entry));
  return file;
}

/** Deterministic, so a second recovery of the same call cannot add a second task. */
export const recoveryTaskId = (callId: string) => `recovery_${callId}`;

export type RecoveryResult = { recovered: number; skipped: number; failed: number };

async function claim(file: string): Promise<string | null> {
  const claimed = `${file}.${process.pid}-${Math.random().toString(36).slice(2, 8)}.work`;
  try {
    await rename(file, claimed);
    return claimed;
  } catch {
    return null; // another run took it
  }
}

/** Pending files (oldest first), plus claims left behind by a run that died. */
async function pendingFiles(dir: string, now: number): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const files: string[] = [];
  for (const name of names.sort()) {
    if (name.endsWith(".json")) files.push(name);
    else if (name.endsWith(".work")) {
      const full = path.join(dir, name);
      const s = await stat(full).catch(() => null);
      if (s && now - s.mtimeMs > STALE_CLAIM_MS) {
        const original = name.replace(/\.[^.]+\.work$/, "");
        await rename(full, path.join(dir, original)).catch(() => undefined);
        files.push(original);
      }
    }
  }
  return files;
}

/**
 * Replays spooled calls into leads. Stops at the first database error (the files stay for the
 * next run). Safe to run repeatedly and concurrently.
 */
export async function recoverSpooledCalls(prisma: PrismaClient, dir = spoolDir(), now = new Date()): Promise<RecoveryResult> {
  const result: RecoveryResult = { recovered: 0, skipped: 0, failed: 0 };
  for (const name of await pendingFiles(dir, now.getTime())) {
    const file = path.join(/* turbopackIgnore: true */ dir, name);
    const claimed = await claim(file);
    if (!claimed) continue;
    let entry: SpooledWebhook;
    try {
      entry = JSON.parse(await readFile(claimed, "utf8")) as SpooledWebhook;
    } catch {
      await rename(claimed, `${file}.unreadable`).catch(() => undefined);
      result.skipped += 1;
      continue;
    }
    try {
      const outcome = await recoverOne(prisma, entry, now);
      result[outcome] += 1;
      await rename(claimed, `${file}.done`);
    } catch (err) {
      await rename(claimed, file).catch(() => undefined);
      result.failed += 1;
      console.error(`Could not recover spooled webhook ${name} yet:`, err);
      break;
    }
  }
  return result;
}

async function recoverOne(prisma: PrismaClient, entry: SpooledWebhook, now: Date): Promise<"recovered" | "skipped"> {
  const { CallSid, From, To } = entry.form;
  // The whisper leg belongs to the plumber's phone; the caller's own webhooks carry the call.
  if (entry.path === VOICE_PATHS.screen || !CallSid || !From || !To) return "skipped";
  const tenant = await findTenantByCalledNumber(prisma, To);
  if (!tenant) {
    await writeAudit(prisma, { action: "call.unknown_number", target: To, data: { from: From, callSid: CallSid, spooled: entry.receivedAt } });
    return "skipped";
  }
  const { call, lead } = await recordIncomingCall(
    prisma,
    { tenantId: tenant.id, callSid: CallSid, from: From, to: To, isTest: entry.form.LeadRescueTest === "1", promptProfile: tenant.promptProfile },
    now,
  );
  // A missed status callback: close the call as the status webhook would have.
  if (entry.path === VOICE_PATHS.status) {
    await onCallStatus({ prisma, now: () => now }, entry.form);
    return "recovered";
  }
  // The caller heard our apology and was hung up on. Unless the call had already reached an
  // outcome, the office calls back at once.
  if (lead.status !== "missed" && lead.status !== "answered_by_ai") return "skipped";
  const captured = Object.keys(parseCallState(call.state, call.promptProfile).fields).length > 0;
  const status = captured ? "followup_needed" : "missed";
  const ownerId = lead.acceptedAt ? lead.ownerId : ((await routingTarget(prisma, tenant.id, routingKindFor(lead))) ?? lead.ownerId);
  const task = await prisma.task.createMany({
    data: [{ id: recoveryTaskId(call.id), tenantId: tenant.id, leadId: lead.id, kind: "urgent_callback", title: RECOVERY_TASK_TITLE, dueAt: now, assigneeId: ownerId }],
    skipDuplicates: true,
  });
  if (task.count === 0) return "skipped";
  await prisma.lead.update({ where: { id: lead.id }, data: { status, ownerId, nextAction: RECOVERY_TASK_TITLE, dueAt: now, lastActivityAt: now } });
  await prisma.call.updateMany({ where: { id: call.id, stage: { not: "ended" } }, data: { stage: "ended" } });
  await prisma.leadEvent.create({
    data: { tenantId: tenant.id, leadId: lead.id, type: "call.recovered", data: { webhook: entry.path, receivedAt: entry.receivedAt, error: entry.error, callSid: CallSid, status } },
  });
  return "recovered";
}
