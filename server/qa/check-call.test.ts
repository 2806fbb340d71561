// The QA failure criteria, "wrong qualification path, missing required fields, incorrect
// urgency, hallucinated details" — each with a call that passes and one that fails. The passing
// calls are real: the state machine played with the rules model.
import { describe, expect, it } from "vitest";
import { extractByRules } from "@/server/intake/rules-extract";
import {
  extractionStage,
  newCallState,
  transcriptExcerpt,
  transition,
  type CallContext,
  type CallState,
} from "@/server/voice/state-machine";
import {
  checkCall,
  checkHallucinations,
  checkQualificationPath,
  checkRequiredFields,
  checkUrgency,
  localWeekMinute,
  type QaCallInput,
  type QaLead,
} from "./check-call";

// Monday 2 March 2026, 9:00 AM in Austin; slots Tuesday 9–11 and Thursday 13–15.
const CTX: CallContext = {
  businessName: "Demo Plumbing",
  serviceZips: ["78701", "78702"],
  bookingSlots: [
    { weekday: 2, startMinute: 9 * 60, endMinute: 11 * 60 },
    { weekday: 4, startMinute: 13 * 60, endMinute: 15 * 60 },
  ],
  timeZone: "America/Chicago",
  now: "2026-03-02T15:00:00Z",
  onCallPhone: null,
  // These calls test QA's criteria, not the safety question (state-machine-ask.test.ts has those).
  askSafetyQuestion: false,
};
const TENANT = { serviceZips: CTX.serviceZips, bookingSlots: CTX.bookingSlots, timeZone: CTX.timeZone };

function play(lines: string[]): CallState {
  let s = transition(newCallState(), { type: "start" }, CTX).state;
  for (const text of lines) {
    const stage = extractionStage(s);
    if (!stage) break;
    s = transition(
      s,
      {
        type: "heard",
        text,
        extraction: extractByRules({
          stage,
          utterance: text,
          slotsOffered: s.slotsOffered,
          slotsMentioned: s.slotsMentioned,
          slotsDeclined: s.slotsDeclined,
        }),
      },
      CTX,
    ).state;
  }
  return s;
}

function leadOf(s: CallState): QaLead {
  const f = s.fields;
  return {
    status: s.outcome ?? "followup_needed",
    zip: f.zip ?? null,
    inArea: f.inArea ?? null,
    issueSummary: f.issueSummary ?? null,
    urgency: f.urgency ?? null,
    callerName: f.callerName ?? null,
    address: f.address ?? null,
    appointmentAt: f.appointmentAt ?? null,
    transcriptExcerpt: transcriptExcerpt(s),
  };
}

function input(s: CallState, over: Partial<QaCallInput> = {}): QaCallInput {
  return {
    state: s,
    lead: leadOf(s),
    turns: s.transcript.map((t) => ({ speaker: t.speaker, text: t.text })),
    tenant: TENANT,
    ...over,
  };
}

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

const BOOKED = [
  "my zip is seven eight seven oh one",
  "the kitchen sink is leaking under the cabinet",
  "this is Maria Lopez",
  "yes please, send someone out",
  "it's 123 Main Street",
  "the first one",
  "yes, that's right",
];
const OUT_OF_AREA = ["it's 90210"];
const CALLBACK = ["78702", "we'd like a quote for a new water heater", "Sam Reed", "just call me back"];
// No on-call phone: the urgent task at once, then the name and the address, then goodbye.
const EMERGENCY = [
  "78701",
  "there's water everywhere, a pipe burst in the basement",
  "Rosa Diaz",
  "55 Rainey Street",
];

describe("daily QA: passing calls", () => {
  it.each([
    ["a booked call", BOOKED],
    ["an out-of-area caller politely declined", OUT_OF_AREA],
    ["a callback request", CALLBACK],
    ["an emergency escalated at once", EMERGENCY],
  ])("passes %s on all four failure criteria", (_name, lines) => {
    const s = play(lines);
    expect(s.stage).toBe("ended");
    expect(checkCall(input(s))).toEqual({ verdict: "pass", findings: [] });
  });
});

describe("Failure criterion: wrong qualification path", () => {
  it("ZIP is collected before any full intake: fails an intake that asked the issue first", () => {
    const s = play(BOOKED);
    expect(codes(checkQualificationPath(input(s)))).toEqual([]);
    s.transcript[0] = { ...s.transcript[0]!, stage: "issue" };
    expect(codes(checkQualificationPath(input(s)))).toContain("zip_not_first");
  });

  it("Out-of-area leads are politely declined and logged: fails an out-of-area caller taken through intake", () => {
    const declined = play(OUT_OF_AREA);
    expect(checkQualificationPath(input(declined))).toEqual([]);
    const s = play(OUT_OF_AREA);
    s.transcript.push({ speaker: "agent", text: "What's going on with your plumbing?", stage: "issue" });
    expect(codes(checkQualificationPath(input(s)))).toContain("out_of_area_intake");
  });

  it("In-area calls continue to intake and booking: fails an in-area caller declined as out of area", () => {
    const s = play(["78701"]);
    expect(checkQualificationPath(input(s))).toEqual([]);
    s.fields.inArea = false;
    s.endReason = "out_of_area";
    expect(codes(checkQualificationPath(input(s)))).toContain("in_area_declined");
  });

  it("Address is captured only after qualification and booking intent: fails an address asked before the caller wanted a visit", () => {
    const s = play(BOOKED);
    expect(checkQualificationPath(input(s))).toEqual([]);
    const early = play(["78701", "the kitchen sink is leaking"]);
    early.transcript.push({ speaker: "agent", text: "What's the address?", stage: "address" });
    expect(codes(checkQualificationPath(input(early)))).toContain("address_before_qualification");
    const stored = play(CALLBACK);
    stored.fields.address = "12 Oak Lane";
    expect(codes(checkQualificationPath(input(stored)))).toContain("address_before_qualification");
    // Asked for a visit, then a callback instead at the address question: the address was asked rightly.
    const changed = play([
      "78701",
      "the kitchen sink is leaking",
      "Ann Lee",
      "yes",
      "actually, just have someone call me",
    ]);
    expect(changed.fields.bookingIntent).toBe("callback");
    expect(checkQualificationPath(input(changed))).toEqual([]);
  });

  it("Emergency and safety-risk calls are escalated immediately: fails an emergency that was not escalated", () => {
    const s = play(EMERGENCY);
    expect(checkQualificationPath(input(s))).toEqual([]);
    s.escalation = null;
    expect(codes(checkQualificationPath(input(s)))).toContain("emergency_not_escalated");
  });
});

describe("Failure criterion: missing required fields", () => {
  it("Outcome status and appointment timestamp (when booked): fails a booked call without appointmentAt or address", () => {
    const s = play(BOOKED);
    expect(checkRequiredFields(input(s))).toEqual([]);
    delete s.fields.appointmentAt;
    delete s.fields.address;
    const f = checkRequiredFields(input(s));
    expect(codes(f)).toContain("booked_without_details");
    expect(f.find((x) => x.code === "booked_without_details")!.detail).toBe(
      "Booked without: appointment time, address.",
    );
  });

  it("Caller name (if provided): a caller who was asked and declined is no failure; never asking is", () => {
    const declined = play([
      "78701",
      "the kitchen sink is leaking",
      "I'd rather not say",
      "yes send someone",
      "123 Main Street",
      "the first one",
    ]);
    expect(declined.outcome).toBe("booked");
    expect(declined.fields.callerName).toBeUndefined();
    expect(checkRequiredFields(input(declined))).toEqual([]);
    const neverAsked = play(BOOKED);
    delete neverAsked.fields.callerName;
    neverAsked.transcript = neverAsked.transcript.filter((t) => t.stage !== "name");
    expect(codes(checkRequiredFields(input(neverAsked)))).toContain("booked_without_details");
  });

  it("ZIP code, issue summary and urgency label: fails a call past those steps without them", () => {
    const s = play(CALLBACK);
    expect(checkRequiredFields(input(s))).toEqual([]);
    delete s.fields.urgency;
    delete s.fields.zip;
    expect(codes(checkRequiredFields(input(s)))).toEqual(
      expect.arrayContaining(["zip_missing", "issue_missing"]),
    );
  });

  it("Lead log write-through: fails when a captured field is missing on the lead", () => {
    const s = play(CALLBACK);
    expect(checkRequiredFields(input(s))).toEqual([]);
    expect(codes(checkRequiredFields(input(s, { lead: { ...leadOf(s), issueSummary: null } })))).toContain(
      "not_written_to_lead",
    );
    expect(codes(checkRequiredFields(input(s, { lead: null })))).toEqual(["no_lead"]);
  });
});

describe("Failure criterion: incorrect urgency", () => {
  it("re-derives the urgency from the caller's words: fails a leak labelled normal", () => {
    const s = play(["78701", "the kitchen sink is leaking under the cabinet"]);
    expect(s.fields.urgency).toBe("high");
    expect(checkUrgency(input(s))).toEqual([]);
    s.fields.urgency = "normal";
    const f = checkUrgency(input(s));
    expect(codes(f)).toEqual(["urgency_mismatch"]);
    expect(f[0]!.detail).toContain("read as high");
  });

  it("Emergency and safety-risk calls are prioritized: fails an emergency keyword in the transcript without an emergency urgency", () => {
    const s = play(CALLBACK);
    expect(checkUrgency(input(s))).toEqual([]);
    const turns = [...input(s).turns, { speaker: "caller", text: "oh and I smell gas in the kitchen" }];
    expect(codes(checkUrgency(input(s, { turns })))).toEqual(["emergency_missed"]);
  });
});

describe("Failure criterion: hallucinated details", () => {
  it("fails a stored field whose evidence quote the caller never said", () => {
    const s = play(BOOKED);
    expect(checkHallucinations(input(s))).toEqual([]);
    s.evidence.callerName = "my name is Maria Gonzalez";
    expect(codes(checkHallucinations(input(s)))).toEqual(["evidence_not_said"]);
  });

  it("A field with no evidence is not stored: fails a field without the caller's words", () => {
    const s = play(CALLBACK);
    s.fields.address = "55 Elm Street";
    expect(codes(checkHallucinations(input(s)))).toEqual(["no_evidence"]);
  });

  it("fails a value the quote does not contain (a ZIP the caller did not say)", () => {
    const s = play(CALLBACK);
    s.fields.zip = "78701";
    expect(codes(checkHallucinations(input(s)))).toEqual(["value_not_in_evidence"]);
  });

  it("never an invented time: fails an appointment outside the tenant's booking slots", () => {
    const s = play(BOOKED);
    expect(localWeekMinute(s.fields.appointmentAt!, CTX.timeZone)).toEqual({ weekday: 2, minute: 9 * 60 });
    s.fields.appointmentAt = "2026-03-03T23:00:00.000Z"; // Tuesday 5 PM in Austin
    expect(codes(checkHallucinations(input(s)))).toEqual(["appointment_outside_slots"]);
  });

  it("never an invented price: fails any price or amount stated by the agent", () => {
    const s = play(BOOKED);
    const turns = [...input(s).turns, { speaker: "agent", text: "A drain visit is usually $149." }];
    expect(codes(checkHallucinations(input(s, { turns })))).toEqual(["price_stated"]);
    const spoken = [...input(s).turns, { speaker: "agent", text: "That runs about a hundred dollars." }];
    expect(codes(checkHallucinations(input(s, { turns: spoken })))).toEqual(["price_stated"]);
  });

  it("fails the whole call when any criterion fails", () => {
    const s = play(BOOKED);
    s.fields.urgency = "low";
    const r = checkCall(input(s));
    expect(r.verdict).toBe("fail");
    expect(r.findings.map((f) => f.criterion)).toEqual(["incorrect_urgency"]);
  });
});
