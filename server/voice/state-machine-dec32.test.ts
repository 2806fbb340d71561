// The call after what the thirty-second to thirty-seventh held-out batches (emergencies told in
// unwritten words and near misses, questions at every turn, names of every kind, the read-back, a
// bad line, availability, water heaters, hurried callers, who is calling and calls that are no
// booking) taught. Each lesson in wordings of its own, played as a live call reads them.
import { describe, expect, it } from "vitest";
import { detectEmergency } from "@/server/intake/emergency-rules";
import {
  addressOf,
  heardAsWritten,
  isPlainlyRoutine,
  nameOf,
  urgencyOf,
} from "@/server/intake/rules-extract";
import { conversation, MONDAY_MORNING } from "@/server/test/call-conversation";
import { heardAt } from "@/server/test/heard-at";

/** Demo Plumbing's own lists: it does not take commercial buildings, septic tanks or well pumps. */
const CTX = {
  ...MONDAY_MORNING,
  answers: { servicesNotOffered: ["Commercial buildings", "Septic tanks", "Well pumps"] },
};
const { asHeard: end, converse } = conversation(CTX);
const emergencyIn = (said: string) => detectEmergency(heardAsWritten(said));
const tasksOf = (said: string[]) => end(said).state.fields;

describe("water that backs up into a fixture is not water spreading into a room", () => {
  it("'backs up into the kitchen sink when the dishwasher runs' is a normal visit", () => {
    for (const said of [
      "Every time the dishwasher drains it backs up into the kitchen sink, the left side.",
      "when the washer drains, the water comes back up into the garage sink",
    ]) {
      expect(emergencyIn(said), said).toBeNull();
      expect(urgencyOf(said), said).toBe("normal");
    }
  });

  it("but water that has run into the kitchen itself still is", () => {
    expect(emergencyIn("the toilet overflowed and it's running into the kitchen")).toBe("flooding");
  });
});

describe("a problem that was, and is over", () => {
  it("a flood under the sink last Saturday that has stayed dry is a visit to check, not an emergency", () => {
    for (const said of [
      "We had a flood under the bathroom sink on Sunday, my son tightened the nut and it's been dry ever since. I'd like it looked at before it happens again.",
      "there was water all over the laundry room on friday but it's been dry since, we just want it checked",
    ]) {
      expect(emergencyIn(said), said).toBeNull();
      expect(urgencyOf(said), said).toBe("normal");
    }
    // Still going on is still an emergency.
    expect(
      emergencyIn("we had a flood on Saturday and it's still pouring out under the sink"),
    ).not.toBeNull();
  });

  it("no water this morning for someone frail, back on an hour ago, is no emergency now", () => {
    const said =
      "This morning we had no water at all and my mother's on dialysis, turned out the city was fixing the main. It came back on an hour ago, it just sputters a bit.";
    expect(emergencyIn(said)).toBeNull();
    expect(urgencyOf(said)).toBe("normal");
    expect(emergencyIn("we have no water at all and my mother's 90, it went off this morning")).toBe(
      "no_water_vulnerable",
    );
  });

  it("an old ceiling stain, dry since before the caller moved in, gets no safety question", () => {
    expect(
      isPlainlyRoutine(
        "there's a brown ring on the bedroom ceiling, it's been there since before we moved in, completely dry",
      ),
    ).toBe(true);
    expect(isPlainlyRoutine("there's a brown ring on the ceiling and it's getting bigger")).toBe(false);
  });
});

describe("low pressure, slow drains and installs", () => {
  it("pressure worn down to a trickle over weeks is low pressure, all at once is no water", () => {
    expect(
      urgencyOf(
        "the pressure's been dropping for a few weeks, now every faucet in the house is kind of a trickle",
      ),
    ).toBe("normal");
    expect(urgencyOf("since lunch every faucet in the house is just a trickle")).toBe("high");
  });

  it("a tub that backs up while someone showers, or one side of the sink, is a slow drain", () => {
    expect(urgencyOf("the tub drains real slow, it fills up while he showers")).toBe("normal");
    expect(urgencyOf("the tub drains slow and backs up while I shower")).toBe("normal");
    expect(urgencyOf("the disposal just hums and the sink's backed up on that side")).toBe("normal");
    expect(urgencyOf("the kitchen sink is backing up")).toBe("high");
  });

  it("a swap to tankless with nothing wrong, and a fixture already bought, are no problem to fix now", () => {
    for (const said of [
      "I'd like to swap the old water heater for a tankless, nothing's wrong with it",
      "the new vanity faucet is sitting in the box, I just need it put in",
      "just trying to get a price on a garbage disposal install",
    ]) {
      expect(urgencyOf(said), said).toBe("low");
      expect(isPlainlyRoutine(said), said).toBe(true);
    }
  });

  it("a carbon monoxide detector brought up, even chirping for its battery, gets the question", () => {
    const said =
      "the carbon monoxide detector by the water heater chirps every minute, I think it's the battery, so while I'm thinking about it I'd like the heater looked at";
    expect(isPlainlyRoutine(said)).toBe(false);
    expect(urgencyOf(said)).toBe("normal");
    const r = end(["78701", said]);
    expect(r.say).toContain("carbon monoxide alarm going off");
  });
});

describe("names", () => {
  it("'just Dwayne is fine' is the name, a title with a surname said twice is said once", () => {
    expect(nameOf("Just Marcus is fine.", true)).toBe("Marcus");
    expect(nameOf("It's Mr. Abernathy. Abernathy. Sorry, I'm on the freeway.", true)).toBe("Mr. Abernathy");
    // A name that is one word twice is still that name.
    expect(nameOf("Li Li", true)).toBe("Li Li");
  });

  it("how the name sounds is not another name", () => {
    expect(nameOf("Siobhan Kelly. S-I-O-B-H-A-N, it's pronounced Shivawn.", true)).toBe("Siobhan Kelly");
  });

  it("the lead goes under the name the caller asks for, and who called is noted", () => {
    expect(nameOf("I'm Dev Patel, but put her name, Meena Shah, she's the one who'll be home.", true)).toBe(
      "Meena Shah",
    );
    const r = end([
      "78702",
      "my aunt's bathroom sink drips",
      "I'm Dev Patel, but put her name, Meena Shah, she's the one who'll be home.",
    ]);
    expect(r.state.fields.callerName).toBe("Meena Shah");
    expect(r.state.fields.notes).toContain("Called by Dev Patel");
  });

  it("a church or a company is not the caller's name, and a church secretary is no commercial building", () => {
    const r = end([
      "Hi, this is Grace Methodist calling, it's 78701.",
      "One of our members, she's 88, her kitchen faucet won't stop dripping.",
    ]);
    expect(r.state.fields.callerName).toBeUndefined();
    expect(r.say).not.toContain("commercial");
    const secretary = end([
      "78701",
      "I'm the church secretary, calling for one of our members, her toilet runs all night",
    ]);
    expect(secretary.say).not.toContain("commercial");
  });

  it("a full name misheard as a word is kept, and its first name put right at the read-back", () => {
    const r = end(
      ["78701", "the bathroom faucet drips", "Driving Alvarez.", "yes", "2408 Oxford Avenue", "Tuesday"],
      CTX,
    );
    expect(r.state.fields.callerName).toBe("Driving Alvarez");
    const fixed = end(
      [
        "78701",
        "the bathroom faucet drips",
        "Driving Alvarez.",
        "yes",
        "2408 Oxford Avenue",
        "Tuesday",
        "No, the first name's Irvin. I-R-V-I-N.",
      ],
      CTX,
    );
    expect(fixed.state.fields.callerName).toBe("Irvin Alvarez");
    // Said with a cue, a word for what the caller is doing is still no name.
    expect(heardAt("name", "I'm driving, hold on").callerName === "Driving").toBe(false);
  });

  it("'you don't need my name' is a name declined, not asked again", () => {
    const r = end([
      "78701",
      "the bathroom faucet drips",
      "You don't need my name, I'm just shopping around.",
    ]);
    expect(r.say).not.toContain("what name should I put down");
    expect(r.state.stage).toBe("booking_offer");
  });
});

describe("the street put right at the read-back", () => {
  it("'it's Koenig Lane, K-O-E-N-I-G' fixes the street, keeps the number and the name", () => {
    const lines = [
      "78701",
      "the bathroom faucet drips",
      "Ada Brennan",
      "yes",
      "1107 Canning Lane",
      "Tuesday",
    ];
    const r = end([...lines, "No, it's Koenig Lane. K-O-E-N-I-G."]);
    expect(r.state.fields.address).toBe("1107 Koenig Lane");
    expect(r.state.fields.callerName).toBe("Ada Brennan");
  });
});

describe("a call back asked for, with its time", () => {
  it("'can somebody call me with a ballpark?' after turning the visit down asks for a call", () => {
    const r = end([
      "78701",
      "I want the old water heater replaced before it goes, it still works",
      "Ada Brennan",
      "No, I'm not having anybody out till I know what it runs. Could somebody call me with a ballpark?",
    ]);
    expect(r.state.fields.bookingIntent).toBe("callback");
    expect(r.say).not.toContain("street address");
  });

  it("the time to call goes to the notes", () => {
    const r = end([
      "78701",
      "the bathroom faucet drips",
      "Ada Brennan",
      "Not yet. Can somebody just call me around 5:15? I'm at work till then.",
    ]);
    expect(r.state.endReason).toBe("callback_requested");
    expect(r.state.fields.notes).toContain("5:15");
  });

  it("'call me after 3 today' is no address", () => {
    expect(addressOf("Can someone just call me after 3 today? I'm in a meeting.")).toBeNull();
    expect(addressOf("maybe around 4 tomorrow")).toBeNull();
  });
});

describe("work the business does not take", () => {
  it("offers the office's call at once, and 'no worries' ends the call, not booked, with no task", () => {
    const results = converse([
      "78701",
      "I run a coffee shop downtown and the mop sink is clogged. Could someone come this afternoon?",
      "Ah, okay. No worries.",
    ]);
    expect(results[2]!.say).toContain("we don't do commercial buildings");
    expect(results[2]!.say).toContain("would you like someone from the office to call you back?");
    expect(results[2]!.say).not.toContain("who am I speaking with");
    const s = results.at(-1)!.state;
    expect(s.outcome).toBe("not_booked");
    expect(
      tasksOf(["78701", "I run a coffee shop downtown and the mop sink is clogged", "Okay, no problem."])
        .bookingIntent,
    ).toBe("no");
  });

  it("an unclear answer hears the office's call offered again, never a visit", () => {
    const r = end(["78701", "I run a coffee shop downtown and the mop sink is clogged", "hmm"]);
    expect(r.say).toContain("call you back");
    expect(r.say).not.toContain("book a plumber");
  });
});

describe("who is calling, and calls that are no booking", () => {
  it("'I was calling my son, I hit the wrong button' is a wrong number, and the name asked after is no caller's", () => {
    const r = end([
      "Hi? Marcus? Is that you, honey?",
      "Oh dear, no, I was calling my son. I hit the wrong button, I'm so sorry.",
    ]);
    expect(r.state.outcome).toBe("closed");
    expect(r.state.fields.callerName).toBeUndefined();
    // A terse caller's given name on its own is still the name.
    expect(end(["clog. 78701. tom."]).state.fields.callerName).toBe("Tom");
  });

  it("'we need the septic pumped, do you do that?' is declined at once, and 'no worries' ends it", () => {
    const r = converse([
      "78701",
      "Our septic tank's overdue for pumping, it's been years. Do y'all do that?",
      "Ah, okay, no worries.",
    ]);
    expect(r[2]!.say).toContain("we don't do septic tanks");
    expect(r.at(-1)!.state.outcome).toBe("not_booked");
    // Asked about in passing, with another problem told, the problem goes on.
    expect(end(["78701", "the tub drains slow, and do y'all pump septic tanks?"]).state.stage).toBe("name");
  });

  it("water all over the floor this morning, cleaned up and dry now, is no emergency", () => {
    const said =
      "This morning the dishwasher, water come out all over the kitchen floor. I clean already, now is dry. I think the drain is blocked.";
    expect(emergencyIn(said)).toBeNull();
    expect(
      emergencyIn("This morning water come out all over the floor and it's still coming"),
    ).not.toBeNull();
  });

  it("a water heater the business put in back in November, leaking now, is a repair, not new work", () => {
    expect(
      urgencyOf(
        "y'all put in a new water heater for us back in october, and now there's a little puddle around the base",
      ),
    ).not.toBe("low");
  });
});

describe("water heaters, hurried callers and rural addresses", () => {
  it("rusty hot water from an old heater is its colour, not a leak", () => {
    expect(
      urgencyOf("the heater's twenty years old and the hot water's coming out brown, so I want a new one"),
    ).not.toBe("high");
    expect(urgencyOf("water is coming out from under the heater")).toBe("high");
  });

  it("the ZIP said as the ZIP wins over a road number of five digits", () => {
    const r = end(["We're out at 12100 FM 1826, the zip's 78724. The kitchen drain is slow."]);
    expect(r.state.fields.zip).toBe("78724");
    expect(r.state.outcome).toBe("not_booked");
  });

  it("'this is the third plumber I've called' is how the caller got here, not the problem", () => {
    const r = end(["It's 78701, and this is the fourth plumber I've called, so please."]);
    expect(r.state.stage).toBe("issue");
  });

  it("'is this the plumb—' cut off is a caller checking who they reached", () => {
    const r = end(["Hello? Is this the plumb—"]);
    expect(r.say).not.toContain("make a note");
    expect(r.say).toContain("Demo Plumbing");
  });

  it("'anything Thursday? I'm at work till then' books Thursday", () => {
    const r = end([
      "78701",
      "the bathroom faucet drips",
      "Ada Brennan",
      "yes",
      "4500 Duval Street",
      "Do you have anything Thursday? I'm at work till then.",
    ]);
    expect(r.state.fields.appointmentAt).toBe("2026-03-05T15:00:00.000Z");
  });

  it("'put it under my mom, Dorothy Haines' stores the mother, and the daughter is noted", () => {
    const r = end([
      "78701",
      "her water heater drips into the pan",
      "I'm Karen Haines, but put it under my mom, Dorothy Haines.",
    ]);
    expect(r.state.fields.callerName).toBe("Dorothy Haines");
    expect(r.state.fields.notes).toContain("Called by Karen Haines");
  });
});

describe("problems that change while the caller speaks, and how the call reaches us", () => {
  it("'a pipe burst — no, sorry, it's not burst, it's just dripping' is the drip", () => {
    expect(
      emergencyIn(
        "I think the pipe burst — no sorry, it's not burst, it's only dripping from the valve into a cup.",
      ),
    ).toBeNull();
    // Corrected to something worse, it is still an emergency.
    expect(emergencyIn("a pipe burst, no wait, it's the water heater, it's pouring out")).not.toBeNull();
  });

  it("'it was earlier, right now it's dry' answers the safety question no", () => {
    const r = end([
      "78701",
      "there was a puddle under the bathroom sink this morning, from the drain I think",
      "That was earlier, when the sink was running. Right now it's dry.",
    ]);
    expect(r.state.escalation).toBeNull();
    expect(r.state.stage).toBe("name");
  });

  it("water up out of the floor drain every time the washer drains, 'not, like, sewage', is no emergency", () => {
    expect(
      emergencyIn(
        "Every time the washer empties, water comes up out of the floor drain and spreads out. It's soapy, it's not, like, sewage.",
      ),
    ).toBeNull();
  });

  it("'we're fine, never mind' at the end ends the call, whatever came before", () => {
    const r = end([
      "78701",
      "We have no water at all, nothing from any tap!",
      "No, it's just the two of us.",
      "Wait— oh. My son shut the main off for the sprinkler guy. It's back on now. We're fine, never mind.",
    ]);
    expect(r.state.outcome).toBe("not_booked");
  });

  it("a tenant's tub for a property manager is a home, and 'the unit is 4105 Speedway' is the address", () => {
    const r = end([
      "78701",
      "The tenant says the tub drains really slow. I'm the property manager.",
      "No, nothing like that.",
      "Karen Schultz.",
      "Yes, book it. The unit is 4105 Speedway, number B.",
    ]);
    expect(r.say).not.toContain("commercial");
    expect(r.state.fields.address).toContain("4105 Speedway");
  });

  it("everything in the first breath: the name after 'I'm', the gate code and the dog for the plumber", () => {
    const r = end([
      "ZIP is 78701, I'm Beth Caldwell, we're at 2411 Enfield Road, the toilet keeps running. There's a gate code, it's 4419, and we've got a big dog.",
    ]);
    expect(r.state.fields.callerName).toBe("Beth Caldwell");
    expect(r.state.fields.notes).toContain("gate code");
    // A dog in the story of the problem is no instruction for the plumber.
    const story = end(["78701", "the dog knocked the lid off the toilet tank and now it runs all night"]);
    expect(story.state.fields.notes ?? "").not.toContain("For the plumber");
  });

  it("'do you know who does?' after work the business does not take lets it go", () => {
    const r = converse(["78701", "Our well pump quit, no water at all.", "Oh. Okay, do you know who does?"]);
    expect(r.at(-1)!.state.outcome).toBe("not_booked");
  });

  it("a relay operator's words are not the caller's: the caller's ZIP, problem and name are", () => {
    const first = end([
      "Hello, this is relay operator 4417 with a call from a deaf person typing. I'll read their words. Caller says: my zip is 78701. Go ahead.",
    ]);
    expect(first.state.fields.zip).toBe("78701");
    expect(first.state.escalation).toBeNull();
    const named = end([
      "This is the relay service with a call from a deaf caller. Caller says: zip 78701 go ahead",
      "Caller says: the bathroom faucet drips. go ahead",
      "Caller says: my name is Mai Tran. go ahead",
    ]);
    expect(named.state.fields.callerName).toBe("Mai Tran");
  });

  it("'78702. Can I just talk to a person?' keeps the ZIP", () => {
    const r = end(["78702. Can I just talk to a person? I don't like these machines."]);
    expect(r.state.fields.zip).toBe("78702");
    expect(r.state.escalation).not.toBeNull();
  });

  it("a second problem said with the name goes with the first", () => {
    const r = end([
      "78701",
      "the tub drains slow",
      "No, nothing like that.",
      "Sunil Mehta. Oh, and the toilet upstairs also rocks, can he look at both?",
    ]);
    expect(r.state.fields.issueSummary).toMatch(/toilet/i);
    expect(r.state.fields.callerName).toBe("Sunil Mehta");
  });

  it("water standing in the meter box is no fixture bought 'in the box'", () => {
    expect(urgencyOf("there's water standing in the box at the curb by the meter")).not.toBe("low");
  });

  it("'I keep thinking about the water bill' is a worry, not a plan", () => {
    expect(urgencyOf("the faucet has dripped for two weeks and I keep thinking about the water bill")).toBe(
      "normal",
    );
  });
});
