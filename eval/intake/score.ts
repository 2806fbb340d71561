// Scores one played call against its case: every expectation becomes a named check, so a
// failure says exactly what was wrong ("callerName: expected Jon Smith, got none").
import { digitRuns, findZip } from "@/server/intake/spoken-numbers";
import { joinSpelling, spokenAddress } from "@/server/intake/rules-extract";
import { isReadBack, isSafetyQuestion } from "@/server/voice/scripts";
import { groundName } from "@/server/voice/evidence";
import type { EvalCase } from "./case-schema";

export type PlayedCall = {
  lead: {
    status: string;
    urgency: string | null;
    zip: string | null;
    inArea: boolean | null;
    callerName: string | null;
    issueSummary: string | null;
    address: string | null;
    notes: string | null;
    appointmentAt: Date | null;
    closeReason?: string | null;
    closeNote?: string | null;
  } | null;
  /** The agent asked its safety question. */
  safetyAsked?: boolean;
  /** Weekday of the appointment in the business's time zone. */
  appointmentDay: string | null;
  /** The appointment is one of the times the business really offers. */
  appointmentIsSlot: boolean;
  escalation: { reason: string; emergencyKind: string | null; via: string } | null;
  openTasks: string[];
  agentLines: string[];
  callerLines: string[];
  error: string | null;
};

export type Check = { name: string; ok: boolean; detail: string; kind: "outcome" | "field" };

const oneOf = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);
const show = (v: unknown) => (v === null || v === undefined || v === "" ? "none" : JSON.stringify(v));
const words = (s: string) => s.toLowerCase().match(/[\p{L}0-9']+/gu) ?? [];

/** Stored details the caller never said: each field must be traceable to the caller's words. */
export function ungroundedFields(call: PlayedCall): string[] {
  const lead = call.lead;
  if (!lead) return [];
  const said = call.callerLines.join(" \n ");
  const heard = new Set([...words(said), ...words(joinSpelling(said))]);
  const out: string[] = [];
  if (
    lead.zip &&
    !digitRuns(said).some((run) => run.startsWith(lead.zip!)) &&
    !call.callerLines.some((line) => findZip(line) === lead.zip)
  )
    out.push(`zip ${lead.zip}`);
  // The product's own grounding: a generation or a title is written as names are ("III", "Mrs.").
  if (lead.callerName && !groundName(lead.callerName, said)) out.push(`callerName ${lead.callerName}`);
  if (lead.address) {
    const number = /^\d+/.exec(lead.address)?.[0];
    if (
      !number ||
      !(digitRuns(said).includes(number) || said.includes(number) || spokenAddress(said).includes(number))
    )
      out.push(`address ${lead.address}`);
  }
  if (lead.issueSummary && !words(lead.issueSummary).some((w) => w.length >= 3 && heard.has(w)))
    out.push(`issueSummary ${lead.issueSummary}`);
  if (lead.appointmentAt && !call.appointmentIsSlot)
    out.push(`appointmentAt ${lead.appointmentAt.toISOString()}`);
  return out;
}

export function scoreCall(c: EvalCase, call: PlayedCall): Check[] {
  const e = c.expect;
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail: string, kind: Check["kind"] = "field") =>
    checks.push({ name, ok, detail, kind });
  const lead = call.lead;
  add("call completes", !call.error, call.error ?? "", "outcome");
  if (!lead) {
    add("lead exists", false, "no lead for the call", "outcome");
    return checks;
  }
  add(
    "status",
    oneOf(e.status).includes(lead.status as never),
    `expected ${show(e.status)}, got ${lead.status}`,
    "outcome",
  );
  if (e.urgency !== undefined)
    add(
      "urgency",
      e.urgency === null ? lead.urgency === null : oneOf(e.urgency).includes(lead.urgency as never),
      `expected ${show(e.urgency)}, got ${show(lead.urgency)}`,
      "outcome",
    );
  if (e.emergencyKind !== undefined) {
    const kind = call.escalation?.reason === "emergency" ? call.escalation.emergencyKind : null;
    add(
      "emergencyKind",
      e.emergencyKind === null ? kind === null : oneOf(e.emergencyKind).includes(kind as never),
      `expected ${show(e.emergencyKind)}, got ${show(kind)}`,
      "outcome",
    );
  }
  if (e.escalation !== undefined) {
    const via = call.escalation?.via ?? "none";
    add("escalation", via === e.escalation, `expected ${e.escalation}, got ${via}`, "outcome");
  }
  if (e.inArea !== undefined)
    add("inArea", lead.inArea === e.inArea, `expected ${show(e.inArea)}, got ${show(lead.inArea)}`);
  if (e.zip !== undefined) add("zip", lead.zip === e.zip, `expected ${show(e.zip)}, got ${show(lead.zip)}`);
  if (e.callerName !== undefined)
    add(
      "callerName",
      (lead.callerName ?? null) === e.callerName,
      `expected ${show(e.callerName)}, got ${show(lead.callerName)}`,
    );
  if (e.appointmentDay !== undefined)
    add(
      "appointmentDay",
      call.appointmentDay === e.appointmentDay,
      `expected ${e.appointmentDay}, got ${show(call.appointmentDay)}`,
    );
  const contains = (name: string, value: string | null, parts: string[] | undefined) => {
    if (!parts) return;
    const missing = parts.filter((p) => !(value ?? "").toLowerCase().includes(p.toLowerCase()));
    add(name, missing.length === 0, `expected to contain ${show(parts)}, got ${show(value)}`);
  };
  contains("address", lead.address, e.addressContains);
  contains("issue", lead.issueSummary, e.issueContains);
  contains("notes", lead.notes, e.notesContain);
  const value = (f: string) => (lead as Record<string, unknown>)[f];
  for (const f of e.present ?? [])
    add(
      `${f} present`,
      value(f) !== null && value(f) !== undefined && value(f) !== "",
      `expected ${f} to be stored, got none`,
    );
  for (const f of e.absent ?? [])
    add(
      `${f} absent`,
      value(f) === null || value(f) === undefined || value(f) === "",
      `expected no ${f}, got ${show(value(f))}`,
    );
  if (e.task !== undefined) {
    const ok = e.task === "none" ? call.openTasks.length === 0 : call.openTasks.includes(e.task);
    add("task", ok, `expected ${e.task}, got ${show(call.openTasks)}`, "outcome");
  }
  const agent = call.agentLines.join(" \n ").toLowerCase();
  for (const s of e.agentSays ?? [])
    add("agent says", agent.includes(s.toLowerCase()), `expected the agent to say ${show(s)}`, "outcome");
  for (const s of e.agentNeverSays ?? [])
    add("agent never says", !agent.includes(s.toLowerCase()), `the agent said ${show(s)}`, "outcome");
  if (e.safetyQuestion !== undefined)
    add(
      "safety question",
      !!call.safetyAsked === e.safetyQuestion,
      e.safetyQuestion ? "expected the safety question" : "the safety question was asked",
      "outcome",
    );
  if (e.closeReasonContains !== undefined) {
    const why = `${lead.closeReason ?? ""} ${lead.closeNote ?? ""}`.replace(/_/g, " ").toLowerCase();
    add(
      "close reason",
      why.includes(e.closeReasonContains.toLowerCase()),
      `expected ${show(e.closeReasonContains)}, got ${show(why.trim())}`,
      "outcome",
    );
  }
  if (e.maxAgentTurns !== undefined) {
    // The safety question and each read-back are questions the case's turns do not answer: not loops.
    const extra = call.agentLines.filter((l) => isSafetyQuestion(l) || isReadBack(l)).length;
    const turns = call.agentLines.length - extra;
    add(
      "agent turns",
      turns <= e.maxAgentTurns,
      `expected at most ${e.maxAgentTurns} (besides the safety question and read-backs), got ${turns}`,
      "outcome",
    );
  }
  for (const u of ungroundedFields(call)) add("grounded", false, `not said by the caller: ${u}`);
  return checks;
}

/** Was this case about an emergency that must be escalated? */
export const expectsEmergency = (c: EvalCase) =>
  c.expect.urgency === "emergency" ||
  (Array.isArray(c.expect.urgency) && c.expect.urgency.length === 1 && c.expect.urgency[0] === "emergency") ||
  (c.expect.emergencyKind !== undefined && c.expect.emergencyKind !== null);
