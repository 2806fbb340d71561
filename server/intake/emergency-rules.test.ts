// Each emergency rule in plain words, with the wordings callers really use. The rules take the
// raw utterance (any case, punctuation, curly apostrophes).
import { describe, expect, it } from "vitest";
import { detectEmergency, EMERGENCY_RULES, emergencyRule } from "@/server/intake/emergency-rules";
import { detectEmergency as reExported, urgencyOf } from "@/server/intake/rules-extract";

describe("flooding: water that won't stop or is spreading", () => {
  it("escalates water that won't stop spreading into the hallway as flooding", () => {
    expect(detectEmergency("The water won't stop spreading into the hallway!")).toBe("flooding");
    expect(detectEmergency("water keeps spreading into the hallway")).toBe("flooding");
  });

  it("escalates water leaking out and spreading into another room as flooding", () => {
    expect(detectEmergency("Water is leaking out of the washer and it's spreading into the hallway.")).toBe(
      "flooding",
    );
    expect(detectEmergency("my toilet is overflowing and water is going into the hallway")).toBe("flooding");
  });

  it("escalates water coming out that the caller cannot stop as flooding", () => {
    expect(detectEmergency("The water’s coming out of the wall and it won’t stop")).toBe("flooding");
    expect(detectEmergency("I can't shut the water off and it's pouring out under the sink")).toBe(
      "flooding",
    );
    expect(detectEmergency("the toilet is overflowing and it won't stop")).toBe("flooding");
  });

  it("hears water everywhere, even from a caller who mentions the pressure first", () => {
    expect(detectEmergency("the pressure dropped and now there's water everywhere")).toBe("flooding");
    expect(detectEmergency("low water pressure, and the basement has water everywhere")).toBe("flooding");
  });

  it("escalates water all over a floor that won't stop as flooding", () => {
    expect(detectEmergency("There's water all over the kitchen floor and it won't stop")).toBe("flooding");
  });

  it("escalates water through the ceiling and standing water in the basement", () => {
    expect(detectEmergency("there's water coming through the ceiling")).toBe("flooding");
    expect(detectEmergency("there's inches of water in the basement and it's still leaking")).toBe(
      "flooding",
    );
    expect(detectEmergency("BASEMENT IS FLOODED")).toBe("flooding");
  });

  it("escalates water that has already reached another room, however the caller says it", () => {
    expect(detectEmergency("the toilet won't quit overflowing, it's in the hall")).toBe("flooding");
    expect(detectEmergency("the tub overflowed and it's already in the bedroom")).toBe("flooding");
    expect(detectEmergency("the washer leaked and it got into the den")).toBe("flooding");
    expect(detectEmergency("the water heater is leaking and it reached the hallway")).toBe("flooding");
  });

  it("does not take a fixture that merely sits in a room as water spreading", () => {
    expect(detectEmergency("my water heater is in the garage and it hums")).toBeNull();
    expect(detectEmergency("the kitchen faucet drips, it's the one in the kitchen")).toBeNull();
    expect(detectEmergency("my toilet won't quit running")).toBeNull();
  });

  it("escalates a toilet spilling over its rim and out under the door, without the word 'overflow'", () => {
    expect(
      detectEmergency(
        "the toilet keeps filling and going over the top, it's running under the door into the hall",
      ),
    ).toBe("flooding");
  });

  it("escalates water coming out that 'don't stop', said by a caller whose English is a second language", () => {
    expect(detectEmergency("from the heater much water is coming out, it don't stop")).toBe("flooding");
  });

  it("does not escalate a toilet that won't stop running", () => {
    expect(detectEmergency("my toilet won't stop running")).toBeNull();
    expect(detectEmergency("the toilet keeps running all night")).toBeNull();
    expect(urgencyOf("my toilet won't stop running")).not.toBe("emergency");
  });

  it("does not escalate a faucet that won't stop dripping", () => {
    expect(detectEmergency("the kitchen faucet won't stop dripping")).toBeNull();
  });

  it("does not escalate a leak that only happens while a fixture is in use", () => {
    expect(detectEmergency("it leaks all over the floor, but only when I run the dishwasher")).toBeNull();
  });

  it("does not escalate flooding the caller rules out", () => {
    expect(detectEmergency("the basement isn't flooding, it's just damp")).toBeNull();
    expect(detectEmergency("there is no water on the floor")).toBeNull();
  });

  it("does not escalate a flood that happened before and was fixed", () => {
    expect(detectEmergency("we had a flood last year, it's fixed now, the faucet just drips")).toBeNull();
  });

  it("does not take someone else's problem long ago, or one the caller sets aside, for theirs", () => {
    for (const said of [
      "my neighbor had a flood last year, the whole downstairs was ruined, so I worry. Ours is just a slow tub",
      "my sister's basement flooded a few years back, so I'm nervous, but mine is nothing like that, the sink drips",
      "a friend of mine once had sewage come up in his shower. Our kitchen drain is just slow",
      "we had a pipe burst before, this one isn't anything like that, it's a drip under the sink",
    ])
      expect(detectEmergency(said), said).toBeNull();
    expect(urgencyOf("my neighbor had no water for a week last year, ours just drips")).toBe("normal");
  });

  it("still hears the caller's own emergency told next to someone else's or an old one", () => {
    expect(detectEmergency("my neighbor had a flood last year and now our basement is flooding too")).toBe(
      "flooding",
    );
    expect(
      detectEmergency("water's pouring through the ceiling, it's nothing like that time last year"),
    ).toBe("flooding");
    expect(
      detectEmergency("my mom's pipe burst two weeks ago and water is still pouring out"),
    ).not.toBeNull();
    expect(
      detectEmergency("my mom has had no water since last week and she's 88 years old, nothing comes out"),
    ).toBe("no_water_vulnerable");
  });

  it("does escalate when an old problem is happening again right now", () => {
    expect(detectEmergency("the pipe burst last year and they fixed it, but it burst again right now")).toBe(
      "burst_pipe",
    );
  });
});

describe("burst pipes", () => {
  it.each([
    "a pipe burst in the garage",
    "we've got a busted pipe under the house",
    "the pipe under the sink split open",
    "I think the water main break is in our yard",
  ])("escalates %j as a burst pipe", (said) => {
    expect(detectEmergency(said)).toBe("burst_pipe");
  });
});

describe("gas", () => {
  it.each([
    "I smell gas near the water heater",
    "it smells like rotten eggs in here",
    "there's a gas leak by the stove",
    "Smells a bit like gas in the laundry room",
  ])("escalates %j as a gas smell", (said) => {
    expect(detectEmergency(said)).toBe("gas_smell");
  });

  it("escalates the smell people describe when they have never smelled gas: a skunk, sulfur", () => {
    expect(
      detectEmergency("there's a hiss by the heater and it smells like a skunk in the utility room"),
    ).toBe("gas_smell");
    expect(detectEmergency("the garage smells kind of sulfury near the furnace")).toBe("gas_smell");
  });

  it("does not escalate a caller who says there is no gas smell", () => {
    expect(detectEmergency("I don't smell gas, the stove just won't light")).toBeNull();
    expect(detectEmergency("there's no gas smell, just a slow drip")).toBeNull();
  });

  it("checks gas before anything else", () => {
    expect(EMERGENCY_RULES[0]!.kind).toBe("gas_smell");
    expect(detectEmergency("the basement is flooding and I smell gas")).toBe("gas_smell");
  });
});

describe("sewage", () => {
  it("escalates sewage backing up into the home", () => {
    expect(detectEmergency("sewage is backing up in the basement drain")).toBe("sewage_backup");
    expect(detectEmergency("there's raw sewage in the tub")).toBe("sewage_backup");
  });
});

describe("no water for someone vulnerable", () => {
  it("escalates no water with a baby, an elderly parent or a medical need", () => {
    expect(detectEmergency("my 87-year-old dad has no hot water")).toBe("no_water_vulnerable");
    expect(detectEmergency("my grandma's staying with us and we got no hot water")).toBe(
      "no_water_vulnerable",
    );
    expect(detectEmergency("no running water and my mom is on dialysis")).toBe("no_water_vulnerable");
  });

  it("does not escalate no water on its own: that is high, not an emergency", () => {
    expect(detectEmergency("we have no water")).toBeNull();
    expect(urgencyOf("we have no water")).toBe("high");
  });
});

describe("water near electrical", () => {
  it("escalates water near outlets or a panel, and a sagging ceiling", () => {
    expect(detectEmergency("water is dripping near the electrical panel")).toBe("other_safety_risk");
    expect(detectEmergency("the ceiling is sagging from the leak upstairs")).toBe("other_safety_risk");
  });
});

describe("every form of a verb", () => {
  it("hears a cue in any tense: comes up, came up, coming up", () => {
    expect(detectEmergency("every time we flush, sewage comes up in the tub")).toBe("sewage_backup");
    expect(detectEmergency("sewage came up through the shower drain")).toBe("sewage_backup");
    expect(detectEmergency("sewage is coming up in the basement")).toBe("sewage_backup");
  });

  it("hears a broken water line, however it is said", () => {
    expect(detectEmergency("the water line in the yard broke and it's gushing up out of the grass")).toBe(
      "burst_pipe",
    );
    expect(detectEmergency("the main line is busted")).toBe("burst_pipe");
    expect(detectEmergency("a pipe is broken in the wall and spraying")).toBe("burst_pipe");
  });

  it("keeps the exceptions in every tense too", () => {
    expect(detectEmergency("the toilet stopped overflowing last week and it's fixed now")).toBeNull();
    expect(detectEmergency("the toilet won't quit running")).toBeNull();
  });
});

describe("the rules as data", () => {
  it("is the same function through rules-extract", () => {
    expect(reExported).toBe(detectEmergency);
  });

  it("has a rule, a label and a plain-words description for every kind", () => {
    for (const rule of EMERGENCY_RULES) {
      // A kind may have several rules (several ways of hearing it); they share its label and safety line.
      expect(emergencyRule(rule.kind)).toBe(EMERGENCY_RULES.find((r) => r.kind === rule.kind));
      expect(rule.label).toBe(emergencyRule(rule.kind).label);
      expect(rule.safetyLine).toBe(emergencyRule(rule.kind).safetyLine);
      expect(rule.label.length).toBeGreaterThan(3);
      expect(rule.when.length).toBeGreaterThan(10);
    }
    expect(emergencyRule("gas_smell").safetyLine).toMatch(/leave the building/);
  });
});

describe("carbon monoxide is its own kind", () => {
  it("hears a carbon monoxide alarm, however it is named", () => {
    expect(
      detectEmergency(
        "The carbon monoxide alarm keeps going off in the garage right next to the water heater",
      ),
    ).toBe("carbon_monoxide");
    expect(detectEmergency("our CO detector is going off")).toBe("carbon_monoxide");
    expect(detectEmergency("the alarm by the furnace keeps beeping and my wife feels dizzy")).toBe(
      "carbon_monoxide",
    );
  });

  it("hears headaches or dizziness near a gas appliance", () => {
    expect(detectEmergency("ever since the new water heater went in we all get headaches in the house")).toBe(
      "carbon_monoxide",
    );
  });

  it("does not take a smoke alarm for carbon monoxide", () => {
    expect(
      detectEmergency("the smoke alarm near the water heater keeps chirping, I think it's the battery"),
    ).toBeNull();
  });
});

describe("emergencies in plain words", () => {
  it("hears a basement taking on water as flooding", () => {
    expect(
      detectEmergency(
        "My sump pump quit and the basement's taking on water fast, there's already a couple inches down there.",
      ),
    ).toBe("flooding");
  });

  it("hears dirty water coming up in the tub when someone flushes as a sewage backup", () => {
    expect(
      detectEmergency(
        "Every time somebody flushes, this dirty nasty water with, you know, gross stuff in it comes up in the bathtub.",
      ),
    ).toBe("sewage_backup");
    expect(detectEmergency("the toilet backed up into the tub")).toBe("sewage_backup");
  });

  it("hears water through a light fixture as water near electrical", () => {
    expect(detectEmergency("there's water coming through the ceiling light in the kitchen")).toBe(
      "other_safety_risk",
    );
    expect(detectEmergency("it's dripping out of the light fixture in the hall")).toBe("other_safety_risk");
  });

  it("hears no water at all with an infant in the house", () => {
    expect(detectEmergency("we have no water at all and I have a two month old infant")).toBe(
      "no_water_vulnerable",
    );
    expect(detectEmergency("nothing comes out of the taps and my mom is on oxygen")).toBe(
      "no_water_vulnerable",
    );
  });

  it("leaves small problems alone", () => {
    for (const said of [
      "my outdoor spigot is dribbling",
      "the shower pressure is really weak",
      "the water pressure upstairs is weak, everywhere else is fine",
      "the water pressure is low everywhere in the house",
      "the kitchen faucet sputters, the water's fine everywhere else",
      "the disposal leaks when it runs",
      "my toilet keeps running",
      "the toilet is clogged",
      "I've had a headache all week over this leaky faucet",
    ]) {
      expect(detectEmergency(said), said).toBeNull();
    }
  });
});

describe("each kind's safety line is the right one", () => {
  // A caller with a gas smell or a carbon monoxide alarm must be told to get out and call from
  // outside; flipping a breaker or touching switches could set off gas.
  it("tells gas and carbon monoxide callers to leave and call 911 or the gas company from outside, never to touch a breaker", () => {
    for (const kind of ["gas_smell", "carbon_monoxide"] as const) {
      const line = emergencyRule(kind).safetyLine ?? "";
      expect(line).toMatch(/leave|get everyone out/i);
      expect(line).toMatch(/911/);
      expect(line).toMatch(/from outside/i);
      expect(line).not.toMatch(/breaker|switch (it|them|the) (on|off)|valve/i);
    }
  });

  it("tells water callers to shut off the water, and only water-near-electrical callers about the breaker", () => {
    expect(emergencyRule("burst_pipe").safetyLine).toMatch(/shut-off valve/);
    expect(emergencyRule("flooding").safetyLine).toMatch(/shut-off|valve/);
    expect(emergencyRule("other_safety_risk").safetyLine).toMatch(/breaker/);
    expect(emergencyRule("sewage_backup").safetyLine).toMatch(/sewage/);
    for (const kind of ["burst_pipe", "flooding", "sewage_backup", "no_water_vulnerable"] as const)
      expect(emergencyRule(kind).safetyLine ?? "").not.toMatch(/breaker|911/);
  });

  it("has a rule for every emergency kind the call knows", async () => {
    const { EMERGENCY_KINDS } = await import("@/server/intake/extraction");
    expect([...new Set(EMERGENCY_RULES.map((r) => r.kind))].sort()).toEqual([...EMERGENCY_KINDS].sort());
  });
});
