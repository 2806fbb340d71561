import { describe, expect, it } from "vitest";
import twilio from "twilio";
import { parseTwiml, twimlSteps } from "./parse-twiml";

describe("TwiML reader for the call simulator", () => {
  it("reads what the twilio SDK writes: a ring-first Dial with a whisper", () => {
    const r = new twilio.twiml.VoiceResponse();
    const dial = r.dial({
      timeout: 10,
      answerOnBridge: true,
      action: "https://x.test/api/twilio/voice/dial-result",
    });
    dial.number({ url: "https://x.test/api/twilio/voice/screen?a=1&b=2" }, "+15125550101");
    expect(twimlSteps(r.toString())).toEqual([
      {
        kind: "dial",
        action: "https://x.test/api/twilio/voice/dial-result",
        timeout: 10,
        numbers: [{ number: "+15125550101", whisperUrl: "https://x.test/api/twilio/voice/screen?a=1&b=2" }],
      },
    ]);
  });

  it("stops at a Gather and keeps its spoken prompt", () => {
    const r = new twilio.twiml.VoiceResponse();
    r.say("Hi & welcome.");
    const g = r.gather({ input: ["speech"], action: "https://x.test/intake" });
    g.say("What is your ZIP code?");
    r.say("never reached");
    expect(twimlSteps(r.toString())).toEqual([
      { kind: "say", text: "Hi & welcome." },
      {
        kind: "gather",
        action: "https://x.test/intake",
        input: "speech",
        numDigits: undefined,
        prompt: ["What is your ZIP code?"],
      },
    ]);
  });

  it("reads Hangup and Redirect", () => {
    const r = new twilio.twiml.VoiceResponse();
    r.say("Bye");
    r.hangup();
    expect(twimlSteps(r.toString()).map((s) => s.kind)).toEqual(["say", "hangup"]);
    const r2 = new twilio.twiml.VoiceResponse();
    r2.redirect("https://x.test/next");
    expect(twimlSteps(r2.toString())).toEqual([{ kind: "redirect", url: "https://x.test/next" }]);
  });

  it("refuses broken XML instead of guessing", () => {
    expect(() => parseTwiml("<Response><Say>hi</Response>")).toThrow(/closes/);
    expect(() => parseTwiml("<Foo/>")).toThrow(/no <Response>/);
  });
});
