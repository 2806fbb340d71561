// Recording a call and its lead exactly once per CallSid, whatever Twilio retries or delivers
// twice: inserts are ON CONFLICT DO NOTHING on the unique keys, then the row is read back.
import { randomUUID } from "node:crypto";
import { Prisma } from "@/server/db/generated/client";
import type { PromptProfile } from "@/server/db/generated/enums";
import type { TenantDb, TenantTx } from "@/server/db/tenant-scope";
import { tenantSql, type TenantSet } from "@/server/db/tenant-sql";
import { insertLead, newLead, newLeadRow } from "@/server/leads/create-lead";
import { newLeadEnrollment } from "@/server/followups/enroll";
import type { Sequence } from "@/server/followups/sequences";
import { enqueueWebhookDeliveries, webhookPayload } from "@/server/webhooks/outbox";
import { nextStepFor } from "./next-step";
import { CALL_MOVES } from "./call-steps";

/**
 * A burst (Twilio redelivering a webhook, many calls at once) queues the call flow's transactions
 * for a database connection. Waiting is fine inside the webhook's 12 s budget; giving up after
 * Prisma's default 2 s would spool a call that only had to wait.
 */
export const CALL_TRANSACTION = { maxWait: 8_000 } as const;

export type IncomingCall = {
  tenantId: string;
  callSid: string;
  from: string;
  to: string;
  isTest: boolean;
  promptProfile: PromptProfile;
};

/**
 * Creates the call and its lead (status `missed` until someone answers) in one transaction;
 * returns both. The lead goes through the leads module's writer: owned from its first moment by
 * the routing rule (recovered missed calls never go to a generic pool), checked against the
 * ownership rules, with its temperature and the `lead.created` webhook, and it carries the
 * missed-call next step, call back now, until the call says otherwise.
 * `answer` stores the first webhook's TwiML with the call, so a duplicate delivery replays it.
 * A first delivery costs one insert per row (RETURNING); a duplicate reads the rows instead.
 */
export async function recordIncomingCall(
  db: TenantDb,
  c: IncomingCall,
  now = new Date(),
  answer?: { key: string; twiml: string },
) {
  const written = await db.$transaction(async (tx) => {
    const { lead, webhookIds } = await insertLead(
      tx,
      { tenantId: c.tenantId, actorId: null, now },
      {
        callerPhone: c.from,
        status: "missed",
        source: "phone",
        sourceRef: c.callSid,
        isTest: c.isTest,
        ...nextStepFor("missed", { now }),
      },
      // The timeline starts with the call itself (call.received, below), not a lead.created line.
      { once: true, events: [] },
    );
    const [newCall] = await tx.call.createManyAndReturn({
      data: [
        {
          tenantId: c.tenantId,
          leadId: lead.id,
          callSid: c.callSid,
          fromNumber: c.from,
          toNumber: c.to,
          stage: CALL_MOVES.incoming.to,
          isTest: c.isTest,
          promptProfile: c.promptProfile,
          ...(answer ? { lastTwimlKey: answer.key, lastTwiml: answer.twiml } : {}),
        },
      ],
      skipDuplicates: true,
    });
    const call = newCall ?? (await tx.call.findUniqueOrThrow({ where: { callSid: c.callSid } }));
    if (newCall)
      await tx.leadEvent.create({
        data: {
          tenantId: c.tenantId,
          leadId: lead.id,
          type: "call.received",
          data: { from: c.from, to: c.to, callSid: c.callSid },
          createdAt: now,
        },
      });
    return { call, lead, firstDelivery: !!newCall, webhookIds };
  }, CALL_TRANSACTION);
  await enqueueWebhookDeliveries(written.webhookIds); // integrations: lead.created, recorded with the lead
  return { call: written.call, lead: written.lead, firstDelivery: written.firstDelivery };
}

/** What the first webhook already knows about the business (server/calls/call-settings.ts). */
export type NewCallSettings = { missedCallOwnerId: string | null; missedCallSequence: Sequence };

/**
 * `INSERT INTO table (…) SELECT … FROM` one row of the statement's input (`input.j->'key'`), typed
 * by the table itself (jsonb_populate_record), with the tenant id always the statement's own bound
 * tenant (`tenant.id`). The input is jsonb, parsed once: `->` on a json value parses the whole
 * document again for every row.
 */
function rowOf(table: string, key: string, row: Record<string, unknown>, when: Prisma.Sql) {
  const { insert, select } = columnsOf(table, row);
  return Prisma.sql`${insert}
    SELECT tenant.id, ${select} FROM tenant, input, jsonb_populate_record(NULL::${Prisma.raw(`"${table}"`)}, input.j->${Prisma.raw(`'${key}'`)}) r
    WHERE ${when}`;
}

/**
 * The INSERT's column list and the SELECT's, which depend only on the table and the row's keys
 * (a handful of shapes: each row is built by one function): kept, instead of two joins per row.
 */
const columnLists = new Map<string, { insert: Prisma.Sql; select: Prisma.Sql }>();
function columnsOf(table: string, row: Record<string, unknown>) {
  const cols = Object.keys(row).filter((c) => c !== "tenantId");
  const key = `${table}(${cols.join(",")})`;
  let lists = columnLists.get(key);
  if (!lists) {
    lists = {
      insert: Prisma.raw(`INSERT INTO "${table}" (${["tenantId", ...cols].map((c) => `"${c}"`).join(", ")})`),
      select: Prisma.raw(cols.map((c) => `r."${c}"`).join(", ")),
    };
    if (columnLists.size >= 100) columnLists.clear(); // bounded all the same
    columnLists.set(key, lists);
  }
  return lists;
}

/**
 * The first webhook's write in ONE statement: the lead (the leads writer's row: routed, checked
 * against the ownership rules, with its temperature), the call with the TwiML a duplicate replays,
 * the call.received timeline line, the lead's follow-up enrollment and its lead.created outbox rows
 * (one per subscribed endpoint, chosen in the statement). ON CONFLICT DO NOTHING on the CallSid and on
 * the lead's (tenant, sourceRef): a duplicate delivery writes nothing and gets `created: false`,
 * and then reads the call as recordIncomingCall does.
 * The statement has two parameters, the tenant and every row as one JSON document: each bound value
 * costs the database client and the driver work per request, and the call path runs this one most.
 */
export async function recordIncomingCallOnce(
  db: TenantDb,
  c: IncomingCall,
  settings: NewCallSettings,
  now: Date,
  answer: { key: string; twiml: string },
): Promise<{ created: boolean; webhookIds: string[] }> {
  const w = { tenantId: c.tenantId, actorId: null, now };
  const step = nextStepFor("missed", { now });
  const input = {
    callerPhone: c.from,
    status: "missed" as const,
    source: "phone" as const,
    sourceRef: c.callSid,
    isTest: c.isTest,
    ...step,
  };
  const leadRow = {
    ...newLeadRow(w, input, { ownerId: settings.missedCallOwnerId, ...step }),
    id: randomUUID(),
  };
  const lead = newLead(leadRow);
  const call = {
    id: randomUUID(),
    tenantId: c.tenantId,
    leadId: lead.id,
    callSid: c.callSid,
    fromNumber: c.from,
    toNumber: c.to,
    stage: CALL_MOVES.incoming.to,
    isTest: c.isTest,
    promptProfile: c.promptProfile,
    lastTwimlKey: answer.key,
    lastTwiml: answer.twiml,
    startedAt: now,
  };
  // The timeline starts with the call itself, as recordIncomingCall's does.
  const received = {
    id: randomUUID(),
    tenantId: c.tenantId,
    leadId: lead.id,
    type: "call.received",
    data: { from: c.from, to: c.to, callSid: c.callSid },
    createdAt: now,
  };
  const enrollment = newLeadEnrollment(w, lead, settings.missedCallSequence);
  const enrolled = enrollment && { id: randomUUID(), ...enrollment };
  const rows = {
    lead: { ...leadRow, updatedAt: now },
    call,
    received,
    enrolled,
    // Integrations: the lead.created payload, written only when an endpoint subscribes to it.
    hook: {
      leadId: lead.id,
      payload: webhookPayload({ tenantId: c.tenantId, type: LEAD_CREATED, lead, now }),
      at: now,
    },
  };
  const created = Prisma.sql`EXISTS (SELECT 1 FROM new_call)`;
  const [row] = await tenantSql(db)<{ created: boolean; webhookIds: string[] }[]>(
    (tenants) => Prisma.sql`
    WITH tenant AS (SELECT ${tenants}::text AS id), input AS (SELECT ${JSON.stringify(rows)}::jsonb AS j), new_lead AS (
      ${rowOf("Lead", "lead", rows.lead, Prisma.sql`TRUE`)}
      ON CONFLICT ("tenantId", "sourceRef") DO NOTHING RETURNING "id"
    ), new_call AS (
      ${rowOf("Call", "call", call, Prisma.sql`EXISTS (SELECT 1 FROM new_lead)`)}
      ON CONFLICT ("callSid") DO NOTHING RETURNING "id"
    ), received AS (
      ${rowOf("LeadEvent", "received", received, created)}
    ), enrolled AS (
      ${enrolled ? rowOf("FollowUpEnrollment", "enrolled", enrolled, created) : Prisma.sql`SELECT 1`}
    ), hooks AS (
      INSERT INTO "WebhookDelivery" ("id", "tenantId", "endpointId", "eventType", "leadId", "payload", "nextAttemptAt", "createdAt")
      SELECT 'msg_' || rtrim(translate(encode(uuid_send(gen_random_uuid()), 'base64'), '+/', '-_'), '='),
        e."tenantId", e."id", '${Prisma.raw(LEAD_CREATED)}', h."leadId", h."payload", h."at", h."at"
      FROM "WebhookEndpoint" e, input, jsonb_to_record(input.j->'hook') AS h("leadId" text, "payload" text, "at" timestamp(3))
      WHERE e."tenantId" IN (SELECT id FROM tenant) AND e."enabled" AND '${Prisma.raw(LEAD_CREATED)}' = ANY(e."events")
        AND ${c.isTest ? Prisma.sql`FALSE` : created}
      RETURNING "id"
    )
    SELECT ${created} AS "created", COALESCE((SELECT array_agg("id") FROM hooks), '{}') AS "webhookIds"`,
  );
  // Integrations: lead.created, recorded with the lead; queued after, never awaited by the caller.
  if (row?.webhookIds.length) void enqueueWebhookDeliveries(row.webhookIds);
  return { created: !!row?.created, webhookIds: row?.webhookIds ?? [] };
}

const LEAD_CREATED = "lead.created";

/** A call's new turns and its new row values (state, step, the stored TwiML), as one write. */
export type CallRowWrite = {
  callSid: string;
  turns: { tenantId: string; callId: string; seq: number; speaker: string; text: string }[];
  set: Record<string, unknown>;
};

/**
 * One turn's transcript lines and the call's new state as CTEs of one statement, written only
 * `when` holds: the lines ON CONFLICT DO NOTHING (a line already there stays as it is), then the
 * call row, typed by the table itself. The call flow puts them in the lead writer's statement.
 */
export function callRowWrites(w: CallRowWrite, tenants: TenantSet, when: Prisma.Sql): Prisma.Sql {
  const cols = Object.keys(w.set);
  const names = Prisma.raw(cols.map((c) => `"${c}"`).join(", "));
  const values = Prisma.raw(cols.map((c) => `r."${c}"`).join(", "));
  const turns = w.turns.map(({ tenantId: _, ...t }) => ({ id: randomUUID(), ...t }));
  return Prisma.sql`call_lines AS (
      INSERT INTO "CallTurn" ("tenantId", "id", "callId", "seq", "speaker", "text")
      SELECT ${tenants}, t."id", t."callId", t."seq", t."speaker", t."text"
      FROM json_populate_recordset(NULL::"CallTurn", ${JSON.stringify(turns)}::json) t
      WHERE ${when}
      ON CONFLICT DO NOTHING
    ), call_row AS (
      UPDATE "Call" SET (${names}) = (SELECT ${values} FROM json_populate_record(NULL::"Call", ${JSON.stringify(w.set)}::json) r)
      WHERE "callSid" = ${w.callSid} AND "tenantId" IN (${tenants}) AND ${when}
      RETURNING 1
    )`;
}

/** The same writes on their own, for a call step with no lead to change. */
export async function writeTurnsAndCall(tx: TenantTx, w: CallRowWrite): Promise<void> {
  await tenantSql(tx)<unknown[]>(
    (tenants) => Prisma.sql`WITH ${callRowWrites(w, tenants, Prisma.sql`TRUE`)} SELECT 1`,
  );
}
