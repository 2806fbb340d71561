// The SMS rules as pure functions (text-back and scope controls;
// opt-outs and appointment reminders).
import { describe, expect, it } from "vitest";
import { insideWindow } from "./dedupe-window";
import { isWebAddress, linkTargetHost } from "./link-target";
import { isQuietAt, nextSendTime, clockToMinute, minuteToClock } from "./quiet-hours";
import { normalizeKeyword, parseAppointmentReply, parseConsentKeyword } from "./parse-keyword";
import {
  DEFAULT_TEMPLATES,
  renderTemplate,
  unknownVariables,
  withStopWording,
  STOP_WORDING,
} from "./render-template";
import { emptyThreadNote, textBackDecision, type TextBackInput } from "./text-back-rules";
import { planAppointmentTexts } from "./queue-appointment-texts";
import { composeText, formatAppointment, TEXT_BACK_WITHOUT_LINK } from "./compose-text";
import { settingsFromRow } from "./messaging-settings";
import { validateSettingsPatch } from "./messaging-settings";

const CHICAGO = "America/Chicago";
const NIGHT = { startMinute: 21 * 60, endMinute: 8 * 60 };
const H = 3_600_000;

describe("one text-back per caller per window (default 24 h)", () => {
  const last = new Date("2026-06-01T12:00:00Z");
  it("blocks a second text inside the window and allows one after it", () => {
    expect(insideWindow(last, new Date(last.getTime() + 23.99 * H), 24)).toBe(true);
    expect(insideWindow(last, new Date(last.getTime() + 24 * H), 24)).toBe(false);
    expect(insideWindow(null, last, 24)).toBe(false);
  });
  it("honours a configured window", () => {
    expect(insideWindow(last, new Date(last.getTime() + 3 * H), 2)).toBe(false);
    expect(insideWindow(last, new Date(last.getTime() + 47 * H), 48)).toBe(true);
  });
});

describe("quiet hours in the tenant's time zone (texts wait until morning)", () => {
  it("sends at once outside quiet hours", () => {
    const noon = new Date("2026-06-02T17:00:00Z"); // 12:00 CDT
    expect(isQuietAt(noon, CHICAGO, NIGHT)).toBe(false);
    expect(nextSendTime(noon, CHICAGO, NIGHT)).toEqual(noon);
  });
  it("holds an evening text until 8:00 the next morning", () => {
    expect(nextSendTime(new Date("2026-06-02T03:30:00Z"), CHICAGO, NIGHT).toISOString()).toBe(
      "2026-06-02T13:00:00.000Z",
    ); // 22:30 CDT → 08:00 CDT
  });
  it("holds an early-morning text until 8:00 the same day", () => {
    expect(nextSendTime(new Date("2026-06-02T10:00:00Z"), CHICAGO, NIGHT).toISOString()).toBe(
      "2026-06-02T13:00:00.000Z",
    ); // 05:00 CDT
  });
  it("DST starts overnight (Mar 8, 2026): 23:00 CST waits until 08:00 CDT — 13:00 UTC, not 14:00", () => {
    const t = new Date("2026-03-08T05:00:00Z"); // Sat Mar 7, 23:00 CST
    expect(isQuietAt(t, CHICAGO, NIGHT)).toBe(true);
    expect(nextSendTime(t, CHICAGO, NIGHT).toISOString()).toBe("2026-03-08T13:00:00.000Z");
  });
  it("DST ends overnight (Nov 1, 2026): 23:00 CDT waits until 08:00 CST — 14:00 UTC, not 13:00", () => {
    const t = new Date("2026-11-01T04:00:00Z"); // Sat Oct 31, 23:00 CDT
    expect(nextSendTime(t, CHICAGO, NIGHT).toISOString()).toBe("2026-11-01T14:00:00.000Z");
  });
  it("during the repeated 1 AM hour of the fall-back night, still waits until 08:00 CST", () => {
    expect(nextSendTime(new Date("2026-11-01T06:30:00Z"), CHICAGO, NIGHT).toISOString()).toBe(
      "2026-11-01T14:00:00.000Z",
    ); // 01:30 CDT
    expect(nextSendTime(new Date("2026-11-01T07:30:00Z"), CHICAGO, NIGHT).toISOString()).toBe(
      "2026-11-01T14:00:00.000Z",
    ); // 01:30 CST
  });
  it("uses the tenant's own zone, not the server's (Anchorage vs Chicago at the same instant)", () => {
    const t = new Date("2026-06-02T03:30:00Z"); // 22:30 Chicago, 19:30 Anchorage
    expect(isQuietAt(t, CHICAGO, NIGHT)).toBe(true);
    expect(isQuietAt(t, "America/Anchorage", NIGHT)).toBe(false);
  });
  it("supports a window inside one day and no quiet hours at all", () => {
    const lunch = { startMinute: 12 * 60, endMinute: 13 * 60 };
    expect(nextSendTime(new Date("2026-06-02T17:15:00Z"), CHICAGO, lunch).toISOString()).toBe(
      "2026-06-02T18:00:00.000Z",
    );
    expect(isQuietAt(new Date("2026-06-02T03:30:00Z"), CHICAGO, { startMinute: 0, endMinute: 0 })).toBe(
      false,
    );
  });
  it("reads and writes clock times", () => {
    expect(clockToMinute("21:00")).toBe(1260);
    expect(clockToMinute("8:05")).toBe(485);
    expect(clockToMinute("24:00")).toBeNull();
    expect(minuteToClock(480)).toBe("08:00");
  });
});

describe("consent keywords are parsed whatever the case, spacing or punctuation", () => {
  it.each([
    "STOP",
    "stop",
    " Stop ",
    "Stop.",
    "STOP!!",
    "stopall",
    "Unsubscribe",
    "cancel",
    "END",
    "quit",
    "\tstop\n",
    "«STOP»",
  ])("%j opts out", (body) => {
    expect(parseConsentKeyword(body)).toBe("stop");
  });
  it.each(["START", "start!", " Unstop "])("%j opts back in", (body) =>
    expect(parseConsentKeyword(body)).toBe("start"),
  );
  it.each(["HELP", "help?", "Info"])("%j asks for help", (body) =>
    expect(parseConsentKeyword(body)).toBe("help"),
  );
  it.each(["please stop by tomorrow", "can you stop the leak", "S T O P", "stopp", "", "yes"])(
    "%j is a normal message",
    (body) => {
      expect(parseConsentKeyword(body)).toBeNull();
    },
  );
  it("normalizes to letters and single spaces", () =>
    expect(normalizeKeyword("  stop!  now ")).toBe("STOP NOW"));
  it("recognises reschedule and cancel replies about a visit", () => {
    expect(parseAppointmentReply("Can we reschedule?")).toBe("reschedule");
    expect(parseAppointmentReply("I can't make it tomorrow")).toBe("reschedule");
    expect(parseAppointmentReply("need to cancel my appointment")).toBe("cancel");
    expect(parseAppointmentReply("see you then, thanks")).toBeNull();
  });
});

describe("templates with variables, STOP wording always included", () => {
  const vars = {
    business: "Demo Plumbing",
    link: "https://app.test/r/abc",
    name: "Maria",
    appointment: "Tue, Dec 1 at 9:00 AM",
    phone: "+15125550100",
  };
  it("fills every variable", () => {
    expect(renderTemplate("Hi {name}, {business} here: {link} ({appointment}, {phone})", vars)).toBe(
      "Hi Maria, Demo Plumbing here: https://app.test/r/abc (Tue, Dec 1 at 9:00 AM, +15125550100). Reply STOP to opt out.",
    );
  });
  it("greets by name only when the name is known", () => {
    expect(renderTemplate(DEFAULT_TEMPLATES.text_back, vars)).toMatch(
      /^Hi Maria, this is Demo Plumbing\. Sorry we missed your call!/,
    );
    expect(renderTemplate(DEFAULT_TEMPLATES.text_back, { ...vars, name: null })).toMatch(
      /^Hi, this is Demo Plumbing\./,
    );
  });
  it("appends 'Reply STOP to opt out.' when the template lacks STOP wording, and never twice", () => {
    expect(renderTemplate("{business}: call us", vars)).toBe(`Demo Plumbing: call us. ${STOP_WORDING}`);
    expect(renderTemplate("{business}: text STOP to quit", vars)).toBe("Demo Plumbing: text STOP to quit");
    expect(withStopWording(withStopWording("Hello!"))).toBe(`Hello! ${STOP_WORDING}`);
    for (const t of Object.values(DEFAULT_TEMPLATES)) expect(renderTemplate(t, vars)).toContain("STOP");
  });
  it("flags unknown variables", () => {
    expect(unknownVariables("{bussiness} {link} {name_prefix} {foo}")).toEqual(["{bussiness}", "{foo}"]);
  });
  it("without a booking link the default text-back asks for a reply instead of linking nothing", () => {
    const text = composeText({
      purpose: "text_back",
      settings: settingsFromRow(null),
      tenant: { name: "Demo Plumbing", timeZone: CHICAGO },
      lead: { id: "lead1234567890", callerName: null, appointmentAt: null },
      from: "+15125550100",
    });
    expect(TEXT_BACK_WITHOUT_LINK).not.toContain("{link}");
    expect(text).toBe(
      "Hi, this is Demo Plumbing. Sorry we missed your call! Reply to this text or call us back at (512) 555-0100 and we'll help right away. Reply STOP to opt out.",
    );
  });
  it("greets by a first name that reads as a name, never by a link or a number typed as one", () => {
    const greet = (callerName: string) =>
      composeText({
        purpose: "text_back",
        settings: settingsFromRow(null),
        tenant: { name: "Demo Plumbing", timeZone: CHICAGO },
        lead: { id: "lead1234567890", callerName, appointmentAt: null },
        from: "+15125550100",
      });
    expect(greet("Maria Lopez")).toMatch(/^Hi Maria, this is Demo Plumbing\./);
    expect(greet("evil.example/win Lopez")).toMatch(/^Hi, this is Demo Plumbing\./);
    expect(greet("5125550666")).toMatch(/^Hi, this is Demo Plumbing\./);
  });
  it("refuses a text-back template without {link} when there is a booking link, and names the field", () => {
    expect(() =>
      validateSettingsPatch(
        { templates: { text_back: "{business}: sorry!" } },
        { bookingUrl: "https://book.example" },
      ),
    ).toThrow(expect.objectContaining({ field: "templates.text_back" }));
    // No booking link: the text asks for a reply instead, so {link} is not demanded.
    expect(() =>
      validateSettingsPatch(
        { templates: { text_back: "{business}: sorry! Reply here." } },
        { bookingUrl: null },
      ),
    ).not.toThrow();
    expect(() => validateSettingsPatch({ bookingUrl: "book.example" })).toThrow(
      expect.objectContaining({ field: "bookingUrl" }),
    );
  });
  it("lists every bad field at once", () => {
    expect(() =>
      validateSettingsPatch({
        bookingUrl: "book.example",
        windowHours: 0,
        templates: { reminder_24h: "{nope}" },
      }),
    ).toThrow(
      expect.objectContaining({
        fieldErrors: [
          expect.objectContaining({ field: "bookingUrl" }),
          expect.objectContaining({ field: "windowHours" }),
          expect.objectContaining({ field: expect.stringMatching(/^templates\./) }),
        ],
      }),
    );
  });
});

describe("who gets a text-back (missed / followup_needed / not_booked without a booking)", () => {
  const base: TextBackInput = {
    status: "missed",
    inArea: null,
    appointmentAt: null,
    isTest: false,
    callerPhone: "+15125559876",
    settings: { textBackEnabled: true, textTestCalls: false },
  };
  it.each(["missed", "followup_needed", "not_booked"] as const)(
    "texts a caller whose call ended %s",
    (status) => {
      expect(textBackDecision({ ...base, status, inArea: true })).toEqual({ send: true });
    },
  );
  it("never texts an out-of-area caller declined on the call", () => {
    expect(textBackDecision({ ...base, status: "not_booked", inArea: false }).send).toBe(false);
  });
  it.each(["booked", "answered_by_plumber", "closed"] as const)(
    "does not text a call that ended %s",
    (status) => {
      expect(textBackDecision({ ...base, status }).send).toBe(false);
    },
  );
  it("does not text test calls unless the owner turned it on", () => {
    expect(textBackDecision({ ...base, isTest: true }).send).toBe(false);
    expect(
      textBackDecision({ ...base, isTest: true, settings: { textBackEnabled: true, textTestCalls: true } })
        .send,
    ).toBe(true);
  });
  it("does not text a withheld number or when text-back is off", () => {
    expect(textBackDecision({ ...base, callerPhone: "anonymous" }).send).toBe(false);
    expect(
      textBackDecision({ ...base, settings: { textBackEnabled: false, textTestCalls: false } }).send,
    ).toBe(false);
  });
});

describe("appointment confirmation and reminders 24 h and 2 h before", () => {
  it("plans a confirmation now and both reminders for a visit two days out", () => {
    const now = new Date("2026-06-02T15:00:00Z"); // 10:00 CDT
    const at = new Date("2026-06-04T15:00:00Z"); // Thu 10:00 CDT
    expect(
      planAppointmentTexts(now, at, CHICAGO, NIGHT).map((p) => [p.purpose, p.sendAfter.toISOString()]),
    ).toEqual([
      ["confirmation", "2026-06-02T15:00:00.000Z"],
      ["reminder_24h", "2026-06-03T15:00:00.000Z"],
      ["reminder_2h", "2026-06-04T13:00:00.000Z"],
    ]);
  });
  it("skips the 24 h reminder when the visit is sooner, and a 2 h reminder that quiet hours would push past the visit", () => {
    const now = new Date("2026-06-02T15:00:00Z");
    const early = new Date("2026-06-03T13:30:00Z"); // 08:30 CDT tomorrow: 2 h before is 06:30 (quiet) → 08:00, too late
    expect(planAppointmentTexts(now, early, CHICAGO, NIGHT).map((p) => p.purpose)).toEqual(["confirmation"]);
  });
  it("plans nothing for a visit in the past", () => {
    expect(
      planAppointmentTexts(
        new Date("2026-06-02T15:00:00Z"),
        new Date("2026-06-01T15:00:00Z"),
        CHICAGO,
        NIGHT,
      ),
    ).toEqual([]);
  });
});

describe("appointment texts name the visit as the caller was promised it", () => {
  // Demo-like slots: Tuesday 9–11 AM, Wednesday 1–3 PM, Thursday 11 AM–1 PM (weekday 0 = Sunday).
  const SLOTS = [
    { weekday: 2, startMinute: 9 * 60, endMinute: 11 * 60 },
    { weekday: 3, startMinute: 13 * 60, endMinute: 15 * 60 },
    { weekday: 4, startMinute: 11 * 60, endMinute: 13 * 60 },
  ];
  it("a visit booked into a slot is its window, the way the AI said it on the call", () => {
    expect(formatAppointment(new Date("2026-12-08T15:00:00Z"), CHICAGO, SLOTS)).toBe(
      "Tue, Dec 8, between 9 and 11 AM",
    );
    expect(formatAppointment(new Date("2026-12-09T19:00:00Z"), CHICAGO, SLOTS)).toBe(
      "Wed, Dec 9, between 1 and 3 PM",
    );
    expect(formatAppointment(new Date("2026-12-10T17:00:00Z"), CHICAGO, SLOTS)).toBe(
      "Thu, Dec 10, between 11 AM and 1 PM",
    );
  });
  it("a custom time the office agreed is that time", () => {
    expect(formatAppointment(new Date("2026-12-08T16:30:00Z"), CHICAGO, SLOTS)).toBe(
      "Tue, Dec 8 at 10:30 AM",
    );
    expect(formatAppointment(new Date("2026-12-08T15:00:00Z"), CHICAGO)).toBe("Tue, Dec 8 at 9:00 AM");
  });
  it("the confirmation text promises the window, not its first minute", () => {
    const text = composeText({
      purpose: "confirmation",
      settings: settingsFromRow(null),
      tenant: { name: "Demo Plumbing", timeZone: CHICAGO },
      lead: { id: "lead-1", callerName: "Jane Doe", appointmentAt: new Date("2026-12-08T15:00:00Z") },
      slots: SLOTS,
      from: "+15125550100",
    });
    expect(text).toBe(
      "Demo Plumbing: your visit is booked for Tue, Dec 8, between 9 and 11 AM. Reply RESCHEDULE to change it or call (512) 555-0100. Reply STOP to opt out.",
    );
  });
});

describe("booking link through the app (records the click)", () => {
  it("only sends callers to web addresses", () => {
    expect(isWebAddress("https://book.example.com/quote")).toBe(true);
    expect(isWebAddress("http://book.example.com")).toBe(true);
    for (const bad of [
      "javascript:alert(1)",
      "data:text/html,hi",
      "//book.example.com",
      "ftp://x.example",
      "not a link",
    ])
      expect(isWebAddress(bad)).toBe(false);
  });

  it("names the site a link opens, for the settings preview", () => {
    expect(linkTargetHost("https://book.example.com/quote?x=1")).toBe("book.example.com");
    expect(linkTargetHost("javascript:alert(1)")).toBeNull();
    expect(linkTargetHost("")).toBeNull();
  });
});

describe("an empty text thread says what is true for the lead", () => {
  const on = { textBackEnabled: true, textTestCalls: false };
  it("says a test call is not texted, as the simulator does", () => {
    expect(emptyThreadNote({ isTest: true }, on)).toMatch(/^Test calls are not texted\./);
  });
  it("promises the text-back for a real caller", () => {
    expect(emptyThreadNote({ isTest: false }, on)).toMatch(/gets a text-back within seconds/);
  });
  it("promises it for a test call when the owner turned on texting test calls", () => {
    expect(emptyThreadNote({ isTest: true }, { ...on, textTestCalls: true })).toMatch(
      /text-back within seconds/,
    );
  });
  it("promises nothing with text-back turned off", () => {
    expect(emptyThreadNote({ isTest: false }, { ...on, textBackEnabled: false })).toMatch(/turned off/);
  });
});
