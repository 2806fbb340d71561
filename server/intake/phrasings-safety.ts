// The words that decide the one safety question (whether to ask it, and about what), written as
// data in the same form as phrasings.ts (the format is described there and in phrase-rules.ts).
// The safety question errs on the side of asking: these rules hear their words after a negation
// too ("no smell" is still about a smell), so none of them is `negatable`.
import type { PhraseRule } from "@/server/intake/phrase-rules";

const words = (r: Omit<PhraseRule, "negatable">): PhraseRule => ({ ...r, negatable: false });

// ── what the safety question asks about ───────────────────────────────────────────────────────

export const GAS_TOPIC = words({
  when: "A smell, fumes, a pilot light, an alarm or feeling unwell: the question asks about gas.",
  anyOf: [
    "smell*/odor/odors/odour/odours/stink*/rotten/sulfur/sulphur/fume/fumes/pilot/gas/alarm/alarms/detector/detectors/beep*/headache/headaches/dizzy/dizziness",
  ],
  hits: ["there's a weird smell by the water heater", "the pilot keeps going out", "the detector is beeping"],
  misses: ["the kitchen sink is clogged"],
});

export const HISS = words({
  when: "A hiss with no water in sight could be a gas line.",
  anyOf: ["hiss*"],
  hits: ["something is hissing behind the wall"],
  misses: ["the faucet drips"],
});

export const NO_SERVICE_TOPIC = words({
  when: "No water, no hot water or no heat: the question asks who is at home without it.",
  anyOf: [
    "no [hot/running] water",
    "no heat",
    "don't have [any] [hot] water",
    "do not have [any] [hot] water",
    "nothing comes out",
    "water's off/out",
    "water is off/out",
    "[water] heater [is/went/just] out/broken/broke/died/dead/quit",
    "[water] heater [is/went/just] not working",
    "[water] heater [is/went/just] went out",
    "furnace/boiler/frozen",
  ],
  hits: ["we have no hot water", "the water heater went out", "pipes are frozen", "we don't have any water"],
  misses: ["the toilet runs all night"],
});

export const WATER_TOPIC = words({
  when: "Water, a leak or a fixture that holds water: the question asks whether water is getting out.",
  anyOf: [
    "water/leak*/wet/damp/puddle*/drip*/flood*/overflow*/sump/basement/ceiling/stain*/toilet/toilets/drain/drains/clog*/sewer/sewage/pipe/pipes/tub/bathtub/shower/sink/sinks/spray*/burst/crack*/washer/dishwasher/hose/hoses/tank/soak*/pool*/mold/mould/line",
    "back/backed/backing/backs up",
    "backup",
    "washing machine",
  ],
  hits: ["the washing machine hose let go", "there's a stain on the ceiling", "the drain is backing up"],
  misses: ["can you give me a quote for a new garbage disposal"],
});

export const SERVICE_VISIT = words({
  when: "A visit to look at or service something ('look at my water softener'): no safety question unless something is going wrong too.",
  anyOf: [
    "look at",
    "check on/out",
    "take a look",
    "servic*",
    "maintenance/softener/filter/install*/replac*/upgrade",
    "tune-up",
  ],
  hits: ["can someone look at my water softener", "I need the water heater serviced", "a tune up"],
  misses: ["the toilet is overflowing"],
});

export const SOMETHING_WRONG = words({
  when: "Something going wrong now: water getting out, a clog, a smell, an alarm.",
  anyOf: [
    "leak*/wet/damp/puddle*/drip*/flood*/overflow*/sewage/spray*/burst/crack*/broke*/bust*/split/soak*/pool*/pour*/gush*/clog*/smell*/stink*/gas/alarm/beep*/hiss*/filling/everywhere",
    "back/backed/backing/backs up",
    "backup",
    "let go",
    "coming out/up/in/through/down",
    "won't stop/drain/flush/shut",
    "stopped up",
    "no [hot] water",
    "running over",
    "all over",
  ],
  hits: ["the softener is leaking", "the filter housing cracked", "water is coming out under it"],
  misses: ["can someone look at my water softener"],
});

// ── plainly routine: no safety question ───────────────────────────────────────────────────────

export const OVER_TIME = words({
  when: "Said about the past or over time ('slow for two weeks', 'it's been doing that for a while'): not happening now.",
  anyOf: [
    "for [a/about/like/almost/over] [couple/few/several/two/three/four/many/#] [of] days/weeks/months/years",
    "for the last/past [couple/few/several/two/three/four/many/#] [of] days/weeks/months/years",
    "for [a/quite] [a] while",
    "for ages",
    "since last week/month/year",
    "all week/month/year",
    "a long time",
    "on and off",
    "every now and then",
    "from time to time",
    "it's been like that a while",
    "it's been like that for",
    "it's been doing that/this a while",
    "it's been doing that/this for",
  ],
  hits: ["it's been slow for a couple of weeks", "on and off for months", "it's been doing that for a while"],
  misses: ["it started this morning"],
});

export const CALM = words({
  when: "The caller says it is contained ('a bowl's catching it', 'I turned the valve off', 'we're fine').",
  anyOf: [
    "bowl/bowls/bucket/buckets/towel/towels/pan/pans/pot/pots [is/are] under/catching/down",
    "put [a/some] towel/towels/bowl/bowls/bucket/buckets/pan/pans",
    "turned/shut [the/it/that] [water/valve] off",
    "it stopped",
    "not a big deal",
    "not too/that bad",
    "not urgent",
    "not an emergency",
    "nothing's overflowing/leaking",
    "nothing's on the floor",
    "no leak/smell",
    "no water on the floor",
    "we're fine/okay/ok",
    "it's/that's fine/okay/ok for now",
    "small/little/tiny puddle/drip/leak",
    "leak/leaking/leaks/drip/dripping/drips a little/bit",
    "leak/leaking/leaks/drip/dripping/drips slightly",
    "slow leak",
    "dry now",
  ],
  hits: ["there's a bucket under it", "I shut the water off", "it's just a slow leak", "we're fine for now"],
  misses: ["water is pouring out of the ceiling"],
});

export const ONE_CLOG = words({
  when: "A clog in one fixture.",
  anyOf: [
    "clog/clogged/clogs",
    "stopped up",
    "won't drain",
    "won't go down",
    "not draining",
    "water [just] sits/sitting/stays",
    "it just sits/sitting/stays",
    "it sits/stays",
  ],
  hits: ["the bathroom sink is clogged", "the water just sits in the tub", "it just sits there"],
  misses: ["the faucet drips", "the new faucet is here, it's sitting in the box"],
});

export const SPREAD_WORDS = words({
  when: "A clog that reaches beyond its fixture: backing up, coming up, on the floor, other drains.",
  anyOf: [
    "back/backed/backing/backs up",
    "backup",
    "overflow*",
    "coming/comes/came up",
    "sewage/sewer/floor/everywhere/spreading",
    "other sink/drain/tub/toilet",
  ],
  hits: ["the toilet is clogged and backing up into the tub", "it comes up in the other sink"],
  misses: ["the bathroom sink is clogged"],
});
