// Everything the AI says, per prompt profile. `standard` is warm and may use the caller's name;
// `safe` is a fixed script that never repeats caller-supplied words. No line states a price.
import type {
  EmergencyKind,
  IntakeStage,
  NotCustomerKind,
  PromptProfileName,
  Urgency,
} from "@/server/intake/extraction";
import { emergencyRule } from "@/server/intake/emergency-rules";
import { speakDigits } from "@/server/intake/spoken-numbers";
import { firstName } from "@/server/messaging/render-template";
import type { OfferedSlot } from "@/server/voice/booking-slots";

export type EscalationReason = "emergency" | "asked_for_person";
/**
 * How the office will call the caller back: the number they called from, a number they gave on
 * the call, or none (the caller ID was withheld and no number given). Never "at this number"
 * without one.
 */
export type Reach = "this_number" | "given_number" | "none";
export type Miss = 1 | 2;
/** What the one safety question asks about, matched to what the caller described. */
export type SafetyTopic = "water" | "gas" | "no_service";
/** What a re-asked question may need: the caller's name and urgency, the safety topic, the read-back sentence. */
export type QuestionFacts = {
  callerName?: string;
  urgency?: Urgency;
  safetyTopic?: SafetyTopic;
  readBack?: string;
};
/** The parts of a read-back: what was taken, each said once. */
export type ReadBackFacts = {
  name?: string;
  address?: string;
  slot?: OfferedSlot;
  phoneTail?: string;
  addressToConfirm?: boolean;
};

/** A part of the read-back the caller corrected, and its new value, said back so they hear the fix. */
export type FixedPart = {
  part: "name" | "address" | "house number" | "ZIP code" | "time" | "number" | "note";
  value: string;
};

export type Script = {
  /** The first words of the call: the business's name, and the assistant's brand when the owner chose the agency's (plain words, no markup). */
  opening(biz: string, assistantBrand?: string | null): string;
  /** The question of a step asked plainly again, after answering something the caller asked. */
  question(stage: IntakeStage, fields?: QuestionFacts): string;
  /** The one yes/no question about right now, when the problem could be an emergency said in other words. */
  safetyQuestion(topic: SafetyTopic): string;
  /** The safety question asked once more after the caller asked something: short, never the whole line again. */
  safetyAgain(topic: SafetyTopic): string;
  /** "Speak up, I can't hear you": said before the question again. */
  sayAgain(): string;
  /** "Is this the plumber?": who the caller reached, said before the question again. */
  youReached(biz: string): string;
  /** "How long till somebody calls?" during an emergency. */
  urgentSoon(biz: string): string;
  /** After work the business does not take: a call from the office, never a visit. */
  offerCallbackOnly(name: string | undefined): string;
  /** The caller asked for a callback before the question asked was answered: kept, then the question again. */
  callbackNoted(): string;
  /** A visit asked for at the name question, before the name: kept, and the name asked once more. */
  visitNoted(): string;
  /** The caller does not know the ZIP code: where to find it. */
  zipUnknown(): string;
  /** Still no ZIP code: someone calls back. */
  zipUnknownCallback(biz: string, reach: Reach): string;
  /** What the caller corrected at the read-back, said back. */
  fixed(parts: readonly FixedPart[]): string;
  /** "Hello? Are you there?": the line is checked, never an answer. */
  stillHere(): string;
  /** The name is still unclear after one re-ask: skip it, the number is on the lead (when there is one). */
  nameSkipped(reach: Reach): string;
  /** The problem is still unclear after one re-ask: the plumber will look. */
  issueNeedsLook(): string;
  /** The address is still unclear after two tries: book, and the office confirms it by phone. */
  addressToConfirm(): string;
  /** Said when the caller accepts a time, before the read-back. */
  bookedIntro(): string;
  /** Read back what was taken before goodbye, ending with "Did I get that right?". */
  readBack(facts: ReadBackFacts): string;
  /** The caller said something was wrong without saying what. */
  askWhatToFix(): string;
  /** The read-back was confirmed (or has been read twice): the goodbye. */
  bookedGoodbye(biz: string, name: string | undefined): string;
  /** `when`: "shortly" while the office is open, else when it opens ("when the office opens tomorrow at 8 AM"). */
  callbackGoodbye(biz: string, when: string): string;
  /** A question the settings do not answer: acknowledged and noted for the plumber. */
  questionNoted(): string;
  /** Not a customer (a sales call, a recording, a wrong number): a polite close. */
  notACustomer(biz: string, kind: NotCustomerKind): string;
  /** The caller corrected the name they gave ("no, it's Simms with two m's"). */
  nameCorrected(name: string): string;
  /** The caller took back the problem they described ("actually, it's the dishwasher that's the problem"). */
  problemChanged(): string;
  /** At the read-back, the problem put right or a second problem added (said before the goodbye). */
  problemNoted(): string;
  zipAfterIssue(): string;
  askIssue(): string;
  /** `afterOwnWords`: the agent just said something else (an answer), so no "Got it" before the question. */
  askName(urgency: Urgency | undefined, afterOwnWords?: boolean): string;
  offerBooking(name: string | undefined): string;
  askAddress(): string;
  /** The earliest window alone ("Does that work?"), or a short list to choose from. */
  offerSlots(slots: readonly OfferedSlot[], address: string | undefined): string;
  /** The first opening that fits a time the caller said earlier (not necessarily the next one). */
  offerFitting(slot: OfferedSlot, address: string | undefined): string;
  offerMoreSlots(slots: readonly OfferedSlot[]): string;
  slotUnavailable(asked: string, slots: readonly OfferedSlot[]): string;
  reaskSlots(slots: readonly OfferedSlot[], miss: Miss): string;
  /** `heard`: the caller said words that did not answer (not silence). */
  reask(stage: IntakeStage, miss: Miss, slots: readonly OfferedSlot[], heard?: boolean): string;
  outOfArea(biz: string, zip: string): string;
  booked(biz: string, slot: OfferedSlot, name: string | undefined): string;
  /** The visit taken back at the read-back: none stands, the office calls first. */
  visitTakenBack(biz: string, reach: Reach, when: string): string;
  callbackPromised(biz: string, reach: Reach, when: string): string;
  notBooked(biz: string): string;
  noOpenSlots(biz: string, when: string): string;
  slotsDeclined(biz: string, when: string): string;
  addressDeclined(biz: string, when: string): string;
  unclearGoodbye(biz: string, reach: Reach, when: string): string;
  silentGoodbye(biz: string, reach: Reach): string;
  /** No caller ID: the number to call back, asked once before goodbye (`urgent`: within 5 minutes). */
  askNumber(biz: string, urgent: boolean): string;
  /** No caller ID on a booked visit: the number for the plumber to reach the caller, asked once after the read-back. */
  askNumberForVisit(): string;
  /** The goodbye after the caller gave a number to call back. */
  numberGoodbye(biz: string, urgent: boolean, when: string): string;
  /** The goodbye when there is no number to call back: the caller is asked to call again. */
  noNumberGoodbye(biz: string, urgent: boolean): string;
  transferring(reason: EscalationReason, kind: EmergencyKind | null): string;
  urgentCallback(biz: string, reason: EscalationReason, kind: EmergencyKind | null, reach: Reach): string;
  /** An emergency nobody can take live: the safety line and the promise, before the name and address. */
  urgentFlagged(biz: string, kind: EmergencyKind | null, reach: Reach): string;
  transferFailedPreface(reason: EscalationReason, kind: EmergencyKind | null, reach: Reach): string;
  emergencyAskName(): string;
  emergencyAskAddress(): string;
  /** The last line after an emergency's name and address. */
  urgentPromise(biz: string, reach: Reach): string;
};

// The label and the safety line come from the emergency rules (server/intake/emergency-rules.ts).
export function emergencyLabel(kind: EmergencyKind | null): string {
  return kind ? emergencyRule(kind).label : "an urgent problem";
}

/** " at this number", " at the number you gave me", or nothing when there is no number. */
const at = (reach: Reach) =>
  reach === "this_number" ? " at this number" : reach === "given_number" ? " at the number you gave me" : "";

const safety = (kind: EmergencyKind | null) => {
  const line = kind ? emergencyRule(kind).safetyLine : null;
  return line ? ` ${line}` : "";
};

export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  if (items.length === 2) return `${items[0]} or ${items[1]}`;
  return `${items.slice(0, -1).join(", ")}, or ${items[items.length - 1]}`;
}

const windows = (slots: readonly OfferedSlot[]) => slots.map((s) => slotWindow(s));

function clock(minutes: number, withSuffix: boolean): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const time = m === 0 ? `${h12}` : `${h12}:${String(m).padStart(2, "0")}`;
  return withSuffix ? `${time} ${h < 12 ? "AM" : "PM"}` : time;
}

/**
 * A booked slot as a window, not just its start: "Thursday, March 5, between 9 and 11 AM". The
 * plumber arrives some time inside the slot, so promising "at 9 AM" would be wrong.
 */
export function slotWindow(slot: OfferedSlot): string {
  const at = slot.label.lastIndexOf(" at ");
  const said = at > 0 ? slot.label.slice(0, at) : slot.day;
  // "tomorrow, Tuesday," so the caller can check it against their week.
  const day = slot.relativeDay ? `${said}, ${slot.day},` : said.includes(",") ? `${said},` : said;
  const startMin = slot.hour * 60 + slot.minute;
  const length = Math.round((Date.parse(slot.endsAt) - Date.parse(slot.startsAt)) / 60_000);
  if (!Number.isFinite(length) || length <= 0) return slot.label;
  const endMin = startMin + length;
  const sameHalf = Math.floor(startMin / 720) === Math.floor(endMin / 720) && endMin < 24 * 60;
  return `${day} between ${clock(startMin, !sameHalf)} and ${clock(endMin, true)}`;
}

/** The caller's first name: "Thanks, Carla." */

/** "Thanks, I've changed the name to Robert Grant and the house number to 2240." */
function saidFixed(parts: readonly FixedPart[]): string {
  const changes = parts
    .filter((p) => p.part !== "note")
    .map((p) =>
      p.part === "number"
        ? `the number to call to the one ending in ${speakDigits(p.value)}`
        : `the ${p.part} to ${p.part === "ZIP code" ? speakDigits(p.value) : p.value}`,
    );
  const done = [
    changes.length ? `changed ${joinAnd(changes)}` : null,
    parts.some((p) => p.part === "note") ? "noted that for the office" : null,
  ].filter((x): x is string => !!x);
  return `Thanks, I've ${done.join(" and ")}.`;
}

const standard: Script = {
  nameCorrected: (name) => `Sorry about that, I've got ${name}.`,
  problemChanged: () => "Got it, I've changed the problem to what you just told me.",
  problemNoted: () => "Got it, I've updated the problem for the plumber. ",
  opening: (biz, brand) =>
    `Hi, thanks for calling ${biz}. Sorry we couldn't get to the phone. I'm the virtual assistant${brand ? ` from ${brand}` : ""}, and I can help get a plumber to you. First, what's the ZIP code where you need the work done?`,
  question: (stage, fields) => {
    switch (stage) {
      case "zip":
        return "So, what's the ZIP code where you need the work done?";
      case "issue":
        return "Now, what's going on with your plumbing?";
      case "name":
        return "And who am I speaking with?";
      case "booking_offer":
        return `${firstName(fields?.callerName) ? `So, ${firstName(fields?.callerName)}, would` : "So, would"} you like me to book a plumber to come out, or have someone call you back?`;
      case "address":
        return "What's the street address where the plumber should come?";
      case "slot":
        return "Which time works for you?";
      case "safety":
        return standard.safetyQuestion(fields?.safetyTopic ?? "water");
      case "confirm":
        return fields?.readBack ?? "Did I get everything right?";
      case "phone":
        return "What's the best number to reach you, with the area code?";
    }
  },
  safetyQuestion: (topic) => SAFETY_QUESTIONS[topic],
  safetyAgain: (topic) => SAFETY_AGAIN[topic],
  sayAgain: () => "Of course.",
  youReached: (biz) => `You've reached ${biz}, and I'm the virtual assistant.`,
  urgentSoon: (biz) => `Someone from ${biz} will call you back within 5 minutes.`,
  offerCallbackOnly: (name) =>
    `${firstName(name) ? `Thanks, ${firstName(name)}. ` : ""}I can't book a visit for that, but would you like someone from the office to call you back?`,
  callbackNoted: () => "Sure, someone can call you back.",
  visitNoted: () => "Sure, we can send someone out.",
  zipUnknown: () =>
    "No problem. It's on any piece of mail, like a bill or a letter. If you can find it, just read me the five digits.",
  zipUnknownCallback: (biz, reach) =>
    `That's okay. Someone from ${biz} will call you back${at(reach)} to get your address and set this up. Goodbye.`,
  fixed: (parts) => saidFixed(parts),
  stillHere: () => "Yes, I'm here.",
  nameSkipped: (reach) => (reach === "none" ? "No problem." : "No problem, we have your number."),
  issueNeedsLook: () => "No problem, the plumber will take a look when they come out.",
  addressToConfirm: () => "No problem, the office will call you to confirm the address.",
  readBack: (f) => {
    const parts = [
      f.name,
      f.address ? f.address : f.addressToConfirm ? "the address to be confirmed by phone" : undefined,
      f.slot ? slotWindow(f.slot) : undefined,
      f.phoneTail ? `a call back at the number ending in ${speakDigits(f.phoneTail)}` : undefined,
    ].filter(Boolean);
    return `Let me read that back: ${parts.join(", ")}. Did I get that right?`;
  },
  askWhatToFix: () => "Sorry about that. What should I change?",
  bookedIntro: () => "Great, you're booked. ",
  bookedGoodbye: (biz, name) =>
    `You're all set${firstName(name) ? `, ${firstName(name)}` : ""}. Thanks for calling ${biz}, goodbye.`,
  callbackGoodbye: (biz, when) => `Thanks. Someone from ${biz} will call you back ${when}. Goodbye.`,
  questionNoted: () => "Good question. I'll note it so the plumber can answer that when they call.",
  notACustomer: (biz, kind) =>
    kind === "wrong_number"
      ? `No problem, this is ${biz}, a plumbing company. I hope you reach who you're looking for. Goodbye.`
      : kind === "robocall"
        ? "Goodbye."
        : `Thanks, but ${biz} isn't interested. Please take this number off your list. Goodbye.`,
  zipAfterIssue: () =>
    "Got it, I'll make a note of that. First, what's the ZIP code where you need the work done?",
  askIssue: () => "Great, we do work in your area. What's going on with your plumbing?",
  askName: (urgency, afterOwnWords) =>
    `${afterOwnWords ? "" : urgency === "high" ? "I'm sorry you're dealing with that. " : "Got it, thanks. "}And who am I speaking with?`,
  offerBooking: (name) =>
    `${firstName(name) ? `Thanks, ${firstName(name)}. ` : "Thanks. "}Would you like me to book a plumber to come out, or would you rather have someone call you back?`,
  askAddress: () => "Great. What's the street address where the plumber should come?",
  offerFitting: (slot, address) =>
    `${address ? `Thanks, I have ${address}. ` : ""}The first opening that fits what you said is ${slotWindow(slot)}. Does that work for you?`,
  offerSlots: (slots, address) => {
    const intro = address ? `Thanks, I have ${address}. ` : "";
    if (slots.length === 1)
      return `${intro}The next opening is ${slotWindow(slots[0]!)}. Does that work for you?`;
    return `${intro}I have ${joinOr(windows(slots))}. Which works best?`;
  },
  offerMoreSlots: (slots) =>
    slots.length === 1
      ? `Okay. I also have ${slotWindow(slots[0]!)}. Does that work?`
      : `Okay. I also have ${joinOr(windows(slots))}. Would either of those work?`,
  slotUnavailable: (asked, slots) =>
    slots.length === 1
      ? `I'm sorry, I don't have an opening ${asked}. The next one is ${slotWindow(slots[0]!)}. Does that work?`
      : `I'm sorry, I don't have an opening ${asked}. I have ${joinOr(windows(slots))}. Which works best?`,
  reaskSlots: (slots, miss) =>
    slots.length === 1
      ? `Sorry, does ${slotWindow(slots[0]!)} work for you? You can say yes or no.`
      : miss === 1
        ? `Sorry, which works better: ${joinOr(windows(slots))}? Or say neither.`
        : "You can say the first one or the second one, or tell me neither works.",
  reask: (stage, miss, slots, heard) => {
    switch (stage) {
      case "zip":
        return miss === 1
          ? heard
            ? "I just need the ZIP code first: the five digits where you need the work done. You can also type it on your keypad."
            : "Sorry, I didn't catch that. What's the five-digit ZIP code where you need the work done? You can also type it on your keypad."
          : "Let's try once more: just the five digits of the ZIP code, please.";
      case "issue":
        return miss === 1
          ? "Sorry, I didn't quite get that. What's going on with your plumbing?"
          : "In a few words, what needs fixing? For example a leak, a clog, or the water heater.";
      case "name":
        return miss === 1
          ? "Sorry, what name should I put down?"
          : "Could you say just your first and last name?";
      case "booking_offer":
        return miss === 1
          ? "Sorry, should I book a plumber to come out, or have someone call you back?"
          : "You can say book a visit, call me back, or no thanks.";
      case "address":
        return miss === 1
          ? "Sorry, what's the street address, with the house number?"
          : "Just the house number and street name, please.";
      case "slot":
        if (slots.length === 1)
          return `Sorry, does ${slotWindow(slots[0]!)} work for you? Please say yes or no.`;
        return miss === 1
          ? `Sorry, which time works best: ${joinOr(windows(slots))}?`
          : "You can say the first one or the second one, or tell me none of them work.";
      case "safety":
        return "Sorry, I didn't catch that. Is it happening right now? You can say yes or no.";
      case "confirm":
        return "Sorry, is everything I read back right? You can say yes, or tell me what to change.";
      case "phone":
        return heard
          ? "Sorry, what's the phone number, with the area code? You can also type it on your keypad."
          : "Sorry, I didn't catch that. What's the best number to reach you? You can also type it on your keypad.";
    }
  },
  outOfArea: (biz, zip) =>
    `Thanks. I'm sorry, ${biz} doesn't cover ZIP code ${speakDigits(zip)}, so we can't send a plumber out there. A local plumber near you will be your quickest help. Take care, goodbye.`,
  booked: (biz, slot, name) =>
    `You're all set${firstName(name) ? `, ${firstName(name)}` : ""}. A plumber from ${biz} will see you ${slotWindow(slot)}. Thanks for calling, goodbye.`,
  callbackPromised: (biz, reach, when) =>
    `No problem. Someone from ${biz} will call you back${at(reach)} ${when}. Thanks for calling, goodbye.`,
  visitTakenBack: (biz, reach, when) =>
    `No problem, I won't book the visit. Someone from ${biz} will call you back${at(reach)} ${when}. Thanks for calling, goodbye.`,
  notBooked: (biz) => `Okay, no problem. If you need us later, just give ${biz} a call. Thanks, goodbye.`,
  noOpenSlots: (biz, when) =>
    `I don't have an opening I can book right now, so someone from ${biz} will call you back ${when} to set up a time. Thanks, goodbye.`,
  slotsDeclined: (biz, when) =>
    `No problem. Someone from ${biz} will call you back ${when} to find a time that works. Thanks, goodbye.`,
  addressDeclined: (biz, when) =>
    `That's okay. Someone from ${biz} will call you back ${when} to finish setting this up. Thanks, goodbye.`,
  unclearGoodbye: (biz, reach, when) =>
    `I'm sorry, I'm having trouble understanding. Someone from ${biz} will call you back${at(reach)} ${when}. Goodbye.`,
  silentGoodbye: (biz, reach) =>
    reach === "none"
      ? `I'm sorry, I can't hear anything. Please call ${biz} again when you can. Goodbye.`
      : `I'm sorry, I can't hear anything. Someone from ${biz} will get back to you${at(reach)}. Goodbye.`,
  askNumber: (biz, urgent) =>
    `Someone from ${biz} will call you back${urgent ? " within 5 minutes" : ""}, but your number didn't come through on my end. What's the best number to reach you, with the area code?`,
  askNumberForVisit: () =>
    "One more thing: your number didn't come through on my end. What's the best number for the plumber to reach you on the day, with the area code?",
  numberGoodbye: (biz, urgent, when) =>
    `Thank you. Someone from ${biz} will call you back${urgent ? " within 5 minutes" : ` ${when}`} at that number. Goodbye.`,
  noNumberGoodbye: (biz, urgent) =>
    urgent
      ? `Okay. Since your number didn't come through, please call ${biz} right back so we can reach you, and if anyone is in danger, call 911. Goodbye.`
      : `Okay. Since your number didn't come through, please call ${biz} back when it suits you. Goodbye.`,
  transferring: (reason, kind) =>
    reason === "emergency"
      ? `That sounds urgent.${safety(kind)} I'm connecting you to our on-call plumber right now. Please stay on the line.`
      : "Of course. I'm connecting you with someone now. Please stay on the line.",
  urgentCallback: (biz, reason, kind, reach) =>
    reason === "emergency"
      ? `That sounds urgent.${safety(kind)} I've flagged this as an emergency, and someone from ${biz} will call you back within 5 minutes${at(reach)}. Goodbye.`
      : `Of course. Nobody can pick up this second, so I've asked someone from ${biz} to call you back within 5 minutes${at(reach)}. Goodbye.`,
  urgentFlagged: (biz, kind, reach) =>
    `That sounds urgent.${safety(kind)} I've flagged this as an emergency, and someone from ${biz} will call you back within 5 minutes${at(reach)}.`,
  // Said only after the transfer line, which gave the safety advice in full: referred to briefly here.
  // A caller who only asked for a person hears no "urgent": nothing they said was an emergency.
  transferFailedPreface: (reason, kind, reach) =>
    reason === "emergency"
      ? `I'm sorry, I couldn't reach anyone just now.${safety(kind) ? " Please keep following the safety advice I gave you." : ""} I've marked this urgent, and someone will call you back within 5 minutes${at(reach)}.`
      : `I'm sorry, I couldn't reach anyone just now. I've asked someone to call you back within 5 minutes${at(reach)}.`,
  emergencyAskName: () => "So they know who to ask for, what's your name?",
  emergencyAskAddress: () => "And what's the address where the problem is, with the house number?",
  urgentPromise: (biz, reach) =>
    `Thank you. Someone from ${biz} will call you back within 5 minutes${at(reach)}. Goodbye.`,
};

const safe: Script = {
  nameCorrected: () => "Thank you, I have corrected your name.",
  problemChanged: () => "Thank you, I have updated the problem.",
  problemNoted: () => "Thank you, I have updated the problem. ",
  opening: (biz, brand) =>
    `Thank you for calling ${biz}. This is the automated assistant${brand ? ` from ${brand}` : ""}. What is the five-digit ZIP code where you need service?`,
  question: (stage, fields) => {
    switch (stage) {
      case "zip":
        return "What is the five-digit ZIP code where you need service?";
      case "issue":
        return "Please briefly describe the plumbing problem.";
      case "name":
        return "What is your name?";
      case "booking_offer":
        return "Would you like to book a visit, or have someone call you back?";
      case "address":
        return "What is the street address for the visit?";
      case "slot":
        return "Which time would you like?";
      case "safety":
        return safe.safetyQuestion(fields?.safetyTopic ?? "water");
      case "confirm":
        return fields?.readBack ?? "Is this information correct?";
      case "phone":
        return "What is the best phone number to call you back?";
    }
  },
  safetyQuestion: (topic) => SAFETY_QUESTIONS[topic],
  safetyAgain: (topic) => SAFETY_AGAIN[topic],
  sayAgain: () => "I will repeat the question.",
  youReached: (biz) => `This is ${biz}'s automated assistant.`,
  urgentSoon: (biz) => `Someone from ${biz} will call you back within 5 minutes.`,
  offerCallbackOnly: () => "We cannot book a visit for that. Would you like someone to call you back?",
  callbackNoted: () => "A call back is noted.",
  visitNoted: () => "A visit is noted.",
  zipUnknown: () => "The ZIP code is on any piece of mail. Please say the five digits if you can find it.",
  zipUnknownCallback: (biz, reach) =>
    `Thank you. Someone from ${biz} will call you back${at(reach)}. Goodbye.`,
  fixed: () => "Thank you, I have updated that.",
  stillHere: () => "Yes, I am here.",
  nameSkipped: (reach) => (reach === "none" ? "That is fine." : "That is fine. We have your phone number."),
  issueNeedsLook: () => "Thank you. The plumber will look at the problem.",
  addressToConfirm: () => "Thank you. The office will call you to confirm the address.",
  // The safe script never says the caller's own words back: the time, and the number's last digits.
  readBack: (f) => {
    const parts = [
      f.slot ? `a visit ${slotWindow(f.slot)} at the address you gave` : undefined,
      f.phoneTail ? `a call back at the number ending in ${speakDigits(f.phoneTail)}` : undefined,
    ].filter(Boolean);
    return `I have: ${parts.join(", ") || "your details"}. Did I get that right?`;
  },
  askWhatToFix: () => "What should I change?",
  bookedIntro: () => "You are booked. ",
  bookedGoodbye: (biz) => `Thank you for calling ${biz}. Goodbye.`,
  callbackGoodbye: (biz) => `Thank you. Someone from ${biz} will call you back. Goodbye.`,
  questionNoted: () => "I will note your question for the plumber.",
  notACustomer: (biz) => `This is ${biz}, a plumbing company. Goodbye.`,
  zipAfterIssue: () => "Thank you, that is noted. What is the five-digit ZIP code where you need service?",
  askIssue: () => "We serve your area. Please briefly describe the plumbing problem.",
  askName: () => "Thank you. What is your name?",
  offerBooking: () => "Thank you. Would you like to book a visit, or have someone call you back?",
  askAddress: () => "What is the street address for the visit?",
  offerFitting: (slot) =>
    `The first available time that fits is ${slotWindow(slot)}. Would you like that time?`,
  offerSlots: (slots) =>
    slots.length === 1
      ? `The next available time is ${slotWindow(slots[0]!)}. Would you like that time?`
      : `The available times are ${joinOr(windows(slots))}. Which time would you like?`,
  offerMoreSlots: (slots) =>
    slots.length === 1
      ? `The next available time is ${slotWindow(slots[0]!)}. Would you like that time?`
      : `Other available times are ${joinOr(windows(slots))}. Would you like one of these?`,
  slotUnavailable: (asked, slots) =>
    `There is no time available ${asked}. The available times are ${joinOr(windows(slots))}. Which time would you like?`,
  reaskSlots: (slots) =>
    slots.length === 1
      ? `Please say yes or no: would you like ${slotWindow(slots[0]!)}?`
      : `Please choose one of these times: ${joinOr(windows(slots))}. Or say none of them.`,
  reask: (stage, _miss, slots) => {
    switch (stage) {
      case "zip":
        return "I did not catch that. Please say the five-digit ZIP code, or type it on your keypad.";
      case "issue":
        return "I did not catch that. Please briefly describe the plumbing problem.";
      case "name":
        return "I did not catch that. Please say your first and last name.";
      case "booking_offer":
        return "Please say: book a visit, call me back, or no thanks.";
      case "address":
        return "Please say the house number and street name.";
      case "slot":
        return slots.length === 1
          ? `Please say yes or no: would you like ${slots[0]!.label}?`
          : `Please choose one of these times: ${joinOr(windows(slots))}. Or say none of them.`;
      case "safety":
        return "Please say yes or no: is it happening right now?";
      case "confirm":
        return "Please say yes, or say what to change.";
      case "phone":
        return "Please say the ten-digit phone number, or type it on your keypad.";
    }
  },
  outOfArea: (biz) => `Thank you. ${biz} does not serve that ZIP code, so we cannot book a visit. Goodbye.`,
  booked: (biz, slot) => `You are booked for ${slotWindow(slot)}. Thank you for calling ${biz}. Goodbye.`,
  callbackPromised: (biz, reach) => `Thank you. Someone from ${biz} will call you back${at(reach)}. Goodbye.`,
  visitTakenBack: (biz, reach) =>
    `Okay, I won't book the visit. Someone from ${biz} will call you back${at(reach)}. Goodbye.`,
  notBooked: (biz) => `Thank you for calling ${biz}. Goodbye.`,
  noOpenSlots: (biz) =>
    `There is no time available to book right now. Someone from ${biz} will call you back to schedule. Goodbye.`,
  slotsDeclined: (biz) => `Thank you. Someone from ${biz} will call you back to find a time. Goodbye.`,
  addressDeclined: (biz) => `Thank you. Someone from ${biz} will call you back. Goodbye.`,
  unclearGoodbye: (biz, reach) =>
    `I am sorry, I could not understand. Someone from ${biz} will call you back${at(reach)}. Goodbye.`,
  silentGoodbye: (biz, reach) =>
    reach === "none"
      ? `I cannot hear you. Please call ${biz} again. Goodbye.`
      : `I cannot hear you. Someone from ${biz} will contact you${at(reach)}. Goodbye.`,
  askNumber: () => "Your phone number did not come through. What is the best number to call you back?",
  askNumberForVisit: () =>
    "Your phone number did not come through. What is the best number for the plumber to reach you?",
  numberGoodbye: (biz, urgent) =>
    `Thank you. Someone from ${biz} will call you back${urgent ? " within 5 minutes" : ""} at that number. Goodbye.`,
  noNumberGoodbye: (biz, urgent) =>
    urgent
      ? `Your number did not come through. Please call ${biz} back now. If anyone is in danger, call 911. Goodbye.`
      : `Your number did not come through. Please call ${biz} back. Goodbye.`,
  transferring: (reason, kind) =>
    reason === "emergency"
      ? `This may be an emergency.${safety(kind)} Connecting you to the on-call plumber now. Please hold.`
      : "Connecting you now. Please hold.",
  urgentCallback: (biz, reason, kind, reach) =>
    reason === "emergency"
      ? `This may be an emergency.${safety(kind)} Someone from ${biz} will call you back within 5 minutes${at(reach)}. Goodbye.`
      : `Someone from ${biz} will call you back within 5 minutes${at(reach)}. Goodbye.`,
  urgentFlagged: (biz, kind, reach) =>
    `This may be an emergency.${safety(kind)} Someone from ${biz} will call you back within 5 minutes${at(reach)}.`,
  transferFailedPreface: (_reason, kind, reach) =>
    `No one could be reached.${safety(kind) ? " Please follow the safety advice you heard." : ""} Someone will call you back within 5 minutes${at(reach)}.`,
  emergencyAskName: () => "What is your name?",
  emergencyAskAddress: () => "What is the address of the problem?",
  urgentPromise: (biz) => `Thank you. Someone from ${biz} will call you back within 5 minutes. Goodbye.`,
};

export const SCRIPTS: Record<PromptProfileName, Script> = { standard, safe };

/**
 * The one safety question, matched to what the caller described. Each asks about right now, so a
 * caller whose emergency was said in words nobody wrote down can say yes.
 */
export const SAFETY_QUESTIONS: Record<SafetyTopic, string> = {
  water:
    "One quick question: right now, is water spreading across the floor or coming through a ceiling, or is anything backing up into the house?",
  gas: "One quick question: do you smell gas right now, or is a carbon monoxide alarm going off?",
  no_service:
    "One quick question: is anyone there who can't do without water or heat, like a baby, someone elderly, or someone on medical equipment?",
};

/** The safety question asked a second time, after the caller asked something instead: short. */
export const SAFETY_AGAIN: Record<SafetyTopic, string> = {
  water: "So, just to check: is water spreading or backing up right now? Yes or no is fine.",
  gas: "So, just to check: do you smell gas right now? Yes or no is fine.",
  no_service: "So, just to check: is anyone there who can't do without water or heat? Yes or no is fine.",
};

/** Is this agent line the safety question? (The after-call scan and the eval's caller use it.) */
export function isSafetyQuestion(text: string): boolean {
  return (
    [...Object.values(SAFETY_QUESTIONS), ...Object.values(SAFETY_AGAIN)].some((q) => text.includes(q)) ||
    /is it happening right now\?/i.test(text)
  );
}

/** Is this agent line a read-back ("… Did I get that right?")? */
export function isReadBack(text: string): boolean {
  return /did i get that right\?|is everything i read back right\?/i.test(text);
}

/** What the on-call person hears before pressing 1 (the transfer's screening whisper). */
export function transferWhisper(reason: EscalationReason, kind: EmergencyKind | null): string {
  return reason === "emergency"
    ? `Urgent LeadRescue transfer: a caller reports ${emergencyLabel(kind)}. Press 1 to take this call.`
    : "LeadRescue transfer: a caller asked to speak with someone. Press 1 to take this call.";
}
