// Follow-up sequences: what happens after a lead comes in and nobody has booked it yet, per source,
// written in plumbing terms. The defaults live here; an owner's edits are FollowUpSequence rows
// (one per key) that replace a default as a whole. Each step has a delay after the lead came in
// (or after the no-show / the estimate), a channel (a text or an email to the caller, or a task
// for the team) and a message.
import { z } from "zod";
import type { Prisma } from "@/server/db/generated/client";
import type { TenantDb, TenantTx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";

export const SEQUENCE_KEYS = [
  "missed_call",
  "web_form",
  "referral",
  "marketplace",
  "no_show",
  "estimate",
  "seasonal",
] as const;
export type SequenceKey = (typeof SEQUENCE_KEYS)[number];

/** The sequences a source starts; no_show / estimate / seasonal start from the lead's own history. */
export const SOURCE_SEQUENCES: readonly SequenceKey[] = [
  "missed_call",
  "web_form",
  "referral",
  "marketplace",
];

export const STEP_CHANNELS = ["text", "email", "task"] as const;
export type StepChannel = (typeof STEP_CHANNELS)[number];

/** The channels that write to the caller (and so wait in the approval queue as drafts). */
export const MESSAGE_CHANNELS = ["text", "email"] as const satisfies readonly StepChannel[];

export const MAX_STEPS = 8;
/** A text or a task; an email may say more. */
export const MAX_STEP_MESSAGE = 320;
export const MAX_EMAIL_MESSAGE = 1500;
/** 120 days: the longest delay a step may have. */
export const MAX_DELAY_MINUTES = 120 * 24 * 60;

export const ZStep = z
  .object({
    delayMinutes: z.number().int().min(0).max(MAX_DELAY_MINUTES),
    channel: z.enum(STEP_CHANNELS),
    message: z.string().trim().min(1).max(MAX_EMAIL_MESSAGE),
  })
  .refine((s) => s.channel === "email" || s.message.length <= MAX_STEP_MESSAGE, {
    message: `Keep a text or a task under ${MAX_STEP_MESSAGE} characters.`,
    path: ["message"],
  });
export type SequenceStep = z.infer<typeof ZStep>;

export type Sequence = {
  key: SequenceKey;
  enabled: boolean;
  autoSend: boolean;
  steps: SequenceStep[];
  version: number;
  customized: boolean;
};

const H = 60;
const D = 24 * H;
const text = (delayMinutes: number, message: string): SequenceStep => ({
  delayMinutes,
  channel: "text",
  message,
});
const email = (delayMinutes: number, message: string): SequenceStep => ({
  delayMinutes,
  channel: "email",
  message,
});
const task = (delayMinutes: number, message: string): SequenceStep => ({
  delayMinutes,
  channel: "task",
  message,
});

export type SequenceDefinition = {
  name: string;
  /** When it starts, after "Starts …". */
  when: string;
  /** On unless the owner turns it off (the seasonal one ships off). */
  enabled: boolean;
  /** The default steps: messages may use {name}, {business}, {problem}, {slot} and {phone}. */
  steps: SequenceStep[];
};

/** Every sequence in one table: its name, when it starts, and its default steps in plumbing terms. */
export const SEQUENCES: Record<SequenceKey, SequenceDefinition> = {
  missed_call: {
    name: "Missed call",
    when: "after a call nobody could finish; the missed-call text goes out first (Messaging settings)",
    enabled: true,
    steps: [
      task(2 * H, "Call the caller back: nobody has reached them since the missed call"),
      text(
        1 * D,
        "Hi {name}, it's {business} following up on your call. We can come out {slot}. Reply here or call {phone}.",
      ),
      text(
        3 * D,
        "Hi {name}, {business} again. Still need a plumber for {problem}? Reply and we'll set up a time.",
      ),
    ],
  },
  web_form: {
    name: "Web form",
    when: "after a request from your website form",
    enabled: true,
    steps: [
      text(
        0,
        "Hi {name}, thanks for your request to {business} about {problem}. The next opening is {slot}. Reply YES to take it, or tell us a better time.",
      ),
      task(4 * H, "Call about the web request if they have not replied"),
      text(
        1 * D,
        "Hi {name}, {business} here. We can still help with {problem}. The next opening is {slot}.",
      ),
      // Only when the visitor gave an email address: what a visit looks like, for a customer still deciding.
      email(
        2 * D,
        "Hi {name},\n\nThanks again for asking {business} about {problem}. Here is how it works: we come to you, find the cause, and talk the fix through with you.\n\nThe next opening is {slot}. Reply to this email or call {phone} and we'll set it up.\n\n{business}",
      ),
      text(
        3 * D,
        "Hi {name}, just checking in from {business}. Reply any time and we'll find a time that suits you.",
      ),
      text(
        7 * D,
        "Hi {name}, last note from {business} about {problem}. Call {phone} whenever you're ready.",
      ),
    ],
  },
  referral: {
    name: "Referral",
    when: "after someone was referred to you; a person calls first, no automatic texts before that",
    enabled: true,
    steps: [task(0, "Personal call within a day: thank them for the referral and ask how you can help")],
  },
  marketplace: {
    name: "Marketplace",
    when: "after a lead from Angi, Thumbtack or Google Local Services",
    enabled: true,
    steps: [
      text(
        0,
        "Hi {name}, this is {business}. We got your request about {problem} and can come out {slot}. Want it?",
      ),
      task(1 * H, "Call the marketplace lead now: first day counts"),
      text(
        3 * H,
        "Hi {name}, {business} again. The opening {slot} is still open for {problem}. Reply YES and it's yours.",
      ),
      task(6 * H, "Second call attempt before the end of the day"),
      text(1 * D, "Hi {name}, {business} here. Still need help with {problem}? Reply or call {phone}."),
    ],
  },
  no_show: {
    name: "No-show",
    when: 'after a visit is marked "No-show"',
    enabled: true,
    steps: [
      text(
        30,
        "Hi {name}, {business} here. We missed you at the visit. Want to pick a new time? The next opening is {slot}.",
      ),
      task(1 * D, "Call to rebook the missed visit"),
    ],
  },
  estimate: {
    name: "Estimate waiting",
    when: "after an estimate is given and the customer has not answered",
    enabled: true,
    steps: [
      text(
        2 * D,
        "Hi {name}, {business} here. Any questions about the estimate for {problem}? Reply here or call {phone}.",
      ),
      task(5 * D, "Call about the estimate: answer questions, ask for the go-ahead"),
    ],
  },
  seasonal: {
    name: "Seasonal check-in",
    when: "for cold leads, once a season (off unless you turn it on)",
    enabled: false,
    steps: [
      text(
        90 * D,
        "Hi {name}, {business} here. Before the cold sets in, want us to check your pipes and water heater? Reply to book.",
      ),
    ],
  },
};

export function sequenceForSource(source: string): SequenceKey | null {
  switch (source) {
    case "phone":
      return "missed_call";
    case "web_form":
      return "web_form";
    case "referral":
      return "referral";
    case "marketplace":
      return "marketplace";
    // A first text is already a conversation; a lead typed in by the office is already worked.
    default:
      return null;
  }
}

type Db = Pick<TenantDb, "followUpSequence"> | Pick<TenantTx, "followUpSequence">;

function fromRow(
  key: SequenceKey,
  row: { enabled: boolean; autoSend: boolean; steps: Prisma.JsonValue; version: number } | null,
): Sequence {
  if (!row)
    return {
      key,
      enabled: SEQUENCES[key].enabled,
      autoSend: false,
      steps: SEQUENCES[key].steps,
      version: 0,
      customized: false,
    };
  const parsed = z.array(ZStep).safeParse(row.steps);
  return {
    key,
    enabled: row.enabled,
    autoSend: row.autoSend,
    steps: parsed.success ? parsed.data : SEQUENCES[key].steps,
    version: row.version,
    customized: true,
  };
}

export async function getSequence(db: Db, key: SequenceKey): Promise<Sequence> {
  const row = await (db as Pick<TenantDb, "followUpSequence">).followUpSequence.findFirst({ where: { key } });
  return fromRow(key, row);
}

export async function listSequences(db: Pick<TenantDb, "followUpSequence">): Promise<Sequence[]> {
  const rows = await db.followUpSequence.findMany({});
  return SEQUENCE_KEYS.map((key) => fromRow(key, rows.find((r) => r.key === key) ?? null));
}

export type SequencePatch = { enabled?: boolean; autoSend?: boolean; steps?: SequenceStep[] };

/**
 * Saves one sequence. Changing its steps bumps the version and cancels the drafts still waiting
 * from the old version: a lead whose sequence changed does not get the old step.
 */
export async function saveSequence(
  db: TenantDb,
  tenantId: string,
  key: SequenceKey,
  patch: SequencePatch,
): Promise<Sequence> {
  if (patch.steps) {
    if (patch.steps.length > MAX_STEPS)
      throw new AppError("BAD_REQUEST", `A sequence can have at most ${MAX_STEPS} steps.`, "steps");
    if (key === "referral" && patch.steps.some((s, i) => s.channel === "text" && i === 0)) {
      throw new AppError(
        "BAD_REQUEST",
        "A referral starts with a personal call: make the first step a task for your team.",
        "steps",
      );
    }
  }
  const current = await getSequence(db, key);
  const stepsChanged =
    patch.steps !== undefined && JSON.stringify(patch.steps) !== JSON.stringify(current.steps);
  const next = {
    enabled: patch.enabled ?? current.enabled,
    autoSend: patch.autoSend ?? current.autoSend,
    steps: (patch.steps ?? current.steps) as Prisma.InputJsonValue,
  };
  await db.$transaction(async (tx) => {
    await tx.followUpSequence.upsert({
      where: { tenantId_key: { tenantId, key } },
      create: { tenantId, key, ...next, version: current.version + 1 },
      update: { ...next, ...(stepsChanged ? { version: { increment: 1 } } : {}) },
    });
    if (stepsChanged) {
      await tx.followUpDraft.updateMany({
        where: { sequenceKey: key, status: "pending" },
        data: { status: "canceled", decidedAt: new Date() },
      });
    }
  });
  return getSequence(db, key);
}
