// What counts as a plumbing emergency, written as data a plumber can read and change: each kind
// has the caller's words that signal it and the safety line the agent says before escalating.
//
// How to read a cue (the cue language of phrase-rules.ts, shared with the other phrasings): plain
// words match whole words; "*" after a word matches any ending ("overflow*" = overflow,
// overflowing, overflowed); "…" lets up to eight other words stand in between ("smell* … gas" =
// "smells like gas", "smell a bit of gas"); "-word" at the end means "not followed by that word"
// ("won't stop -running": a running toilet is not a flood). A rule fires on any one phrase of
// `anyOf`, or on one phrase from every group of `allOf`. A phrase right after a negation ("no",
// "not", "isn't", "without" …) does not count: "no water on the floor" is not flooding.
import type { EmergencyKind } from "@/server/intake/extraction";
import {
  afterGapAt,
  compileCue,
  cueMatches,
  heard as phraseHeard,
  negatedAt,
  phraseMatches,
  type CompiledCue,
} from "@/server/intake/phrase-rules";
import { SET_ASIDE, SOMEONE_ELSES_PAST, TOLD_FOR_COMPARISON } from "@/server/intake/phrasings-safety";

export type EmergencyRule = {
  kind: EmergencyKind;
  /** How the office and the on-call plumber hear it: "a burst pipe". */
  label: string;
  /** The rule in one sentence, for people. */
  when: string;
  anyOf?: readonly string[];
  allOf?: readonly (readonly string[])[];
  /** Words that mean the caller has it under control ("only when it's on"): then this rule does not fire. */
  unless?: readonly string[];
  /** Said before the transfer or callback promise; null when there is nothing useful to advise. */
  safetyLine: string | null;
};

/** A carbon monoxide alarm going off, described. */
const ALARM_GOING_OFF = [
  "alarm* … going off",
  "alarm* … go off",
  "alarm* … beep*",
  "detector* … going off",
  "detector* … beep*",
];
/** How carbon monoxide makes people feel. */
const FEELING_SICK = ["headache*", "dizz*", "nause*", "light-headed", "lightheaded", "feel* sick"];

/** Water getting out of where it belongs. */
const WATER_ESCAPING = [
  // "The water pressure is weak": pressure is not water getting out.
  "water -pressure",
  "overflow*",
  "leak*",
  "water … coming out",
  "water … coming in",
  "water's going",
  "water is going",
  "water going",
  "water … spilling",
  "spill*",
  // "The supply line blew off, it's pouring everywhere": the water goes without its name.
  "pouring -rain -outside -down -in",
  "gushing",
  "spewing",
  "shooting out",
  "water … running out",
  "water … on the floor",
  "water … in the basement",
  "water … coming down",
  // A toilet or tub spilling over its rim: "it keeps going over the top".
  "going over the top",
  "over the rim",
  "under the door",
];
const WILL_NOT_STOP = [
  // "I turned off the main and it's still coming, it's not slowing down."
  "still coming -out",
  "not slowing down",
  "can't find where to shut",
  "can't find the shut*",
  "won't stop -running -dripping -trickling",
  "wont stop -running -dripping -trickling",
  "will not stop -running -dripping",
  "doesn't stop -running -dripping",
  "don't stop -running -dripping",
  "does not stop -running -dripping",
  "not stopping",
  "can't stop -running -dripping",
  "can't get it to stop",
  "won't quit -running -dripping",
  "wont quit -running -dripping",
  "will not quit -running -dripping",
  "won't let up",
  "keeps overflowing",
  "keeps running over",
  "keeps spilling",
  "still pouring",
  "keeps coming",
  "keeps pouring",
  "can't shut … off",
  "can't turn … off",
  "cannot shut … off",
  "cannot turn … off",
  "won't shut off -all",
  "won't turn off -all",
];
/** Rooms water reaches when it spreads beyond the fixture. */
const OTHER_ROOMS = [
  "hall*",
  "bedroom*",
  // "Backs up into the kitchen sink": into a fixture, not the room.
  "kitchen -sink/faucet/drain/disposal/counter/cabinet/cabinets/tap",
  "living room",
  "dining room",
  "den",
  "next room",
  "other room*",
  "garage -sink/drain",
  "closet",
  "carpet",
];
/** "into the hallway", "it's already in the kitchen", "got into the den", "reached the bedroom". */
const REACHED_ROOM = [
  "into the",
  "already in the",
  "got into the",
  "made it into the",
  "reached the",
  "over into the",
].flatMap((how) => OTHER_ROOMS.map((room) => `${how} ${room}`));
const SPREADING = [
  // "Everywhere else is fine" is the rest of the house, where nothing is wrong.
  "everywhere -else/but/except",
  "all over",
  ...REACHED_ROOM,
  "down the stairs",
  "through the ceiling",
  "through the floor",
  "soaking the carpet",
  "soaking the floor",
  // (How deep the water stands is its own rule below: a tub that drains slowly is not a flood.)
  "standing water on the floor",
  "standing water in the basement",
  "spreading",
];

/** "Only when it's on", "when I flush": a fixture misbehaving while in use, under the caller's control. */
const WHEN_IN_USE = [
  // "Every time the washing machine drains, water comes up out of the floor drain".
  "every/each time … runs/run/drains/drain/empties/empty/flushes/flush/use/uses/showers/shower/turn/turns",
  "when it's on",
  "whenever it's on",
  "whenever it is on",
  "whenever i/we/you run/use/turn",
  "when it is on",
  "only when",
  "when i run",
  "when i use",
  "when i flush",
  "when i turn",
  "when we use",
  "when we run",
  "when we flush",
  "when you use",
  "when you run",
  "when you turn",
  "when in use",
  "when it's used",
  "when somebody showers",
  "when someone showers",
];

/** Kinds with several rules share how they are heard by people and what the agent advises. */
const GAS_SMELL = {
  kind: "gas_smell",
  label: "a gas smell",
  safetyLine:
    "If you smell gas, please leave the building now, don't switch anything on or off, and call 911 or your gas company from outside.",
} as const;
const CARBON_MONOXIDE = {
  kind: "carbon_monoxide",
  label: "a carbon monoxide alarm",
  safetyLine:
    "Please get everyone out of the house now, leave the door open behind you, and call 911 or your gas company from outside. Don't go back in until they say it's safe.",
} as const;
const BURST_PIPE = {
  kind: "burst_pipe",
  label: "a burst pipe",
  safetyLine: "If you can do it safely, turn off the main water shut-off valve.",
} as const;
// Water near wiring and a burning smell share a kind, so one label and one safety line fit both.
const OTHER_SAFETY_RISK = {
  kind: "other_safety_risk",
  label: "a safety risk (water near electrical, a burning smell or an overheating water heater)",
  safetyLine:
    "Please keep everyone clear of it and of any water near outlets or wiring, and if it's safe, switch off the breaker for that area. If you see smoke, leave the house and call 911.",
} as const;
const SEWAGE_BACKUP = {
  kind: "sewage_backup",
  label: "a sewage backup",
  safetyLine:
    "Please keep everyone away from the sewage water and don't flush or run any water until the plumber gets there.",
} as const;
const FLOODING = {
  kind: "flooding",
  label: "water that won't stop",
  safetyLine:
    "If you can do it safely, turn off the water valve for that fixture or the main shut-off, and stay away from any outlets near the water.",
} as const;

export const EMERGENCY_RULES: readonly EmergencyRule[] = [
  {
    ...GAS_SMELL,
    when: "The caller smells gas or says there is a gas leak, in the word or as an unlit stove's smell.",
    anyOf: [
      "smell* … gas",
      "gas smell*",
      "gas odor*",
      "gas odour*",
      "gas leak*",
      "leak* … gas",
      "hiss* … gas line",
      // "A smell like the stove when you turn it and no fire comes": unlit gas, in other words.
      "smell* like … stove*",
      "smell* like … burner*",
      "stove* … no fire",
      "stove* … no flame*",
      "burner* … no fire",
      "burner* … no flame*",
    ],
    // "By the water heater there's a smell and a small hissing sound": a hiss by a gas appliance
    // that smells.
    allOf: [
      ["smell*", "odor*", "odour*", "stink*"],
      ["hiss*", "ssss*", "psss*"],
      ["water heater", "hot water", "furnace", "stove*", "oven", "dryer", "meter", "gas line", "pilot"],
    ],
  },
  {
    ...GAS_SMELL,
    when: "A smell told by what gas smells like ('like somebody just struck a match, that sulfur smell', 'a whiff like my son's propane grill when he turns it on') near a gas appliance. Water that smells of rotten eggs (a water heater's anode) is not this.",
    allOf: [
      ["smell*", "whiff*", "odor*", "odour*", "reek*", "stink*"],
      [
        "sulfur*",
        "sulphur*",
        "struck a match",
        "struck match",
        "lit match",
        "like matches",
        "burnt match*",
        "just struck one",
        "propane",
        "grill when",
        "like a grill",
        "like the grill",
      ],
      [
        "stove*",
        "dryer",
        "water heater",
        "furnace",
        "oven",
        "range",
        "meter",
        "pilot",
        "cooktop",
        "laundry room",
        "knob*",
      ],
    ],
    // ("the water heater closet smells like matches" is the air by the heater, not the water.)
    unless: [
      "water smell*",
      "water -heater … smells",
      "hot water -heater … smell*",
      "tap water",
      "from the tap*",
      "from the faucet*",
      "drain*",
    ],
  },
  {
    ...GAS_SMELL,
    when: "A smell told as a stove or burner that is turned on and does not light, however far apart the words are ('a weird smell in the furnace closet, kind of like when you turn the stove on and it doesn't light').",
    allOf: [
      ["smell*", "odor*", "odour*", "stink*", "whiff"],
      ["stove*", "burner*", "range", "oven", "cooktop"],
      [
        "doesn't/don't/didn't/won't/wont/can't light*",
        "does not light*",
        "not lit",
        "unlit",
        "doesn't/don't/didn't/won't catch",
        "no flame*",
        "no fire",
        "before it lights",
        "before it catches",
      ],
    ],
  },
  {
    ...GAS_SMELL,
    when: "The air smells of rotten eggs, sulfur or a skunk: the odorant added to gas, as people describe it who have never smelled gas. Water that smells of it (the hot water from the tap) is the water heater, not gas: the safety question asks.",
    anyOf: [
      "rotten egg*",
      "smell* … skunk",
      "skunk … smell*",
      "smell* … sulfur*",
      "smell* … sulphur*",
      "sulfur* smell*",
      "sulphur* smell*",
    ],
    unless: [
      "water smell*",
      "water has/had/is/was smell*",
      "water … smells like",
      "water … smell like",
      "water that smells",
      "water has a … smell",
      "smell* … from the faucet*",
      "smell* … from the tap*",
      "smell* … when i run the water",
      "smell* … in the water",
      "tap* … smell*",
      "faucet* … smell*",
    ],
  },
  {
    ...CARBON_MONOXIDE,
    when: "A carbon monoxide alarm or detector is going off. A detector that only chirps now and then (its battery or its age) is not an alarm: the safety question asks.",
    anyOf: [
      "carbon monoxide",
      "monoxide",
      "co alarm*",
      "co detector*",
      "co monitor*",
      "c o alarm*",
      "c o detector*",
      // The detector's own screen, as speech recognition spells it: "it says c o on it".
      "says co",
      "says c o",
    ],
    unless: ["chirp*", "battery", "batteries", "end of life"],
  },
  {
    ...CARBON_MONOXIDE,
    when: "An alarm that is not the smoke alarm going off while people feel sick, or one whose number keeps climbing: a carbon monoxide alarm described, not named.",
    allOf: [
      [...ALARM_GOING_OFF, "alarm* … goes off"],
      [...FEELING_SICK, "number … going/goes/went up", "number … climb*", "number … keeps/kept rising"],
    ],
    unless: ["chirp*", "battery", "batteries", "end of life"],
  },
  {
    ...CARBON_MONOXIDE,
    when: "An alarm is going off, or people feel a headache, dizziness or nausea, near a gas appliance (water heater, furnace, boiler).",
    allOf: [
      [
        ...ALARM_GOING_OFF,
        "alarm* … sound*",
        ...FEELING_SICK,
        "feel* faint",
        "pass* out",
        "head … hurts",
        "head … hurting",
        "head … pounding",
        // The alarm screaming ("the thing on the ceiling is screaming"), not the heater itself: a
        // water heater that screams like a kettle is overheating (below).
        "alarm* … screaming",
        "detector* … screaming",
        "thing … screaming",
        "screaming … alarm*",
      ],
      [
        "water heater",
        "furnace",
        "boiler",
        "gas heater",
        "heater",
        "stove",
        "pilot light",
        "gas appliance*",
        "gas line",
      ],
    ],
    unless: ["smoke alarm", "smoke detector"],
  },
  {
    ...SEWAGE_BACKUP,
    when: "Sewage is coming up or backing up into the home.",
    anyOf: [
      "raw sewage",
      "sewage … coming up",
      "sewage … backing up",
      "sewage … backed up",
      "sewage … everywhere -else",
      "sewage … all over",
      "sewage … overflow*",
      "sewage … in the",
      "sewage … on the floor",
      "sewage … coming out",
      "sewer … backing up",
      "sewer … backed up",
      "sewer … overflow*",
      "sewer backup",
      // "The toilet and the tub are backing up with sewer water": what comes up named after it.
      "back*/backed up with … sewer*/sewage",
      "poop … coming up",
      "toilet water … coming up",
      // Out of the yard's cleanout: "the pipe cap in the lawn popped off and toilet water with paper in it is bubbling out".
      "toilet water … bubbling/pouring/gushing/spilling/coming out",
      "toilet paper … bubbling/pouring/gushing/spilling/coming out/up",
      "cleanout … bubbling/spilling/pouring",
      "cleanout … overflow*",
      "cleanout … coming up",
      "sewage smell … in the",
    ],
  },
  {
    ...SEWAGE_BACKUP,
    when: "Waste water coming up where it should not ('every time we flush, dirty water comes up in the tub'). Dishwasher water coming up in the kitchen sink it drains through is a clog in that sink, not sewage.",
    unless: ["dishwasher* …* sink*", "sink* …* dishwasher*"],
    allOf: [
      [
        "flush*",
        "toilet*",
        "sewer*",
        "dirty water",
        "nasty water",
        "gross water",
        "brown*",
        "black water",
        "filthy",
        "smelly",
        "stink*",
        "foul",
        "disgusting",
        "poop",
        "waste",
        "porta-potty",
        "porta potty",
        "port-a-potty",
        "outhouse",
      ],
      [
        "come up … tub",
        "come up … bathtub",
        "come up … shower",
        "come up … drain",
        "come up … sink",
        "drain* … come up",
        "come up with",
        "come up in the",
        "come up out of",
        "come up through",
        "bubbl* up",
        "burp* up",
        "belch* up",
        "spit* up",
        "gurgl* up",
        "floor drain … up",
        "back up … tub",
        "back up … bathtub",
        "back up … shower",
        "out of the floor drain",
      ],
    ],
  },
  {
    ...SEWAGE_BACKUP,
    when: "Dirty water where it should not be, told by how it looks or smells: a toilet overflowing brown water onto the floor, a tub filling up with dirty water from its drain.",
    allOf: [
      [
        "dirty water",
        "nasty water",
        "gross water",
        "brown*",
        "black water",
        "not clean",
        "isn't clean",
        "filthy",
        "poop",
        "feces",
        "porta-potty",
        "porta potty",
        "port-a-potty",
        "outhouse",
        "smells like a toilet",
        "smells like sewer",
        // "The shower fills with black, stinking water".
        "black/brown, stinking/stinky/smelly",
        "stinking/stinky/smelly water",
        "sewer water",
        "sewage water",
      ],
      [
        "overflow* -stain*",
        "going over the top",
        "over the rim",
        "all over the -wall*",
        "on the floor",
        "into the hall*",
        "filling up with",
        "fills/filled [up] with",
        "over the [_] floor",
        "over the edge",
        "onto/on the [_] floor",
        "fill* up … from the drain",
        "from the drain",
        "out of the drain",
        "up through the drain",
      ],
    ],
    unless: ["stain*", "used to", "last year"],
  },
  {
    ...BURST_PIPE,
    when: "Water bubbling or gushing up out of the yard like a fountain, or running off into the street: the service line has broken.",
    allOf: [
      [
        "bubbl*/gush*/pour*/shoot*/spurt* … yard/lawn/ground/sidewalk/driveway/grass",
        "yard/lawn/ground/sidewalk/driveway/grass … bubbl*/gush*/spurt*",
      ],
      [
        "fountain",
        "geyser",
        "curb",
        "gutter",
        "into the street",
        "pressure … died/dropped/gone",
        "won't stop",
      ],
    ],
  },
  {
    ...BURST_PIPE,
    when: "A pipe or water line has burst, broken or split.",
    anyOf: [
      "burst pipe*",
      "pipe* … burst",
      "pipe* … busted",
      "busted pipe*",
      "broken pipe*",
      "pipe* … broke",
      "pipe* … split",
      "split pipe*",
      "pipe* … exploded",
      "pipe* … ruptured",
      "line … burst",
      "burst … line",
      "water main break",
      "pipe* … popped",
      "popped … pipe*",
      "pipe* … blew",
      "blew … pipe*",
      "main … burst",
      "line … broke",
      "line … bust",
      "main … broke",
    ],
    // "The pipe cracked open in the freeze and it's gushing": a crack that lets the water out.
    allOf: [
      ["pipe*", "line", "main"],
      ["crack* open", "crack* … gush*", "crack* … spray*", "crack* … pour*", "split open", "gush*"],
    ],
  },
  {
    ...BURST_PIPE,
    when: "Water is spraying, rushing or running down out of sight: under the house, inside a wall, under the slab or the floor.",
    allOf: [
      [
        "spray*",
        "gush*",
        "blast*",
        "rushing",
        "pour*",
        "shoot*",
        "come down",
        "running down",
        "run down",
        "stream*",
      ],
      [
        "under the house",
        "crawl space",
        "crawlspace",
        "in the … wall*",
        "inside … wall*",
        "behind … wall*",
        "under the slab",
        "under the floor*",
        "in the yard",
      ],
    ],
    // A sprinkler spraying the yard is doing its job. Water by the breaker box is water at the
    // electrics first (the rule after).
    unless: [...WHEN_IN_USE, "sprinkler*", "irrigation", "breaker*", "electrical panel", "outlet*", "wiring"],
  },
  {
    ...BURST_PIPE,
    when: "The water meter is moving with everything in the house turned off: water is escaping somewhere unseen (a slab leak, a broken line).",
    allOf: [
      ["meter*"],
      ["spin*", "moving", "turning", "running", "going"],
      [
        "everything … off",
        "nothing … on",
        "nothing's on",
        "nothing running",
        "all … turned off",
        "all … shut off",
      ],
    ],
  },
  {
    ...BURST_PIPE,
    when: "Water heard running hard inside a wall or floor when nothing in the house is on ('everything is off and I hear water running in the wall behind the fridge, like a tap wide open'): a pipe giving way now.",
    allOf: [
      [
        "water running",
        "running water",
        "water rushing",
        "rushing water",
        "water … running hard",
        "like a tap",
        "like a faucet",
      ],
      [
        "in/inside/behind the/a wall*",
        "in/inside/under the floor*",
        "in/inside the ceiling",
        "behind the fridge/refrigerator",
      ],
      ["everything … off", "nothing … on", "all off", "nobody … using", "nobody … shower*", "no faucets"],
    ],
    // A faint sound now and then ("at night I hear water running in the wall… like a shhh") is not a
    // pipe giving way now: the safety question asks whether water is showing anywhere.
    // ("The baseboard has gone soft", "the house is quiet": no word about the sound itself.)
    unless: ["at night", "shh*", "faint*", "faintly"],
  },
  {
    ...FLOODING,
    when: "Water coming up through a floor, tile or slab and spreading ('water is seeping up between the tiles, more every time I look'): a line leaking under the house now.",
    allOf: [
      [
        "seep* up",
        "coming up between/through",
        "bubbl* up between/through",
        "water … between the tiles",
        "up through the floor/slab/grout/tile*",
      ],
      [
        "more … every time",
        "getting bigger",
        "bigger than",
        "spreading",
        "growing",
        "more and more",
        "keeps coming",
      ],
    ],
    unless: [...WHEN_IN_USE],
  },
  {
    ...BURST_PIPE,
    when: "The water meter is racing (spinning fast with nothing turned on): a lot of water is escaping somewhere.",
    allOf: [
      ["meter*", "dial"],
      [
        // "With everything shut off the little red wheel on it is just whirling".
        "whirl*",
        "spin*/turn*/mov* … with everything/nothing … off/on",
        "spin* like crazy",
        "spin* like mad",
        "spin* fast",
        "spin* really fast",
        "spin* so fast",
        "racing",
        "going crazy",
        "going like crazy",
      ],
    ],
  },
  {
    ...OTHER_SAFETY_RISK,
    when: "Water is near outlets, wiring or a light fixture, or the ceiling is sagging.",
    anyOf: [
      "water … light fixture*",
      "water … ceiling light*",
      "water … through the light*",
      "water … out of the light*",
      "water … from the light*",
      "water … around the light*",
      "leak* … light fixture*",
      "drip* … light fixture*",
      "drip* … ceiling light*",
      "drip* … from the light*",
      "drip* … out of the light*",
      "ceiling … through the light*",
      "through the light* … the lamp",
      "drip* from the lamp",
      "water … the lamp",
      "water … outlet*",
      "water … electrical",
      "water … breaker*",
      "water … wiring",
      "water … panel",
      "leak* … outlet*",
      "leak* … electrical",
      "sparks",
      "sparking",
      "ceiling … sagging",
      "ceiling … caving",
      "ceiling … collaps*",
      "ceiling … bulging",
      "ceiling … falling",
    ],
  },
  {
    ...OTHER_SAFETY_RISK,
    when: "Water on or at the breaker box, anywhere in what was said ('running down the garage wall right where the breaker box is, dripping off the bottom of the panel').",
    allOf: [
      ["breaker box*", "breaker panel*", "electrical panel*", "fuse box*", "breakers"],
      ["water -heater -softener -bill", "drip*", "leak*", "wet", "running down", "spray*", "soak*"],
    ],
  },
  {
    ...OTHER_SAFETY_RISK,
    when: "Water running or spreading toward something plugged in or electrical ('across the floor to where the freezer is plugged in').",
    allOf: [
      ["water", "leak*", "puddle*", "spit*", "spray*", "pool*", "spread*"],
      ["toward*", "towards", "to where", "near", "next to", "reach*", "getting to", "up to", "under"],
      [
        "plugged in",
        "power strip*",
        "extension cord*",
        "outlet*",
        "socket*",
        "breaker*",
        "electrical panel",
        "wiring",
      ],
    ],
  },
  {
    ...OTHER_SAFETY_RISK,
    when: "A water heater that screams or shrieks like a kettle, or whose relief valve (the pipe off its side) spits, sprays or blows scalding water or steam: an overheating tank, which can scald or burst. A relief valve that only drips a bit is a leak: the safety question asks.",
    allOf: [
      ["water heater*", "heater", "tank", "boiler"],
      [
        "scream*",
        "shriek*",
        "squeal* like … kettle",
        "like a [tea] kettle",
        "steam*",
        "relief valve … spit*/spray*/blow*/shoot*/spurt*/gush*/pour*",
        "pipe … side … spit*/spray*/blow*/shoot*/spurt*/gush*",
      ],
    ],
  },
  {
    ...OTHER_SAFETY_RISK,
    when: "Something smells like it is burning, scorching or melting (a water heater, its wiring, an appliance): a fire risk, whatever the plumbing problem with it.",
    allOf: [
      ["smell*", "smelling", "odor*", "odour*", "stink*"],
      [
        "burning",
        "burnt",
        "burned",
        "burn -out",
        "scorch*",
        "melting",
        "melted",
        "hot plastic",
        "electrical",
        "smell* hot",
        "smoke",
        "smoking",
        "smoky",
      ],
    ],
    // A disposal that smells hot only while it runs is stopped by not running it.
    // "Like burnt matches" is sulfur, how some people describe gas: the safety question asks.
    unless: [...WHEN_IN_USE, "smoke alarm*", "smoke detector*", "heartburn", "burning question", "match*"],
  },
  {
    ...FLOODING,
    when: "Water is actively flooding or pouring, won't stop, or is spreading through the home.",
    anyOf: [
      // "A flood of complaints" is a figure of speech; "a flood of water" is not.
      "flood* -of",
      "flood of water",
      // "Everywhere but on me" is a fixture spraying the wrong way, not water all over.
      "water -pressure … everywhere -else/but/except",
      "water … pouring",
      "water … gushing",
      // "My water heater sounds like somebody's shooting a gun": a sound, no water going anywhere.
      "water -heater … shooting",
      "shooting water",
      "water … spewing",
      "water … through the ceiling",
      // "Water dripping through the kitchen ceiling now, and it's picking up".
      "water … through the [_] [_] ceiling",
      "water … down from the ceiling",
      "water … coming through",
      "pouring … water",
      "gushing … water",
      "pouring out",
      "gushing out",
      "gushing up",
      "leak* all over the floor",
      "leak* … all over the",
      "taking on water",
    ],
    allOf: [WATER_ESCAPING, [...WILL_NOT_STOP, ...SPREADING]],
    // Water going where the garden is ("it's basically flooding my flower bed") is not water in the
    // home; water the caller pours down a drain to clear it is no water escaping; a drain that
    // "won't stop gurgling" is a sound.
    unless: [
      ...WHEN_IN_USE,
      "flower bed*",
      "flowerbed*",
      "garden",
      "lawn",
      // "No hot water, the water just comes out cold everywhere": cold water, not a flood.
      "come*/coming out cold",
      "cold everywhere",
      "pour*/poured … down it",
      "pour*/poured … down the/my drain*/sink*/toilet*/tub*",
      "won't/wont stop gurgling/gurgles/banging/humming/clicking",
    ],
  },
  {
    ...FLOODING,
    when: "Water is spraying out, unless it is a fixture spraying the wrong way (a shower head, a faucet's sprayer).",
    anyOf: ["water … spraying", "spraying … water", "spraying everywhere", "spraying all over"],
    unless: [
      ...WHEN_IN_USE,
      "shower head*",
      "showerhead*",
      "sprayer*",
      "aerator*",
      "except where",
      "where it's supposed to",
      "where it should",
    ],
  },
  {
    ...FLOODING,
    when: "Water is rising or standing deep in the home, unless it is the water of a tub, shower or sink that drains slowly.",
    anyOf: [
      "fill* up with water",
      "fill* with water",
      "water … rising",
      "water … getting deeper",
      "water … ankle",
      "couple inches of water",
      "inches of water",
      "inch* … of water",
      "water … inch* deep",
      "water's up to",
      "water is up to",
      "ankle deep",
    ],
    unless: [
      ...WHEN_IN_USE,
      "drain* slow*",
      "drain* really slow*",
      "drain* super slow*",
      "slow drain*",
      "slow to drain",
      "take* … to drain",
      "by the end",
      "by the time i'm done/finished",
      "in the tub",
      "in the bathtub",
      "in the shower",
      "in the sink",
      "while i shower",
      "when i shower",
    ],
  },
  {
    kind: "no_water_vulnerable",
    label: "no water for someone vulnerable",
    when: "There is no water, heat or hot water, and someone vulnerable depends on it: a baby, an elderly or sick person, someone on medical equipment.",
    allOf: [
      [
        "no water",
        "no running water",
        "no hot water",
        "no heat",
        "no water at all",
        "don't have any water",
        "don't have any hot water",
        "nothing … come out of the",
        "nothing … come out when",
        "water … not come out",
        "water … isn't come out",
        "water … won't come out",
        "water's out",
        "water is out",
        "water … cut off",
        "heat … out",
        "furnace … out",
        "furnace … not working",
        "not a drop",
        // "I turn on the tap and it coughs air and then nothing".
        "cough* air",
        "sputter* … then nothing",
        "and then nothing",
        // "Every tap in the house dry, not one drop", "she can't do it without the water".
        "not one drop",
        "without the water",
        "tap*/taps/faucet*/pipes … dry -rot -wall -cleaner",
        "hasn't/haven't/hadn't/didn't/can't/couldn't/doesn't/don't got/get/had/gotten a drop",
        "hasn't/haven't/hadn't had [any] [running/hot] water",
        "nothing … come out",
        "heat* … not working",
        "heat* … broke*",
        "heat* … quit",
        "sitting … in her/his/their/my coat*",
        "without water",
        "without hot water",
        "water … shut off",
        "water … off",
        "can't get … water",
        "don't have … water",
        "don't have … hot water",
        "water heater … out",
        "water heater … broke*",
        "water heater … dead",
        "water heater … died",
        "water heater … leak*",
        "water heater … not working",
        "heater … went out",
      ],
      [
        "bab*",
        "infant*",
        "newborn*",
        "toddler*",
        "elderly",
        "senior*",
        "grandm*",
        "grandp*",
        "grandfather",
        "grandparent*",
        "disab*",
        "dialysis",
        "oxygen",
        "pregnant",
        "hospice",
        "wheelchair",
        "bedridden",
        "feeding tube",
        "wound",
        "home from the hospital",
        "out of the hospital",
        "chemo*",
        "is sick",
        "are sick",
        "sick kid*",
        "sick child*",
        "sick baby",
        "nursing home",
        "frail",
        "cancer",
        "month* old",
        "week* old",
        "OLD_PERSON",
      ],
    ],
    safetyLine: null,
  },
  {
    ...BURST_PIPE,
    // Last, so the rules above name the kind first ("knocked off and spraying, I can't find the
    // shutoff" is water that won't stop).
    when: "A faucet, spigot, valve or fitting snapped or knocked off, with water blasting, gushing or spraying out of where it was: the line is open.",
    allOf: [
      ["faucet*", "spigot*", "hose bib*", "valve*", "fitting*", "pipe*", "line", "tap"],
      [
        "snap* off",
        "snap* clean off",
        "snapped",
        "broke off",
        "broken off",
        "came off",
        "come off",
        "knocked off",
        "sheared off",
        "ripped off",
        "torn off",
      ],
      [
        "blast*",
        "gush*",
        "spray*",
        "pour*",
        "shoot*",
        "spew*",
        "rushing",
        "won't stop",
        "geyser",
        "everywhere",
      ],
    ],
    unless: ["handle … came/come off", "knob … came/come off", "aerator"],
  },
];

/**
 * A problem in the past that is over now is not an emergency: when it happened ("last night",
 * "a year ago") and that it is settled ("we cleaned it all up", "it's fine right now", "bone dry"),
 * in either order, and nothing says it is still going on.
 */
const IN_THE_PAST =
  /\b(last (night|week|month|year|spring|summer|fall|winter|weekend)|yesterday|the other (day|night)|over the weekend|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(days?|weeks?|months?|years?|winters?|summers?|springs?|falls?|autumns?|hours?|an hour) ago|back in|used to|since before|before (we|i) (bought|moved|got)|(this|that) morning (we|i|they|it) (had|was|were|got))\b/;
const SETTLED =
  /\b(fixed|repaired|taken care of|dried (out|up)|(been|stayed|it's been|it has been|its been) dry|dry (ever )?since|(totally|completely|perfectly|all|still) dry|came back on|(it's|it is|its|water's|water is|it came) back on|back on now|(cleaned|mopped|wiped|soaked) (it |that |everything )?(all )?up|resolved|(is|it's|its|was|everything's|everything is|all|seems|now) (fine|okay|ok|good|dry|bone dry)|(fine|okay|ok|good|dry) (right )?now|bone dry)\b/;
/**
 * The water stopped at its valve ("my husband got the valve shut off", "everything's off now", "I
 * turned the little knob behind it and it stopped", "I shut it off and cleaned it up").
 */
const WATER_OFF =
  /\b((valve|water|main|supply|shutoff|shut-off)( is| was| got| has been| been|'s)? (shut|turned|switched) off|(shut|turned|switched|closed) (off )?the (little |water |shut-?off )?(water|valve|main|supply|knob|handle|stop)( off)?|(shut|turned|switched) (it|that) off|(it|the water|that) (finally |just )?stopped(?! up)|everything'?s off|everything is (shut |turned )?off)\b/;
/** Over ("last night… we cleaned it all up"), or stopped at the valve and cleaned up ("…got the valve shut off and we mopped it all up"). */
const RESOLVED = {
  test: (said: string) =>
    ((IN_THE_PAST.test(said) || WATER_OFF.test(said)) && SETTLED.test(said)) ||
    // "This morning the water come out everywhere… I clean already, now is dry": dry now, said so.
    (/\bthis morning\b/.test(said) && DRY_NOW.test(said)),
};
/** The caller says it is dry now, in so many words. */
const DRY_NOW =
  /\b(now (is|it's|it is|its|everything's|everything is) dry|(is|it's|it is|its) dry now|dry now)\b/;
/**
 * A problem that comes back now and then ("it backs up every couple of months"), said with nothing
 * happening now: a visit to fix it, not an emergency.
 */
const RECURRING =
  /\b(every (couple|few) (of )?(days|weeks|months|years)|every (other )?(week|month|year)|once (a|every) (week|month|year|while)|once in a while|a (few|couple) times a (week|month|year)|from time to time|every so often|every now and then|on and off|off and on)\b/;
const NOT_NOW = /\b(fine|okay|ok|good|working|clear|dry) (today|right now|now|at the moment)\b/;

/** A problem over and settled, or one that recurs and is not happening now, with nothing said to be going on still. */
export function settledInThePast(utterance: string): boolean {
  const said = normalize(utterance);
  if (STILL_HAPPENING.test(said)) return false;
  return RESOLVED.test(said) || (RECURRING.test(said) && (NOT_NOW.test(said) || !NOW_WORDS.test(said)));
}
/** Words that put the problem in the present, beyond STILL_HAPPENING ("it's backing up today"). */
const NOW_WORDS = /\b(today|now|tonight|this (morning|afternoon|evening)|currently|at the moment)\b/;
/** "It's fine right now" is the settling, not "right now" the problem. */
const STILL_HAPPENING = {
  test: (said: string) =>
    /\b(right now|still|again|currently|as we speak|this morning|tonight|just now)\b/.test(
      said
        .replace(/\b(fine|okay|ok|good|dry) right now\b/g, " ")
        // "It overflowed this morning … it's just still clogged": a morning said of what happened,
        // and a clog that stays, are not the water still coming.
        .replace(/\b([a-z]+ed|went|was|were|happened) this morning\b/g, "$1")
        // "This morning we had no water at all … it came back on": the morning of what happened.
        .replace(/\bthis morning (we|i|they|it) (had|was|were|got|[a-z]+ed)\b/g, "$1 $2")
        .replace(/\bstill (clogged|plugged|stopped up|blocked)\b(?! (and|with) (water|it|sewage))/g, " ")
        // "I'm scared it'll do it again": a fear of next time, not the problem going on now.
        .replace(
          /\b(it'?ll|it will|will|might|could|may|would|gonna|going to) (do it |do that |happen |overflow |flood |back up )?again\b/g,
          " ",
        )
        // "This morning … now is dry": the morning of what happened, when the caller says it is dry now.
        .replace(/\bthis morning\b/g, (m, at: number, all: string) => (DRY_NOW.test(all) ? " " : m))
        // "…before it happens again": the next time, not this one.
        .replace(
          /\b(before|in case|if|so|till|until) (it|that|this) (happens|does it|does that|floods|overflows|backs up|leaks) again\b/g,
          " ",
        ),
    ),
};
/** Someone 65 or older, said in digits or words ("my 87-year-old mom", "she's eighty seven"). */
const OLD_PERSON =
  /\b((6[5-9]|[7-9]\d|1[01]\d)[- ]?(years?|yrs?)[- ]old|(sixty[- ]?(five|six|seven|eight|nine)|seventy|eighty|ninety)([- ]?(one|two|three|four|five|six|seven|eight|nine))?[- ](years?)[- ]old|(she|he|who|mother|mom|mama|father|dad|papa|grandma|grandpa|grandmother|grandfather|husband|wife|aunt|uncle)'?s (6[5-9]|[7-9]\d|seventy|eighty|ninety)|(is|turned|turning) (6[5-9]|[7-9]\d|1[01]\d|seventy|eighty|ninety)\b|old (lady|man|woman|folks)|in (her|his) (seventies|eighties|nineties))\b/;

/**
 * Callers use every form of a verb ("comes up", "came up", "coming up"; "broke", "broken"): the
 * cues and the caller's words are both read with each form below turned into its plain verb, so a
 * cue written with one form hears them all.
 */
const VERB_FORMS: Record<string, readonly string[]> = {
  come: ["comes", "came", "coming"],
  break: ["breaks", "broke", "broken", "breaking"],
  burst: ["bursts", "bursting", "bursted"],
  bust: ["busts", "busted", "busting"],
  blow: ["blows", "blew", "blown", "blowing"],
  pour: ["pours", "poured", "pouring"],
  gush: ["gushes", "gushed", "gushing"],
  spray: ["sprays", "sprayed", "spraying"],
  spew: ["spews", "spewed", "spewing"],
  shoot: ["shoots", "shooting"],
  back: ["backs", "backed", "backing"],
  pop: ["pops", "popped", "popping"],
  split: ["splits", "splitting"],
  explode: ["explodes", "exploded", "exploding"],
  rupture: ["ruptures", "ruptured", "rupturing"],
  keep: ["keeps", "kept", "keeping"],
  stop: ["stops", "stopped", "stopping"],
  quit: ["quits", "quitting"],
  soak: ["soaks", "soaked", "soaking"],
  reach: ["reaches", "reached", "reaching"],
  spread: ["spreads", "spreading"],
};
const PLAIN_VERB = new Map(
  Object.entries(VERB_FORMS).flatMap(([verb, forms]) => forms.map((form) => [form, verb] as const)),
);
const plainVerbs = (text: string) => text.replace(/[a-z]+/g, (word) => PLAIN_VERB.get(word) ?? word);

/** A cue in the shared cue language (phrase-rules.ts), heard with every form of its verbs. */
function emergencyCue(cue: string): CompiledCue {
  if (cue === "OLD_PERSON") return { re: new RegExp(OLD_PERSON.source, "g"), stems: null, afterGap: null };
  // Plain verbs on whole words only: "spill*" keeps its wildcard.
  return compileCue(cue.replace(/[a-z]+(?![a-z*])/g, (word) => PLAIN_VERB.get(word) ?? word));
}

type CompiledRule = {
  rule: EmergencyRule;
  anyOf: CompiledCue[];
  allOf: CompiledCue[][];
  unless: CompiledCue[];
};
const COMPILED: CompiledRule[] = EMERGENCY_RULES.map((rule) => ({
  rule,
  anyOf: (rule.anyOf ?? []).map(emergencyCue),
  allOf: (rule.allOf ?? []).map((group) => group.map(emergencyCue)),
  unless: (rule.unless ?? []).map(emergencyCue),
}));

/**
 * The caller's words as the cues read them (`text`: lower case, no punctuation, plain verbs), and
 * as said (`said`, punctuation kept), with where each word of `text` starts in `said`: a negation
 * is judged on what was said, where a comma ends its reach ("he's got nothing, no water at all"
 * is no water, not "nothing no water").
 */
type Reading = { text: string; said: string; starts: number[] };

const WORD = /[a-z0-9'-]+/g;

function reading(utterance: string): Reading {
  const said = ` ${utterance.toLowerCase().replace(/[’‘]/g, "'")} `;
  return {
    text: plainVerbs(normalize(utterance)),
    said,
    starts: [...said.matchAll(WORD)].map((m) => m.index),
  };
}

/**
 * Does the phrase occur somewhere in the text without a negation right before it (the one negation
 * rule)? In a phrase with a gap, the part after the gap counts as said on its own: "a sewer smell,
 * nothing is backing up" is no sewage backing up.
 */
function heard(cue: CompiledCue, r: Reading): boolean {
  for (const m of cueMatches(cue, r.text)) {
    if (negatedAt(r.said, saidAt(r, m.index!))) continue;
    const tail = afterGapAt(cue, m[0]);
    if (tail === null || !negatedAt(r.said, saidAt(r, m.index! + tail))) return true;
  }
  return false;
}

/**
 * Where in what was said the word at `index` of the cues' text starts: normalize() and plainVerbs()
 * keep the words and their order, so the n-th word of `text` is the n-th word of what was said.
 * (A function of its own, not a closure made for every cue heard: this runs for every rule.)
 */
function saidAt(r: Reading, index: number): number {
  return r.starts[r.text.slice(0, index).match(WORD)?.length ?? 0] ?? r.said.length;
}

function normalize(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^a-z0-9'\s-]/g, " ")
    .replace(/\s+/g, " ")} `;
}

/**
 * The caller's own problem, now: without someone else's problem long ago ("my neighbor had a flood
 * last year"), and without what a comparison sets aside ("…, but mine is nothing like that"): the
 * part of that sentence before it, when it tells of the past or of someone else. Anything else
 * the caller said is kept, so a real emergency said in the same breath still counts.
 */
export function ownProblemNow(utterance: string): string {
  let said = utterance;
  for (const m of phraseMatches(SET_ASIDE, said).reverse()) {
    const start = Math.max(...[".", "!", "?", ";"].map((stop) => said.lastIndexOf(stop, m.start - 1))) + 1;
    if (phraseHeard(TOLD_FOR_COMPARISON, said.slice(start, m.start)))
      said = `${said.slice(0, start)} ${said.slice(m.end)}`;
  }
  // Clause by clause ("my neighbor had a flood last year, and now ours is leaking": the second stays).
  return said
    .split(/(?<=[.!?;,])|\b(?=(?:and|but|so|now)\b)/i)
    .filter((clause) => !phraseHeard(SOMEONE_ELSES_PAST, clause))
    .join("");
}

/** The emergency the caller describes, or null. Rules are checked in the order above (gas first). */
export function detectEmergency(utterance: string): EmergencyKind | null {
  // One turn reads the same words several times (the emergency, the urgency, how routine it is):
  // the answer is kept for the last few answers, as the words decide it alone.
  const key = utterance.toLowerCase();
  const known = EMERGENCY_OF.get(key);
  if (known !== undefined) return known;
  const kind = emergencyIn(utterance);
  if (EMERGENCY_OF.size >= 64) EMERGENCY_OF.clear();
  EMERGENCY_OF.set(key, kind);
  return kind;
}
const EMERGENCY_OF = new Map<string, EmergencyKind | null>();
/** "— no, sorry,", "no wait,", "actually no,": the caller correcting what they just said. */
const TAKEN_BACK =
  /(?:^|[\s,.;—–-])(?:no,?\s+(?:sorry|wait)|wait,?\s+no|actually,?\s+no|sorry,?\s+no)\b[\s,.!—–-]*/i;
/** "It's not burst", "it isn't flooding", "not a burst pipe": what it is said not to be. */
const NOT_WHAT_IT_IS =
  /\b(?:it'?s not|it is not|its not|it isn'?t|it wasn'?t|not a|not really)\s+(?:a\s+)?(?:burst|busted|broken|flood\w*|pouring|gushing|spraying|leaking everywhere|an emergency|that bad)\b/i;

function emergencyIn(said: string): EmergencyKind | null {
  // "It's not, like, sewage or anything": a filler between commas does not end the negation.
  const utterance = said.replace(
    /\b(not|isn'?t|wasn'?t|no|never),?\s+(?:like|um+|uh+|you know),?\s+/gi,
    "$1 ",
  );
  // "I think a pipe burst— no, sorry, I'm panicking, it's not burst, it's just dripping": what the
  // caller takes back in the same breath, saying what it is not, is not what it is.
  const takenBack = TAKEN_BACK.exec(utterance);
  if (takenBack && NOT_WHAT_IT_IS.test(utterance.slice(takenBack.index)))
    return emergencyIn(utterance.slice(takenBack.index + takenBack[0].length));
  const own = ownProblemNow(utterance);
  if (settledInThePast(own)) return null;
  const r = reading(own);
  for (const { rule, anyOf, allOf, unless } of COMPILED) {
    if (unless.some((re) => heard(re, r))) continue;
    if (anyOf.some((re) => heard(re, r))) return rule.kind;
    if (allOf.length && allOf.every((group) => group.some((re) => heard(re, r)))) return rule.kind;
  }
  return null;
}

/** A kind's first rule: its label and safety line are the kind's (rules of one kind share them). */
const BY_KIND = new Map([...EMERGENCY_RULES].reverse().map((r) => [r.kind, r]));

export function emergencyRule(kind: EmergencyKind): EmergencyRule {
  return BY_KIND.get(kind)!;
}
