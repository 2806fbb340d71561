// The automated QA of one AI-handled call: the four failure criteria as pure checks
// over the stored call state, the lead and the transcript turns. No I/O.
import { TZDate } from "@date-fns/tz";
import type { Urgency } from "@/server/intake/extraction";
import { detectEmergency, urgencyOf } from "@/server/intake/rules-extract";
import { groundAddress, groundIssue, groundName, groundZip } from "@/server/voice/evidence";
import type { WeeklySlot } from "@/server/voice/booking-slots";
import type { CallFields, CallStage, CallState, FieldName } from "@/server/voice/state-machine";

/** The QA failure criteria. */
export const QA_CRITERIA = [
  "wrong_qualification_path",
  "missing_required_fields",
  "incorrect_urgency",
  "hallucinated_details",
] as const;
export type QaCriterion = (typeof QA_CRITERIA)[number];

export const QA_CRITERION_LABEL: Record<QaCriterion, string> = {
  wrong_qualification_path: "Wrong qualification path",
  missing_required_fields: "Missing required fields",
  incorrect_urgency: "Incorrect urgency",
  hallucinated_details: "Hallucinated details",
};

/** One reason a call failed: the criterion, a stable code, and a sentence a reviewer can check. */
export type QaFinding = { criterion: QaCriterion; code: string; detail: string };

/** The lead as the call left it (the columns QA reads). */
export type QaLead = {
  status: string;
  zip: string | null;
  inArea: boolean | null;
  issueSummary: string | null;
  urgency: Urgency | null;
  callerName: string | null;
  address: string | null;
  appointmentAt: Date | string | null;
  transcriptExcerpt: string | null;
};

export type QaCallInput = {
  state: CallState;
  lead: QaLead | null;
  /** The CallTurn rows in order. */
  turns: ReadonlyArray<{ speaker: string; text: string }>;
  tenant: { serviceZips: readonly string[]; bookingSlots: readonly WeeklySlot[]; timeZone: string };
};

export type QaResult = { verdict: "pass" | "fail"; findings: QaFinding[] };

/** Questions that belong to the full intake: the SOP allows none of them before a qualified ZIP. */
const AFTER_ZIP: readonly CallStage[] = ["issue", "name", "booking_offer", "address", "slot"];
const AFTER_ISSUE: readonly CallStage[] = ["name", "booking_offer", "address", "slot"];

/** An amount of money in what the agent said: "$150", "150 dollars", "a hundred bucks". */
const PRICE =
  /\$\s*\d|\b\d[\d,.]*\s*(dollars?|bucks|usd)\b|\b(hundred|thousand|fifty|twenty|forty|sixty|seventy|eighty|ninety|thirty)\s+(dollars?|bucks)\b|\b(costs?|priced? at|fee of|charge of|rate of)\s+\$?\d/i;

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
const quote = (s: string) => `"${s.length > 80 ? `${s.slice(0, 79)}…` : s}"`;

function agentAsked(state: CallState, stages: readonly CallStage[]): boolean {
  return state.transcript.some((t) => t.speaker === "agent" && stages.includes(t.stage));
}

// ── Wrong qualification path ──────────────────────────────────────────────────────────────────

export function checkQualificationPath({
  state,
  tenant,
}: Pick<QaCallInput, "state" | "tenant">): QaFinding[] {
  const out: QaFinding[] = [];
  const f = state.fields;
  const add = (code: string, detail: string) =>
    out.push({ criterion: "wrong_qualification_path", code, detail });
  const agentTurns = state.transcript.map((t, i) => ({ ...t, i })).filter((t) => t.speaker === "agent");
  const firstIntakeQuestion = agentTurns.find((t) => t.stage === "zip" || AFTER_ZIP.includes(t.stage));

  // ZIP is collected before any full intake.
  if (firstIntakeQuestion && firstIntakeQuestion.stage !== "zip")
    add(
      "zip_not_first",
      `The first question was for the ${firstIntakeQuestion.stage.replace("_", " ")}, not the ZIP.`,
    );
  else if (agentAsked(state, AFTER_ZIP) && !f.zip)
    add("intake_without_zip", "The intake went on without a ZIP code.");

  const zipServed = f.zip ? tenant.serviceZips.includes(f.zip) : null;
  // Out-of-area leads are politely declined and logged.
  if (f.inArea === false || zipServed === false) {
    if (agentAsked(state, AFTER_ZIP))
      add(
        "out_of_area_intake",
        `ZIP ${f.zip ?? "?"} is outside the service area, but the caller was taken through the intake.`,
      );
    else if (f.inArea === true)
      add("out_of_area_marked_in_area", `ZIP ${f.zip} is outside the service area but was marked in area.`);
    if (state.outcome === "booked")
      add("out_of_area_booked", `ZIP ${f.zip ?? "?"} is outside the service area, but the call was booked.`);
  }
  // In-area calls continue to intake and booking.
  if (zipServed === true && (f.inArea === false || state.endReason === "out_of_area"))
    add(
      "in_area_declined",
      `ZIP ${f.zip} is in the service area, but the caller was declined as out of area.`,
    );

  // Address is captured only after qualification and booking intent — or after an emergency
  // nobody could take live, when it is asked so the callback can reach the caller.
  // A caller who wanted a visit and asked for a callback instead at the address question wanted one when asked.
  const changedAtAddress =
    f.bookingIntent === "callback" &&
    state.transcript.some(
      (t) => t.speaker === "caller" && t.stage === "address" && t.text === state.evidence.bookingIntent,
    );
  const qualifiedVisit =
    f.inArea === true && !!f.issueSummary && (f.bookingIntent === "visit" || changedAtAddress);
  const askedAddress = agentTurns.find((t) => t.stage === "address" || t.stage === "slot");
  const emergencyFollowUp = state.escalation?.callbackTaskCreated === true;
  if ((askedAddress || f.address) && !qualifiedVisit && !emergencyFollowUp) {
    add(
      "address_before_qualification",
      "The address was asked for or stored before the caller was qualified (in area, issue known) and asked for a visit.",
    );
  } else if (askedAddress && !emergencyFollowUp) {
    const intentAt = state.transcript.findIndex((t) => t.speaker === "caller" && t.stage === "booking_offer");
    if (intentAt < 0 || intentAt > askedAddress.i)
      add(
        "address_before_booking_intent",
        "The address was asked for before the caller said they wanted a visit.",
      );
  }

  // Emergency and safety-risk calls are escalated immediately.
  if (f.urgency === "emergency" && !state.escalation)
    add(
      "emergency_not_escalated",
      "An emergency was recorded but the call was not escalated (no transfer, no urgent callback).",
    );
  return out;
}

// ── Missing required fields ───────────────────────────────────────────────────────────────────

const WRITE_THROUGH: Array<[keyof CallFields & keyof QaLead, string]> = [
  ["zip", "ZIP"],
  ["inArea", "in-area result"],
  ["issueSummary", "issue summary"],
  ["urgency", "urgency"],
  ["callerName", "caller name"],
  ["address", "address"],
  ["appointmentAt", "appointment time"],
];

export function checkRequiredFields({ state, lead }: Pick<QaCallInput, "state" | "lead">): QaFinding[] {
  const out: QaFinding[] = [];
  const f = state.fields;
  const add = (code: string, detail: string) =>
    out.push({ criterion: "missing_required_fields", code, detail });

  if (!lead) {
    add("no_lead", "The call has no lead in the lead log.");
  } else {
    // Lead log write-through: what the call captured is on the lead.
    const missing = WRITE_THROUGH.filter(
      ([key]) => f[key] !== undefined && (lead[key] === null || lead[key] === undefined),
    ).map(([, label]) => label);
    if (missing.length)
      add("not_written_to_lead", `Captured but missing on the lead: ${missing.join(", ")}.`);
    if (state.transcript.some((t) => t.speaker === "caller") && !lead.transcriptExcerpt)
      add("no_transcript_excerpt", "The lead has no transcript excerpt.");
  }

  if (state.outcome === "booked") {
    const gaps = [!f.appointmentAt && "appointment time", !f.address && "address"].filter(Boolean);
    // Caller name "if provided": a caller asked who declined is no failure; never asking is.
    if (!f.callerName && !agentAsked(state, ["name"])) gaps.push("caller name (never asked)");
    if (gaps.length) add("booked_without_details", `Booked without: ${gaps.join(", ")}.`);
  }
  if (agentAsked(state, AFTER_ZIP) && (!f.zip || f.inArea === undefined))
    add("zip_missing", "The call got past the ZIP question without a ZIP and an in-area result.");
  const pastIssue = agentAsked(state, AFTER_ISSUE) || state.escalation?.reason === "emergency";
  if (pastIssue && (!f.issueSummary || !f.urgency)) {
    add(
      "issue_missing",
      `The call got past the issue question without ${[!f.issueSummary && "an issue summary", !f.urgency && "an urgency label"].filter(Boolean).join(" and ")}.`,
    );
  }
  if (agentAsked(state, ["slot"]) && !f.address)
    add("address_missing", "Times were offered without an address.");
  return out;
}

// ── Incorrect urgency ─────────────────────────────────────────────────────────────────────────

export function checkUrgency({ state, turns }: Pick<QaCallInput, "state" | "turns">): QaFinding[] {
  const out: QaFinding[] = [];
  const f = state.fields;
  const said = state.evidence.urgency;
  if (f.urgency && said) {
    const expected = urgencyOf(norm(said));
    if (expected !== f.urgency)
      out.push({
        criterion: "incorrect_urgency",
        code: "urgency_mismatch",
        detail: `Labelled ${f.urgency}, but the caller's words ${quote(said)} read as ${expected}.`,
      });
  }
  const emergencyTurn = callerTexts(state, turns).find((t) => detectEmergency(norm(t)));
  if (emergencyTurn && f.urgency !== "emergency") {
    out.push({
      criterion: "incorrect_urgency",
      code: "emergency_missed",
      detail: `The caller said ${quote(emergencyTurn)} (an emergency), but the urgency is ${f.urgency ?? "not set"}.`,
    });
  }
  return out;
}

// ── Hallucinated details ──────────────────────────────────────────────────────────────────────

function callerTexts(state: CallState, turns: QaCallInput["turns"]): string[] {
  const rows = turns.length ? turns : state.transcript;
  return rows.filter((t) => t.speaker === "caller").map((t) => t.text);
}

function agentTexts(state: CallState, turns: QaCallInput["turns"]): string[] {
  const rows = turns.length ? turns : state.transcript;
  return rows.filter((t) => t.speaker === "agent").map((t) => t.text);
}

/** Weekday (0 = Sunday) and minute after midnight of an instant in the tenant's time zone. */
export function localWeekMinute(at: Date | string, timeZone: string): { weekday: number; minute: number } {
  const d = new TZDate(new Date(at).getTime(), timeZone);
  return { weekday: d.getDay(), minute: d.getHours() * 60 + d.getMinutes() };
}

export function checkHallucinations({
  state,
  turns,
  tenant,
}: Pick<QaCallInput, "state" | "turns" | "tenant">): QaFinding[] {
  const out: QaFinding[] = [];
  const add = (code: string, detail: string) => out.push({ criterion: "hallucinated_details", code, detail });
  const heard = callerTexts(state, turns).map(norm);
  const f = state.fields;

  for (const key of Object.keys(f) as FieldName[]) {
    if (f[key] === undefined) continue;
    const evidence = state.evidence[key];
    if (!evidence?.trim()) {
      add("no_evidence", `The ${key} was stored without the caller's words it came from.`);
      continue;
    }
    // An emergency added to an earlier description keeps both quotes, joined by " … ".
    const parts = evidence.split(" … ").map(norm).filter(Boolean);
    const unheard = parts.find((p) => !heard.some((h) => h.includes(p)));
    if (unheard) {
      add("evidence_not_said", `The ${key} quotes ${quote(unheard)}, which the caller never said.`);
      continue;
    }
    const grounded =
      key === "zip"
        ? groundZip(f.zip!, evidence)
        : key === "callerName"
          ? groundName(f.callerName!, evidence)
          : key === "address"
            ? groundAddress(f.address!, evidence)
            : key === "issueSummary"
              ? groundIssue(f.issueSummary!, evidence)
              : true;
    if (!grounded)
      add(
        "value_not_in_evidence",
        `The ${key} ${quote(String(f[key]))} is not in the caller's words ${quote(evidence)}.`,
      );
  }

  if (f.appointmentAt) {
    const at = new Date(f.appointmentAt);
    const { weekday, minute } = localWeekMinute(at, tenant.timeZone);
    const inSlot = tenant.bookingSlots.some(
      (s) => s.weekday === weekday && minute >= s.startMinute && minute < s.endMinute,
    );
    const offered = state.slotsOffered.some((s) => new Date(s.startsAt).getTime() === at.getTime());
    if (!inSlot)
      add(
        "appointment_outside_slots",
        `The appointment (${at.toISOString()}) is not within one of the business's booking slots.`,
      );
    else if (!offered)
      add(
        "appointment_not_offered",
        `The appointment (${at.toISOString()}) is not one of the times offered to the caller.`,
      );
  }

  const priced = agentTexts(state, turns).find((t) => PRICE.test(t));
  if (priced) add("price_stated", `The agent stated a price or amount: ${quote(priced)}.`);
  return out;
}

/** All four criteria; any finding fails the call. */
export function checkCall(input: QaCallInput): QaResult {
  const findings = [
    ...checkQualificationPath(input),
    ...checkRequiredFields(input),
    ...checkUrgency(input),
    ...checkHallucinations(input),
  ];
  return { verdict: findings.length ? "fail" : "pass", findings };
}
