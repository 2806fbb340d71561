import { describe, expect, it } from "vitest";
import { MONDAY_MORNING } from "@/server/test/call-conversation";
import { newCallState, transition, type CallContext } from "@/server/voice/state-machine";
import { extraction } from "@/server/intake/extraction";
import {
  isScreenResult,
  isTransferResult,
  parseScreenBrief,
  politeHangupTwiml,
  renderTransition,
  RING_FIRST_KEPT,
  ringFirstTwiml,
  screenResultTwiml,
  screenTwiml,
  voiceUrl,
} from "@/server/voice/twiml";

const BASE = "https://app.example.com/";
const CTX: CallContext = {
  ...MONDAY_MORNING,
  serviceZips: ["78701"],
  bookingSlots: [],
  now: "2026-03-02T15:00:00Z",
  callerPhone: undefined,
};

/** Every url= / action= in the document. */
function urls(xml: string): string[] {
  return [...xml.matchAll(/\b(?:url|action)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
}

function expectAllAbsolute(xml: string) {
  const found = urls(xml);
  expect(found.length).toBeGreaterThan(0);
  for (const u of found) expect(u.startsWith("https://app.example.com/api/twilio/voice")).toBe(true);
}

describe("ring first", () => {
  it("rings the plumber for 10 seconds with a screening whisper", () => {
    const xml = ringFirstTwiml({ plumberPhone: "+15125550100", baseUrl: BASE, callerId: "+15125550111" });
    expect(xml).toContain(
      '<Dial timeout="10" answerOnBridge="true" action="https://app.example.com/api/twilio/voice/dial-result" method="POST" callerId="+15125550111">',
    );
    expect(xml).toContain(
      '<Number url="https://app.example.com/api/twilio/voice/screen" method="POST">+15125550100</Number>',
    );
    expectAllAbsolute(xml);
  });

  it("leaves the caller id to Twilio when none is given", () => {
    expect(ringFirstTwiml({ plumberPhone: "+15125550100", baseUrl: BASE })).not.toContain("callerId");
  });

  it("answers from its kept copy exactly what it builds, for each phone, base URL and caller id", () => {
    const phone = (i: number) => `+1512555${String(i).padStart(4, "0")}`;
    const cases = [
      { plumberPhone: phone(1), baseUrl: BASE },
      { plumberPhone: phone(2), baseUrl: BASE },
      { plumberPhone: phone(1), baseUrl: "https://other.example.com" },
      { plumberPhone: phone(1), baseUrl: BASE, callerId: "+15125550111" },
    ];
    const first = cases.map((c) => ringFirstTwiml(c));
    expect(new Set(first).size).toBe(cases.length);
    expect(first[0]).toContain(`>${phone(1)}</Number>`);
    expect(first[1]).toContain(`>${phone(2)}</Number>`);
    expect(first[2]).toContain('action="https://other.example.com/api/twilio/voice/dial-result"');
    expect(first[3]).toContain('callerId="+15125550111"');
    expect(cases.map((c) => ringFirstTwiml(c))).toEqual(first);
    // More phones than it keeps: each answer is still its own.
    for (let i = 0; i < RING_FIRST_KEPT + 10; i++)
      expect(ringFirstTwiml({ plumberPhone: phone(i), baseUrl: BASE })).toContain(`>${phone(i)}</Number>`);
    expect(cases.map((c) => ringFirstTwiml(c))).toEqual(first);
  });
});

describe("the screening whisper", () => {
  it("asks the plumber to press 1 and hangs up when no key comes, so voicemail never counts as answered", () => {
    const xml = screenTwiml(BASE, { purpose: "ring_first", businessName: "Demo Plumbing" });
    expect(xml).toMatch(
      /<Gather input="dtmf" numDigits="1" timeout="\d+" action="https:\/\/app\.example\.com\/api\/twilio\/voice\/screen\?step=result" method="POST"><Say>Customer call for Demo Plumbing from LeadRescue\. Press 1 to take this call\.<\/Say><\/Gather><Hangup\/><\/Response>$/,
    );
    expectAllAbsolute(xml);
    expect(isScreenResult(new URL(urls(xml)[0]!).searchParams)).toBe(true);
  });

  it("connects on 1 and hangs up on anything else", () => {
    expect(screenResultTwiml("1")).not.toContain("Hangup");
    for (const digits of ["2", "", "*", undefined, null])
      expect(screenResultTwiml(digits)).toContain("<Hangup/>");
  });
});

describe("intake turns", () => {
  it("listens for speech after the question, posting every result (even empty) to the intake URL", () => {
    const atIssue = transition(
      transition(newCallState(), { type: "start" }, CTX).state,
      { type: "heard", text: "78701", extraction: extraction({ zip: "78701" }) },
      CTX,
    );
    const xml = renderTransition(atIssue, { baseUrl: BASE });
    expect(xml).toContain(
      '<Gather input="speech" speechModel="phone_call" language="en-US" speechTimeout="auto" actionOnEmptyResult="true" action="https://app.example.com/api/twilio/voice/intake" method="POST"><Say>',
    );
    expect(xml).toContain(`<Say>${atIssue.say}</Say></Gather></Response>`);
    expectAllAbsolute(xml);
  });

  it("lets the caller key in the ZIP code", () => {
    const xml = renderTransition(transition(newCallState(), { type: "start" }, CTX), { baseUrl: BASE });
    expect(xml).toContain('input="dtmf speech" numDigits="5"');
  });
});

/** The attributes of the document's one Gather. */
function gatherAttrs(xml: string): Record<string, string> {
  const tag = /<Gather\b([^>]*)>/.exec(xml)?.[1] ?? "";
  return Object.fromEntries(
    [...tag.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [
      m[1]!,
      m[2]!.replace(/&amp;/g, "&").replace(/&apos;/g, "'"),
    ]),
  );
}

describe("speech recognition set for phone calls (ADR 0006)", () => {
  const HINTS = ["Demo Plumbing", "Water heaters", "Austin", "Birch Lane"];
  const listen = (stage: "zip" | "issue" | "name" | "booking_offer" | "address" | "slot") =>
    gatherAttrs(
      renderTransition(
        { say: "Question?", actions: [{ type: "listen", stage }] },
        { baseUrl: BASE, speechHints: HINTS },
      ),
    );

  it("every speech Gather uses the phone-call model in US English", () => {
    for (const stage of ["zip", "issue", "name", "booking_offer", "address", "slot"] as const) {
      expect(listen(stage)).toMatchObject({
        speechModel: "phone_call",
        language: "en-US",
        speechTimeout: "auto",
      });
    }
  });

  it("gives the business's own words as hints at every question", () => {
    expect(listen("issue").hints).toBe("Demo Plumbing, Water heaters, Austin, Birch Lane");
    expect(listen("name").hints).toBe("Demo Plumbing, Water heaters, Austin, Birch Lane");
  });

  it("adds digit hints at the ZIP question", () => {
    expect(listen("zip").hints).toBe(
      "$POSTALCODE, $OOV_CLASS_DIGIT_SEQUENCE, Demo Plumbing, Water heaters, Austin, Birch Lane",
    );
    expect(listen("zip")).toMatchObject({ input: "dtmf speech", numDigits: "5" });
  });

  it("adds house-number and street hints at the address question", () => {
    expect(listen("address").hints).toMatch(
      /^\$ADDRESSNUM, \$STREET, \$OOV_CLASS_DIGIT_SEQUENCE, Demo Plumbing/,
    );
    expect(listen("issue").hints).not.toContain("$");
    expect(listen("slot").hints).not.toContain("$");
  });

  it("leaves hints out when there are none for the question", () => {
    expect(
      gatherAttrs(
        renderTransition(
          { say: "Question?", actions: [{ type: "listen", stage: "issue" }] },
          { baseUrl: BASE },
        ),
      ).hints,
    ).toBeUndefined();
  });
});

describe("intake turns, continued", () => {
  it("warm-transfers with its own timeout, a screened on-call leg and an absolute result URL", () => {
    const atZip = transition(newCallState(), { type: "start" }, CTX).state;
    const r = transition(
      atZip,
      {
        type: "heard",
        text: "my pipe burst",
        extraction: extraction({ emergency: "burst_pipe", urgency: "emergency", issueSummary: "pipe burst" }),
      },
      CTX,
    );
    const xml = renderTransition(r, { baseUrl: BASE });
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Say>That sounds urgent\..*<\/Say><Dial timeout="20" answerOnBridge="true" action="[^"]+" method="POST"><Number url="[^"]+" method="POST">\+15125550199<\/Number><\/Dial><\/Response>$/,
    );
    expectAllAbsolute(xml);
    const [dialAction, screenUrl] = urls(xml).map((u) => new URL(u));
    expect(isTransferResult(dialAction!.searchParams)).toBe(true);
    const brief = parseScreenBrief(screenUrl!.searchParams);
    expect(brief).toEqual({ purpose: "transfer", reason: "emergency", emergencyKind: "burst_pipe" });
    expect(screenTwiml(BASE, brief)).toContain("a caller reports a burst pipe. Press 1 to take this call.");
  });

  it("says goodbye and hangs up when the call ends", () => {
    const atZip = transition(newCallState(), { type: "start" }, CTX).state;
    const r = transition(
      atZip,
      { type: "heard", text: "90210", extraction: extraction({ zip: "90210" }) },
      CTX,
    );
    expect(renderTransition(r, { baseUrl: BASE })).toMatch(
      /<Response><Say>Thanks\. I'm sorry, Demo Plumbing doesn't cover ZIP code 9 0 2 1 0.*<\/Say><Hangup\/><\/Response>$/,
    );
  });

  it("hangs up without a word when there is nothing to say", () => {
    expect(renderTransition({ say: null, actions: [{ type: "hangup" }] }, { baseUrl: BASE })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>',
    );
  });

  it("uses the voice it is given", () => {
    expect(politeHangupTwiml("Goodbye.", "Polly.Joanna")).toContain(
      '<Say voice="Polly.Joanna">Goodbye.</Say>',
    );
  });
});

describe("helpers", () => {
  it("says a polite message and hangs up, escaping it as XML", () => {
    expect(politeHangupTwiml("Sorry, we can't take calls <right now> & then.")).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><Response><Say>Sorry, we can't take calls &lt;right now&gt; &amp; then.</Say><Hangup/></Response>`,
    );
  });

  it("just hangs up when there is nothing to say (Twilio rejects an empty Say)", () => {
    expect(politeHangupTwiml("")).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>`,
    );
  });

  it("builds absolute URLs without a double slash", () => {
    expect(voiceUrl("https://a.example.com///", "/api/twilio/voice/intake")).toBe(
      "https://a.example.com/api/twilio/voice/intake",
    );
    expect(voiceUrl("https://a.example.com", "/x", { leg: "transfer" })).toBe(
      "https://a.example.com/x?leg=transfer",
    );
  });

  it("reads an unknown screen URL as the ring-first whisper", () => {
    expect(parseScreenBrief(new URLSearchParams(""))).toEqual({ purpose: "ring_first" });
    expect(
      parseScreenBrief(new URLSearchParams("purpose=transfer&reason=asked_for_person&kind=nonsense")),
    ).toEqual({ purpose: "transfer", reason: "asked_for_person", emergencyKind: null });
  });
});
