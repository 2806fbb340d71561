// Every call read again after it ends: the safety net under the live call. Pure: what the whole
// transcript says that the live handling missed — an emergency (the emergency rules over every
// caller line and over the caller's lines joined, a safety question left unanswered by a caller
// who hung up, the model's reading when one is configured), a callback request without a
// callback task, a required field missing, a stored detail the caller never said.
// server/qa/after-call-jobs.ts applies what this finds.
import type { EmergencyKind } from "@/server/intake/extraction";
import { detectEmergency, emergencyRule } from "@/server/intake/emergency-rules";
import type { CallState } from "@/server/voice/state-machine";
import { isSafetyQuestion } from "@/server/voice/scripts";
import { checkHallucinations, checkRequiredFields, type QaCallInput, type QaCriterion } from "./check-call";

export const AFTER_CALL_FLAG_KINDS = {
  emergency_missed: { label: "Missed emergency", criterion: "incorrect_urgency" },
  callback_missed: { label: "Missed callback request", criterion: "wrong_qualification_path" },
  field_missing: { label: "Missing required field", criterion: "missing_required_fields" },
  ungrounded_detail: { label: "Detail the caller never said", criterion: "hallucinated_details" },
} as const satisfies Record<string, { label: string; criterion: QaCriterion }>;
export type AfterCallFlagKind = keyof typeof AFTER_CALL_FLAG_KINDS;

/** One thing the after-call check found, in a sentence the office can check against the transcript. */
export type AfterCallFlag = { kind: AfterCallFlagKind; code: string; detail: string };

type Line = { speaker: string; text: string };

/** The safety question (asked once when a problem is neither a clear emergency nor plainly routine), as the call says it. */
export const isSafetyQuestionLine = isSafetyQuestion;

/** What each safety question asks about: an unanswered one is taken as yes to that emergency. */
function kindAskedAbout(question: string): EmergencyKind {
  const t = question.toLowerCase();
  if (t.includes("smell gas")) return "gas_smell";
  if (t.includes("can't do without")) return "no_water_vulnerable";
  return "flooding";
}

const quote = (s: string) => `“${s.length > 90 ? `${s.slice(0, 89)}…` : s}”`;

export type EmergencyFinding = {
  kind: EmergencyKind;
  how: "line" | "joined" | "unanswered_safety_question" | "model";
  said: string | null;
};

/**
 * The emergency the whole call describes, or null: the rules over each caller line (a cue said at
 * the name question), over all caller lines joined (a cue split across turns), a safety question
 * the caller hung up on (the safe side: yes), and the model's reading of the whole call.
 */
export function emergencyInCall(
  lines: readonly Line[],
  modelEmergency: EmergencyKind | null = null,
): EmergencyFinding | null {
  const caller = lines
    .filter((l) => l.speaker === "caller")
    .map((l) => l.text.trim())
    .filter(Boolean);
  for (const said of caller) {
    const kind = detectEmergency(said);
    if (kind) return { kind, how: "line", said };
  }
  if (caller.length > 1) {
    const joined = caller.join(". ");
    const kind = detectEmergency(joined);
    if (kind) return { kind, how: "joined", said: joined };
  }
  const spoken = lines.filter((l) => l.speaker === "agent" || l.speaker === "caller");
  const last = spoken.at(-1);
  if (last?.speaker === "agent" && isSafetyQuestionLine(last.text))
    return { kind: kindAskedAbout(last.text), how: "unanswered_safety_question", said: null };
  if (modelEmergency) return { kind: modelEmergency, how: "model", said: null };
  return null;
}

const CALLBACK_ASKED =
  /\b(call (me|us) back|call back|callback|give (me|us) a call|(have|get) (someone|somebody|him|her|them|the plumber) (to )?call)\b/i;
const CALLBACK_DECLINED = /\b(don'?t|do not|no need to|never|not)\s+(\w+\s+)?(call|callback)/i;

export type AfterCallInput = {
  state: CallState;
  lead: QaCallInput["lead"] & { closeReason: string | null };
  /** The call's turns in order (the stored CallTurn rows). */
  turns: readonly Line[];
  /** Kinds of the lead's tasks ("callback", "urgent_callback"). */
  taskKinds: readonly string[];
  tenant: QaCallInput["tenant"];
  modelEmergency?: EmergencyKind | null;
};

export type AfterCallResult = { flags: AfterCallFlag[]; missedEmergency: EmergencyFinding | null };

export function checkAfterCall(input: AfterCallInput): AfterCallResult {
  const { state, lead, turns } = input;
  const flags: AfterCallFlag[] = [];
  const lines = turns.length ? turns : state.transcript;

  const emergency = emergencyInCall(lines, input.modelEmergency ?? null);
  const handledAsEmergency = lead?.urgency === "emergency" || state.escalation?.reason === "emergency";
  const missedEmergency = emergency && !handledAsEmergency ? emergency : null;
  if (missedEmergency) {
    const label = emergencyRule(missedEmergency.kind).label;
    const detail =
      missedEmergency.how === "unanswered_safety_question"
        ? `The caller hung up before answering the safety question, which counts as yes (${label}); the call did not treat it as an emergency.`
        : missedEmergency.how === "model"
          ? `Read again, the call describes an emergency (${label}); the call did not treat it as one.`
          : missedEmergency.how === "joined"
            ? `Across the call, the caller described ${label}: ${quote(missedEmergency.said!)}; the call did not treat it as an emergency.`
            : `The caller said ${quote(missedEmergency.said!)} (${label}), but the call did not treat it as an emergency.`;
    flags.push({ kind: "emergency_missed", code: `emergency_${missedEmergency.how}`, detail });
  }

  const callerLines = lines.filter((l) => l.speaker === "caller").map((l) => l.text);
  const asked = callerLines.find((t) => CALLBACK_ASKED.test(t) && !CALLBACK_DECLINED.test(t));
  const notACustomer = lead?.closeReason === "not_a_customer";
  if (
    asked &&
    !notACustomer &&
    !input.taskKinds.some((k) => k === "callback" || k === "urgent_callback") &&
    !missedEmergency
  ) {
    flags.push({
      kind: "callback_missed",
      code: "callback_without_task",
      detail: `The caller asked for a call back (${quote(asked)}), but the lead has no callback task.`,
    });
  }

  if (!notACustomer) {
    for (const f of checkRequiredFields({ state, lead }))
      flags.push({ kind: "field_missing", code: f.code, detail: f.detail });
  }
  for (const f of checkHallucinations({ state, turns, tenant: input.tenant })) {
    if (["no_evidence", "evidence_not_said", "value_not_in_evidence"].includes(f.code))
      flags.push({ kind: "ungrounded_detail", code: f.code, detail: f.detail });
  }
  return { flags, missedEmergency };
}

/** Stored flags read back (the JSON column), with their labels, unknown kinds dropped. */
export function afterCallFlagsOf(
  json: unknown,
): (AfterCallFlag & { label: string; criterion: QaCriterion })[] {
  if (!Array.isArray(json)) return [];
  return (json as AfterCallFlag[])
    .filter(
      (f) => f && typeof f === "object" && f.kind in AFTER_CALL_FLAG_KINDS && typeof f.detail === "string",
    )
    .map((f) => ({
      kind: f.kind,
      code: String(f.code),
      detail: f.detail,
      label: AFTER_CALL_FLAG_KINDS[f.kind].label,
      criterion: AFTER_CALL_FLAG_KINDS[f.kind].criterion,
    }));
}
