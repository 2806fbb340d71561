// When the database fails mid-call the caller still gets a polite answer, and the webhook is
// spooled to disk. Once the database answers again each spooled call becomes a `missed` lead with
// an urgent callback task, so nobody who called during an outage is lost.
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/server/db/generated/client";
import type { TwilioForm } from "@/server/integrations/twilio-webhook";
import { findTenantByCalledNumber, recordIncomingCall } from "./record-call";

export type SpooledWebhook = { path: string; form: TwilioForm; receivedAt: string; error: string };

export function spoolDir(): string {
  return path.resolve(process.env.SPOOL_DIR ?? path.join(process.cwd(), ".data", "spool"));
}

export async function spoolWebhook(entry: SpooledWebhook, dir = spoolDir()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${Date.now()}-${(entry.form.CallSid ?? "nosid").replace(/[^\w-]/g, "")}-${Math.random().toString(36).slice(2, 8)}.json`);
  await writeFile(file, JSON.stringify(entry));
  return file;
}

/** Replays spooled calls into leads; returns how many were recovered. Safe to run repeatedly. */
export async function recoverSpooledCalls(prisma: PrismaClient, dir = spoolDir()): Promise<number> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".json")).sort();
  let recovered = 0;
  for (const name of files) {
    const file = path.join(dir, name);
    const entry = JSON.parse(await readFile(file, "utf8")) as SpooledWebhook;
    const { CallSid, From, To } = entry.form;
    if (CallSid && From && To) {
      const tenant = await findTenantByCalledNumber(prisma, To);
      if (tenant) {
        const { lead, call } = await recordIncomingCall(prisma, { tenantId: tenant.id, callSid: CallSid, from: From, to: To, isTest: entry.form.LeadRescueTest === "1", promptProfile: tenant.promptProfile });
        const open = await prisma.task.count({ where: { leadId: lead.id, kind: "urgent_callback" } });
        if (!open) {
          const title = "Call back: this caller reached us while the system was down";
          await prisma.task.create({ data: { tenantId: tenant.id, leadId: lead.id, kind: "urgent_callback", title, dueAt: new Date() } });
          await prisma.lead.update({ where: { id: lead.id }, data: { nextAction: title, dueAt: new Date() } });
          await prisma.leadEvent.create({ data: { tenantId: tenant.id, leadId: lead.id, type: "call.recovered", data: { webhook: entry.path, receivedAt: entry.receivedAt, error: entry.error, callSid: call.callSid } } });
        }
        recovered += 1;
      }
    }
    await rename(file, `${file}.done`);
  }
  return recovered;
}
