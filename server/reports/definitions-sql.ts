// The definitions of definitions.ts as SQL: a lead set as a condition on a lead row (the inbox's
// filter) and on the report's per-lead facts (report-sql.ts). Both are built from the same
// conditions, and an integration test proves they count the same leads.
import { Prisma } from "@/server/db/generated/client";
import { CONSENT_KEYWORDS } from "@/server/messaging/parse-keyword";
import {
  AUTOMATIC_TEXTS,
  EVENT_FACTS,
  LEAD_SETS,
  NOT_A_CUSTOMER_REASONS,
  type Cond,
  type EventFact,
  type LeadSetKey,
} from "./definitions";

/** A text handed to Twilio and not failed: `x` is the Message alias. */
export const sentText = (x: string) =>
  Prisma.sql`${Prisma.raw(x)}.direction = 'outbound' AND ${Prisma.raw(x)}."sentAt" IS NOT NULL AND ${Prisma.raw(x)}.status::text NOT IN ('failed', 'canceled', 'undelivered')`;
/** An automatic text (not typed by staff). */
export const automaticText = (x: string) =>
  Prisma.sql`${Prisma.raw(x)}.purpose = ANY(${[...AUTOMATIC_TEXTS]}::text[]) AND ${Prisma.raw(x)}."authorId" IS NULL`;

/** Test calls never count: the lead rows every figure may see. */
export const countedLead = (l: string) => Prisma.sql`${Prisma.raw(l)}."isTest" = false`;

/** A customer, not a contact closed as spam or not a customer. */
export const customerLead = (l: string) =>
  Prisma.sql`(${Prisma.raw(l)}."closeReason" IS NULL OR ${Prisma.raw(l)}."closeReason" <> ALL(${[...NOT_A_CUSTOMER_REASONS]}::text[]))`;

const COLUMN_SQL = {
  booked: (l: string) => Prisma.sql`${Prisma.raw(l)}."appointmentAt" IS NOT NULL`,
  showed: (l: string) => Prisma.sql`${Prisma.raw(l)}."visitOutcome"::text = 'showed'`,
  noShow: (l: string) => Prisma.sql`${Prisma.raw(l)}."visitOutcome"::text = 'no_show'`,
  visitRecorded: (l: string) => Prisma.sql`${Prisma.raw(l)}."visitOutcome"::text IN ('showed', 'no_show')`,
  won: (l: string) => Prisma.sql`${Prisma.raw(l)}."jobOutcome"::text = 'won'`,
  lost: (l: string) => Prisma.sql`${Prisma.raw(l)}."jobOutcome"::text = 'lost'`,
};

/** An inbound text that is only STOP / START / HELP is not a reply (parse-keyword.ts's normalisation: NFKC, upper case, letters and digits). */
export const isKeyword = (body: Prisma.Sql) =>
  Prisma.sql`regexp_replace(btrim(regexp_replace(upper(normalize(${body}, NFKC)), '[^A-Z0-9 ]+', ' ', 'g')), ' +', ' ', 'g') = ANY(${CONSENT_KEYWORDS}::text[])`;

/**
 * A lead set as a condition on a lead row `l` (the inbox): timeline facts and texts are EXISTS
 * look-ups on that lead, by the same rules the report's per-lead facts use.
 */
export function leadSetWhere(key: LeadSetKey, l: string): Prisma.Sql {
  const L = Prisma.raw(l);
  const firstText = Prisma.sql`(SELECT min(x."sentAt") FROM "Message" x WHERE x."tenantId" = ${L}."tenantId" AND x."leadId" = ${L}.id AND ${sentText("x")} AND ${automaticText("x")})`;
  const conds = (LEAD_SETS[key] as readonly Cond[]).map((c): Prisma.Sql => {
    if ("customer" in c) return customerLead(l);
    if ("column" in c) return COLUMN_SQL[c.column](l);
    if ("event" in c)
      return Prisma.sql`${Prisma.raw(c.is ? "" : "NOT ")}EXISTS (SELECT 1 FROM "LeadEvent" e WHERE e."tenantId" = ${L}."tenantId" AND e."leadId" = ${L}.id AND e.type = ANY(${[...EVENT_FACTS[c.event]]}::text[]))`;
    if (c.text === "texted") return Prisma.sql`${firstText} IS NOT NULL`;
    if (c.text === "textedBack")
      return Prisma.sql`EXISTS (SELECT 1 FROM "Message" x WHERE x."tenantId" = ${L}."tenantId" AND x."leadId" = ${L}.id AND ${sentText("x")} AND ${automaticText("x")} AND x.purpose = 'text_back')`;
    return Prisma.sql`EXISTS (SELECT 1 FROM "Message" r WHERE r."tenantId" = ${L}."tenantId" AND r."leadId" = ${L}.id AND r.direction = 'inbound' AND r."createdAt" >= ${firstText} AND NOT ${isKeyword(Prisma.sql`r.body`)})`;
  });
  return Prisma.join(conds, " AND ");
}

/**
 * A lead set as a condition on the report's per-lead facts row `k` (report-sql.ts): the timeline
 * facts are the boolean columns `ev_<fact>`, the texts `texted_back` and `replied`.
 */
export function leadSetFilter(key: LeadSetKey, k: string): Prisma.Sql {
  const K = Prisma.raw(k);
  const conds = (LEAD_SETS[key] as readonly Cond[]).map((c): Prisma.Sql => {
    if ("customer" in c) return Prisma.sql`${K}.customer`;
    if ("column" in c) return COLUMN_SQL[c.column](k);
    if ("event" in c)
      return Prisma.sql`${Prisma.raw(c.is ? "" : "NOT ")}${K}.${Prisma.raw(`"ev_${c.event}"`)}`;
    if (c.text === "texted") return Prisma.sql`${K}.first_text IS NOT NULL`;
    return c.text === "textedBack" ? Prisma.sql`${K}.texted_back` : Prisma.sql`${K}.replied`;
  });
  return Prisma.join(conds, " AND ");
}

/** The timeline facts of one lead, as aggregates over its events `e` (one look-up per lead). */
export function eventFactColumns(e: string): Prisma.Sql {
  return Prisma.join(
    (Object.keys(EVENT_FACTS) as EventFact[]).map(
      (f) =>
        Prisma.sql`COALESCE(bool_or(${Prisma.raw(e)}.type = ANY(${[...EVENT_FACTS[f]]}::text[])), false) AS ${Prisma.raw(`"ev_${f}"`)}`,
    ),
    ", ",
  );
}

/** Every event type a definition reads. */
export const EVENT_FACT_TYPES: string[] = Object.values(EVENT_FACTS).flat();
