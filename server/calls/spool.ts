// When the database fails mid-call (or while a text arrives) the caller still gets an answer, and
// the webhook is spooled to disk. Once the database answers again each spooled call becomes a
// `missed` lead with an urgent callback task (or `followup_needed` when the intake had captured
// something), and each spooled text is stored as if it had just arrived, so nobody who called or
// texted during an outage is lost.
//
// Each file is recovered on its own. A file the database refuses while it otherwise answers (bad
// data) moves to `failed/` with its error and is still turned into a lead from what can be
// salvaged (caller number, called number, time); a file that fails because the database is down
// stays for the next run. Safe to run from several places at once: a file is claimed by renaming
// it, and the recovery task has a deterministic id, so each spooled call gives exactly one task.
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
import { columnList, LEAD_COLUMNS } from "@/server/db/columns";
import { Prisma, type Lead } from "@/server/db/generated/client";
import { tenantSql } from "@/server/db/tenant-sql";
import { writeAudit } from "@/server/audit/write-audit";
import { cleanForm, type TwilioForm } from "@/server/integrations/twilio-webhook";
import { writeLeadChange } from "@/server/leads/apply-lead-change";
import { routingKindFor, routingTarget } from "@/server/leads/routing";
import { applyStatusCallback } from "@/server/messaging/apply-status-callback";
import { handleInboundSms } from "@/server/messaging/handle-inbound-sms";
import { parseCallState } from "@/server/voice/state-machine";
import { VOICE_PATHS } from "@/server/voice/twiml";
import { CALL_TRANSACTION, recordIncomingCall } from "./record-call";
import { accountAuditLog, findTenantByCalledNumber } from "@/server/db/cross-tenant";
import { onCallStatus } from "./voice-flow";
import { isTransientDatabaseError } from "./transient-errors";
import { RECOVERY_TASK_TITLE } from "./next-step";
import { CALL_MOVES } from "./call-steps";

export const SMS_PATHS = { inbound: "/api/twilio/sms", status: "/api/twilio/sms/status" } as const;

export type SpooledWebhook = {
  path: string;
  query?: string;
  form: TwilioForm;
  receivedAt: string;
  error: string;
};

/** A claimed file whose worker died is retried after this long. */
const STALE_CLAIM_MS = 10 * 60_000;
const LEAD_OF_L = columnList(LEAD_COLUMNS, "l");
/** A lead still in one of these after an outage was cut off before any outcome. */
const CUT_OFF_STATUSES: readonly string[] = ["missed", "answered_by_ai", "followup_needed"];
export { RECOVERY_TASK_TITLE };

export function spoolDir(): string {
  return path.resolve(
    process.env.SPOOL_DIR ?? path.join(/* turbopackIgnore: true */ process.cwd(), ".data", "spool"),
  );
}

/** The webhook's own id (CallSid, or MessageSid for texts), safe for logs and file names. */
export function webhookSid(form: TwilioForm): string {
  return (form.CallSid ?? form.MessageSid ?? "nosid").replace(/[^\w-]/g, "").slice(0, 64) || "nosid";
}

export async function spoolWebhook(entry: SpooledWebhook, dir = spoolDir()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(
    dir,
    `${Date.now()}-${webhookSid(entry.form)}-${Math.random().toString(36).slice(2, 8)}.json`,
  );
  await writeFile(file, JSON.stringify(entry));
  return file;
}

/** Deterministic, so a second recovery of the same call cannot add a second task. */
export const recoveryTaskId = (callId: string) => `recovery_${callId}`;

/** `left`: files still waiting because the database went away during the run. */
export type RecoveryResult = { recovered: number; skipped: number; failed: number; left: number };

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

export const FAILED_DIR = "failed";

async function databaseAnswers(sys: SystemDb): Promise<boolean> {
  try {
    await globalDb(sys).$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

/** Moves a file the database refused to `failed/`, with its error beside it. */
async function moveToFailed(
  dir: string,
  claimed: string,
  name: string,
  error: string,
  salvage: string,
): Promise<void> {
  const failed = path.join(dir, FAILED_DIR);
  await mkdir(failed, { recursive: true });
  await rename(claimed, path.join(failed, name));
  await writeFile(
    path.join(failed, `${name}.error.txt`),
    `${new Date().toISOString()}\n${error}\nSalvaged: ${salvage}\n`,
  );
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

/**
 * An error for the logs: its last line only (a database error's cause), short. Some database
 * errors quote the values they were given, and those are callers' numbers and words.
 */
export function logLine(err: unknown): string {
  const lines = (err instanceof Error ? err.message : String(err))
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.at(-1) ?? "unknown error").slice(0, 200);
}

/**
 * Replays spooled webhooks into leads and messages, file by file. A database that is down stops
 * the run (files stay for the next one); a file the database refuses goes to `failed/` and the
 * run goes on. Safe to run repeatedly and concurrently.
 */
export async function recoverSpooledCalls(
  sys: SystemDb,
  dir = spoolDir(),
  now = new Date(),
): Promise<RecoveryResult> {
  const result: RecoveryResult = { recovered: 0, skipped: 0, failed: 0, left: 0 };
  const names = await pendingFiles(dir, now.getTime());
  for (const [index, name] of names.entries()) {
    const file = path.join(/* turbopackIgnore: true */ dir, name);
    const claimed = await claim(file);
    if (!claimed) continue;
    let entry: SpooledWebhook | null = null;
    try {
      entry = JSON.parse(await readFile(claimed, "utf8")) as SpooledWebhook;
      if (!entry || typeof entry !== "object" || typeof entry.form !== "object" || entry.form === null)
        throw new Error("not a spooled webhook");
    } catch (err) {
      await moveToFailed(
        dir,
        claimed,
        name,
        `Unreadable spool file: ${message(err)}`,
        "nothing (the file cannot be read)",
      ).catch(() => undefined);
      result.failed += 1;
      continue;
    }
    try {
      const outcome = await recoverOne(sys, entry, now);
      result[outcome] += 1;
      // Recovered: the file (callers' numbers and words) is deleted; the database has it now.
      await unlink(claimed);
    } catch (err) {
      // A timeout, a full pool, a deadlock: the database is struggling, not refusing this file.
      if (isTransientDatabaseError(err) || !(await databaseAnswers(sys))) {
        await rename(claimed, file).catch(() => undefined);
        result.left = names.length - index;
        console.error(`Spooled webhook ${name} waits for the database: ${logLine(err)}`);
        break;
      }
      const salvage = await salvageOne(sys, entry, now).then(
        (outcome) =>
          outcome === "recovered"
            ? "a lead from the caller number, called number and time"
            : "nothing (no business has the called number, or nothing to salvage)",
        (e: unknown) => `nothing: ${message(e)}`,
      );
      await moveToFailed(dir, claimed, name, message(err), salvage).catch((e: unknown) =>
        console.error(`Could not move ${name} to ${FAILED_DIR}/: ${logLine(e)}`),
      );
      result.failed += 1;
      console.error(
        `Spooled webhook ${name} (${webhookSid(entry.form)}) was refused by the database and moved to ${FAILED_DIR}/; salvaged ${salvage.startsWith("nothing:") ? "nothing" : salvage}.`,
      );
    }
  }
  await pruneSpool(dir, now).catch((e: unknown) => console.error(`Spool clean-up failed: ${logLine(e)}`));
  return result;
}

/** What can be stored of a webhook the database refused: the numbers, the id, and for a text its words. */
async function salvageOne(sys: SystemDb, entry: SpooledWebhook, now: Date): Promise<"recovered" | "skipped"> {
  const form = cleanForm(entry.form);
  const sid = (s: string | undefined) => s?.replace(/[^\w-]/g, "").slice(0, 64) || undefined;
  const phone = (s: string | undefined) => s?.replace(/[^\w+]/g, "").slice(0, 20) || undefined;
  if (entry.path === SMS_PATHS.inbound) {
    return recoverOne(
      sys,
      {
        ...entry,
        form: pick({
          MessageSid: sid(form.MessageSid),
          From: phone(form.From),
          To: phone(form.To),
          Body: form.Body?.slice(0, 1600),
        }),
      },
      now,
    );
  }
  if (entry.path === VOICE_PATHS.screen || entry.path === SMS_PATHS.status) return "skipped";
  return recoverOne(
    sys,
    {
      ...entry,
      path: VOICE_PATHS.voice,
      form: pick({ CallSid: sid(form.CallSid), From: phone(form.From), To: phone(form.To) }),
    },
    now,
  );
}

function receivedAt(entry: SpooledWebhook, fallback: Date): Date {
  const at = new Date(entry.receivedAt);
  return Number.isNaN(at.getTime()) ? fallback : at;
}

function pick(fields: Record<string, string | undefined>): TwilioForm {
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
}

async function recoverOne(sys: SystemDb, entry: SpooledWebhook, now: Date): Promise<"recovered" | "skipped"> {
  if (entry.path === SMS_PATHS.inbound) {
    if (!entry.form.MessageSid || !entry.form.From || !entry.form.To) return "skipped";
    // Stored as received: the MessageSid is recorded once, so a text recovered twice is one message.
    const result = await handleInboundSms(sys, entry.form, { now: receivedAt(entry, now) });
    return result.kind === "unknown_number" || result.kind === "duplicate" ? "skipped" : "recovered";
  }
  if (entry.path === SMS_PATHS.status) {
    if (!entry.form.MessageSid) return "skipped";
    return (await applyStatusCallback(sys, entry.form, { now, waitMs: 0 })) === "updated"
      ? "recovered"
      : "skipped";
  }
  const { CallSid, From, To } = entry.form;
  // The whisper leg belongs to the plumber's phone; the caller's own webhooks carry the call.
  if (entry.path === VOICE_PATHS.screen || !CallSid || !From || !To) return "skipped";
  const tenant = await findTenantByCalledNumber(sys, To);
  if (!tenant) {
    await writeAudit(accountAuditLog(sys), {
      action: "call.unknown_number",
      target: To,
      data: { from: From, callSid: CallSid, spooled: entry.receivedAt },
    });
    return "skipped";
  }
  const db = forTenant(sys, tenant.id);
  const { call, lead } = await recordIncomingCall(
    db,
    {
      tenantId: tenant.id,
      callSid: CallSid,
      from: From,
      to: To,
      isTest: entry.form.LeadRescueTest === "1",
      promptProfile: tenant.promptProfile,
    },
    now,
  );
  // A missed status callback: close the call as the status webhook would have.
  if (entry.path === VOICE_PATHS.status) {
    await onCallStatus({ sys, now: () => now }, entry.form);
    return "recovered";
  }
  // The caller heard our apology and was hung up on. Unless the call had already reached an
  // outcome (booked, declined, taken by the plumber, closed), the office calls back at once — also
  // when the call's status webhook got there first and closed it as an ordinary hang-up.
  if (!CUT_OFF_STATUSES.includes(lead.status)) return "skipped";
  const captured = Object.keys(parseCallState(call.state, call.promptProfile).fields).length > 0;
  const status = captured ? "followup_needed" : "missed";
  // One transaction: the task (its fixed id decides who recovers this call) and the lead's
  // change through the leads writer (ownership rules, temperature, timeline).
  return db.$transaction(async (tx) => {
    // Locked, as the call's end locks it: a status callback arriving at the same moment waits for
    // this change (and then sees the urgent callback) instead of racing it.
    const [current] = await tenantSql(tx)<Lead[]>(
      (tenants) => Prisma.sql`
      SELECT ${LEAD_OF_L} FROM "Lead" l WHERE l."id" = ${lead.id} AND l."tenantId" IN (${tenants}) FOR UPDATE`,
    );
    if (!current) return "skipped";
    const ownerId = current.acceptedAt
      ? current.ownerId
      : ((await routingTarget(tx, routingKindFor(current))) ?? current.ownerId);
    const task = await tx.task.createMany({
      data: [
        {
          id: recoveryTaskId(call.id),
          tenantId: tenant.id,
          leadId: lead.id,
          kind: "urgent_callback",
          title: RECOVERY_TASK_TITLE,
          dueAt: now,
          assigneeId: ownerId,
        },
      ],
      skipDuplicates: true,
    });
    if (task.count === 0) return "skipped";
    await writeLeadChange(
      tx,
      { tenantId: tenant.id, actorId: null, now, onRefusal: "flag", webhooks: false },
      current,
      {
        patch: { status, ownerId, nextAction: RECOVERY_TASK_TITLE, dueAt: now },
        events: [
          {
            type: "call.recovered",
            data: {
              webhook: entry.path,
              receivedAt: entry.receivedAt,
              error: entry.error,
              callSid: CallSid,
              status,
            },
          },
        ],
      },
    );
    const { recovered } = CALL_MOVES;
    await tx.call.updateMany({
      where: { id: call.id, stage: { in: [...recovered.from] } },
      data: { stage: recovered.to },
    });
    return "recovered";
  }, CALL_TRANSACTION);
}

// ── retention ──

/** Files the database refused are kept this long in `failed/` for diagnosis, then deleted. */
export const FAILED_RETENTION_DAYS = 30;

/**
 * Deletes what the spool no longer needs: `.done` files left by earlier versions (recovered
 * webhooks, kept with callers' numbers and words) and `failed/` files (with their `.error.txt`)
 * moved there more than FAILED_RETENTION_DAYS ago. They were already turned into leads.
 */
export async function pruneSpool(dir: string, now: Date): Promise<{ deleted: number }> {
  let deleted = 0;
  const remove = (file: string) =>
    unlink(file).then(
      () => void (deleted += 1),
      () => undefined,
    );
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.endsWith(".done")) await remove(path.join(dir, name));
  }
  const failed = path.join(dir, FAILED_DIR);
  const cutoff = now.getTime() - FAILED_RETENTION_DAYS * 86_400_000;
  for (const name of await readdir(failed).catch(() => [] as string[])) {
    if (name.endsWith(".error.txt")) continue;
    // Moved to failed/ when its .error.txt was written (a move keeps the file's own older time).
    const note = await stat(path.join(failed, `${name}.error.txt`)).catch(() => null);
    const movedAt = note?.mtimeMs ?? (await stat(path.join(failed, name)).catch(() => null))?.mtimeMs;
    if (movedAt === undefined || movedAt > cutoff) continue;
    await remove(path.join(failed, name));
    if (note) await remove(path.join(failed, `${name}.error.txt`));
  }
  for (const name of await readdir(failed).catch(() => [] as string[])) {
    if (!name.endsWith(".error.txt")) continue;
    const s = await stat(path.join(failed, name)).catch(() => null);
    const orphan = !(await stat(path.join(failed, name.slice(0, -".error.txt".length))).catch(() => null));
    if (s && orphan && s.mtimeMs <= cutoff) await remove(path.join(failed, name));
  }
  return { deleted };
}
