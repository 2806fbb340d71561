// The words that decide how serious the problem sounds: the one safety question (whether to ask it,
// and about what) and the urgency, written as data in the same form as phrasings.ts (the format is
// described there and in phrase-rules.ts).
// The safety question errs on the side of asking: these rules hear their words after a negation
// too ("no smell" is still about a smell), so none of them is `negatable`.
import { addPhraseLists, type PhraseRule } from "@/server/intake/phrase-rules";

export const SAFETY_LISTS = {
  /** Someone other than the caller, whose problem a caller may tell about for comparison. */
  "someone else": [
    "my/our neighbor/neighbors/neighbour/neighbours/friend/friends/buddy/coworker/co-worker/cousin/sister/brother/aunt/uncle/boss",
    "my/our mom/mother/dad/father/parents/grandma/grandmother/grandpa/grandfather/son/daughter/in-laws",
    "a friend/neighbor/neighbour/coworker",
    "someone/somebody [i/we] know",
    "the people/folks/house next door",
    "the neighbors/neighbours",
  ],
  /** A water heater, however it is called. */
  "water heater": ["water heater/heaters/tank", "hot water heater/tank", "tankless [heater/unit]", "boiler"],
  /** Long ago: a year, months or weeks back, "once". Not "since last week", which is still going on. */
  "long ago": [
    "last year/spring/summer/fall/autumn/winter/month",
    "# years/months/weeks ago",
    "a/one/two/three/four/five/six/couple/few [of] years/months/weeks ago",
    "years/months ago",
    "a while back/ago",
    "once",
    "back in",
  ],
} as const;
addPhraseLists(SAFETY_LISTS);

const words = (r: Omit<PhraseRule, "negatable">): PhraseRule => ({ ...r, negatable: false });
const rule = (r: PhraseRule) => r;

// ── what the safety question asks about ───────────────────────────────────────────────────────

export const GAS_TOPIC = words({
  when: "A smell, fumes, a pilot light, an alarm or feeling unwell: the question asks about gas.",
  anyOf: [
    "smell*/whiff/odor/odors/odour/odours/stink*/rotten/sulfur/sulphur/fume/fumes/pilot/gas/alarm/alarms/detector/detectors/beep*/headache/headaches/dizzy/dizziness",
  ],
  hits: ["there's a weird smell by the water heater", "the pilot keeps going out", "the detector is beeping"],
  misses: ["the kitchen sink is clogged"],
});

export const CO_ALARM = words({
  when: "A carbon monoxide detector or alarm brought up at all: whether it is going off is asked.",
  anyOf: ["carbon monoxide", "co detector*/alarm*/monitor*", "c o detector*/alarm*/monitor*"],
  hits: ["the carbon monoxide detector keeps doing a little chirp", "the CO alarm by the furnace"],
  misses: ["the smoke detector chirps"],
});

export const HISS = words({
  when: "A hiss with no water in sight could be a gas line; a toilet that hisses while it refills by itself is a running toilet.",
  anyOf: ["hiss*"],
  unless: [
    "toilet* … refill*/fill*/running/runs/run",
    "refill*/fill*/running/runs/run … toilet*",
    "filling the tank",
    // ("The toilet hisses for ten seconds every half hour, nobody touches it": the same refill.)
    "toilet* …* hiss* … every/each/nobody/itself",
    "toilet* …* hiss* … no one",
    "toilet* …* hiss* … on its own",
  ],
  hits: ["something is hissing behind the wall", "there's a hiss by the toilet and a smell like matches"],
  misses: [
    "the faucet drips",
    "the toilet keeps running, it hisses and refills by itself",
    "the guest toilet hisses for like ten seconds every half hour and nobody's touched it",
  ],
});

export const NO_SERVICE_TOPIC = words({
  when: "No water, no hot water or no heat: the question asks who is at home without it.",
  anyOf: [
    "no [hot/running] water",
    "no heat",
    "don't have [any] [hot] water",
    "do not have [any] [hot] water",
    "don't/doesn't/won't give/get/make/have [any] hot water",
    "only cold water",
    // "No have hot water, only cold", "is broken the heater": said by a caller still learning English.
    "no have [any] [hot/running] water",
    "only cold $",
    "broken/broke the [water] heater",
    "nothing comes out",
    "water's off/out",
    "water is off/out",
    "[water] heater [is/went/just] broken/broke/died/dead/quit",
    // (Not "my water heater out in the garage is leaking": where it stands.)
    "[water] heater [is/went/just] out -in -there -back -here -by -at -on -under -behind -next -outside -front -side",
    "[water] heater [is/went/just] not working",
    "[water] heater [is/went/just] went out",
    "furnace/boiler",
    // Frozen pipes, not a frozen outdoor spigot ("the hose bib is frozen, it just won't turn").
    "pipe/pipes/line/lines/main/meter/everything/plumbing is/are/got/was/were [all] [completely/totally/still] frozen",
    "pipe/pipes/line/lines/main/meter/plumbing froze",
    "frozen pipe/pipes/line/lines/main/solid",
    // "The water just quit on us this morning, you turn the handle and nothing": no water at all.
    "water [just/all] quit/stopped -leaking -dripping -coming -running -spraying -pouring -draining",
    "turn*/open* the handle*/faucet*/tap*/knob* … [and] nothing",
    "every/all [the] tap*/faucet* … dry",
    "not a/one drop",
    // Down to a trickle everywhere at once: nearly no water (a main that broke, a supply cut).
    "trickl* … every/all [the] faucet*/tap*/sink*/fixture*",
    "every/all [the] faucet*/tap*/sink*/fixture* … trickl*",
    "whole/entire house … trickl*",
  ],
  hits: [
    "we have no hot water",
    "the water heater is out",
    "it's barely a trickle out of every tap",
    "the water heater went out",
    "pipes are frozen",
    "we don't have any water",
    "the heater won't make hot water",
    "we get only cold water",
  ],
  misses: [
    "my water heater out in the garage is leaking a bit",
    "the toilet runs all night",
    "the cold water tap drips",
    "the bathroom faucet is down to a trickle",
  ],
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
    "leak*/wet/damp/puddle*/drip*/flood*/overflow*/sewage/spray*/burst/crack*/broke*/bust*/split/soak*/pool*/pour*/gush*/clog*/smell*/stink*/gas/alarm/beep*/hiss*/filling",
    "everywhere -else",
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
  hits: [
    "the softener is leaking",
    "the filter housing cracked",
    "water is coming out under it",
    "there's water everywhere",
  ],
  misses: [
    "can someone look at my water softener",
    "can someone look at the softener, the water is soft everywhere else",
  ],
});

// ── someone else's problem, or one the caller sets aside ──────────────────────────────────────
// Neither is the caller's problem now, so neither makes an emergency or an urgency
// (emergency-rules.ts `ownProblemNow`).

export const SOMEONE_ELSES_PAST = rule({
  when: "Someone else's problem long ago ('my neighbor had a flood last year'): told for comparison, not this call's problem.",
  anyOf: ["{someone_else} …* {long_ago}", "{long_ago} …* {someone_else}"],
  // "My mom's had no water since last week" is still going on.
  unless: ["since", "still", "again", "right now", "now too"],
  hits: [
    "my neighbor had a flood last year",
    "my sister's basement flooded a few years ago",
    "last winter the people next door had a pipe burst",
    "a friend of mine once had sewage come up in his tub",
  ],
  misses: [
    "my neighbor's basement is flooding",
    "my mom has had no water since last week",
    "my neighbor's pipe burst two weeks ago and it's still pouring",
    "we had a flood last year",
  ],
});

export const SET_ASIDE = rule({
  when: "'…, but mine is nothing like that': what the caller just told (someone else's or an old problem) is set aside; their own comes after.",
  anyOf: [
    "mine/ours/this/it [one] [is/was] nothing/not like that/this/theirs/hers/his -time",
    "mine/ours/this/it [one] isn't/wasn't/ain't [anything] like that/this/theirs/hers/his -time",
    "mine/ours/this/it [one] [is/was] nowhere near that/as",
    "mine/ours/this/it [one] [is/was] not that/as bad",
  ],
  hits: [
    "but mine is nothing like that",
    "mine's nothing like theirs",
    "this one isn't anything like that",
    "ours is nowhere near that bad",
    "it's not that bad",
  ],
  misses: ["no, nothing like that", "it's nothing like that time last year, it's way worse"],
});

/** A problem told as the past or someone else's: the part of a sentence a comparison sets aside. */
export const TOLD_FOR_COMPARISON = rule({
  when: "Words that place a problem in the past or at someone else's ('my neighbor had…', 'years ago', 'we used to…').",
  anyOf: ["{someone_else}", "{long_ago}", "used to", "had a/an/that/the/one", "before"],
  hits: ["my neighbor had a flood", "we had a flood years ago", "the house used to flood"],
  misses: ["water is pouring out of the ceiling"],
});

// ── not sure: the safety question even with a small word ──────────────────────────────────────

export const HEATER_UNSURE = rule({
  when: "A water heater the caller can't say what's wrong with ('something's off with it', 'it doesn't sound right'), or one that leaks or drips, even a little: a tank of hot water, often on gas, so a noise or a small leak does not make it plainly routine. Contained (a pan or bucket catches it, the water is off) it is.",
  anyOf: [
    "something/something's/somethings [is] off/wrong/weird/funny/strange/odd/up … {water_heater}",
    "something/something's/somethings [is] not right … {water_heater}",
    "{water_heater} … something/something's [is] off/wrong/weird/funny/strange/odd/up",
    "{water_heater} … something/something's [is] not right",
    "{water_heater} … doesn't/don't sound/seem/look right",
    "{water_heater} … does not sound/seem/look right",
    "{water_heater} … acting up/weird/funny/strange",
    "not sure what's going on/wrong with [my/the/our] {water_heater}",
    "not sure what is going on/wrong with [my/the/our] {water_heater}",
    "worried about [my/the/our] {water_heater}",
    "{water_heater} … leak*/drip*/puddle*/seep*/wet",
    "leak*/drip*/puddle*/seep*/water … under/from/around/below/beside/by/near [my/the/our] {water_heater}",
    "leak*/drip*/puddle*/seep*/water … next to [my/the/our] {water_heater}",
    "leak*/drip*/puddle*/seep*/water … out of [my/the/our] {water_heater}",
  ],
  unless: [
    "no leak/leaks/drip/drips/puddle/puddles/water",
    "not/isn't/doesn't/never leak*/drip*",
    "bucket/buckets/pan/pans/bowl/bowls/towel/towels",
    "turned/shut [the/it/that] [water/valve/gas] off",
    "turned/shut off [the] water/valve/gas",
  ],
  hits: [
    "Something's off with my water heater, it's been making a popping noise",
    "my water heater is making a banging sound and it doesn't sound right",
    "the hot water tank is acting funny, rumbling a lot",
    "the water heater's leaking a little at the bottom",
    "there's a little puddle under the water heater",
    "the relief valve on the water heater drips a bit",
  ],
  misses: [
    "my water heater makes a popping noise when it heats up, we still get hot water fine",
    "the water heater leaks a little into the drain pan",
    "the water heater drips, I put a bucket under it",
    "the kitchen faucet drips a little",
    "my water heater is fifteen years old, no leak or anything",
  ],
});

// ── plainly routine: no safety question ───────────────────────────────────────────────────────

export const OVER_TIME = words({
  when: "Said about the past or over time ('slow for two weeks', 'it's been doing that for a while'): not happening now.",
  anyOf: [
    "for [a/about/like/almost/over] [couple/few/several/two/three/four/many/#] [of] days/weeks/months/years",
    "for a/one/about/over [whole/full] day/week/month/year",
    "for the last/past [couple/few/several/two/three/four/many/#] [of] days/weeks/months/years",
    "for [a/quite] [a] while",
    "for ages",
    "since last week/month/year",
    "all week/month/year",
    "a long time",
    "like/about/almost/nearly/over a/one/two/three week/weeks/month/months",
    "like/about/almost/nearly/over a couple [of] weeks/months",
    "a week now",
    "on and off",
    "every now and then",
    "from time to time",
    "it's been like that a while",
    "it's been like that for",
    "it's been doing that/this a while",
    "it's been doing that/this for",
    "been there/around/going/happening [on] [for] [a/about/like/almost/over] [the] [last/past] couple/few/several/two/three/four/# [of] days/weeks/months",
  ],
  hits: [
    "it's been slow for a couple of weeks",
    "the faucet has dripped for a week",
    "on and off for months",
    "it's been doing that for a while",
    "it's been about a week",
    "draining slow like a month now",
    "it's been a week now",
    "the puddle's been there a couple days",
    "it's been going on for the past few weeks",
  ],
  misses: ["it started this morning", "it started about an hour ago", "it's been there since this morning"],
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
    "just/only a drip/dribble",
    "leak/leaking/leaks/drip/dripping/drips a little/bit",
    "leak/leaking/leaks/drip/dripping/drips slightly",
    "slow leak",
    "dry now",
    "into/in a/the bucket/bowl/pan/pot/cup/jar/container",
    "not a crisis",
    "we/i have/got another/other bathroom/bathrooms/toilet/toilets",
    "we/i have/got a second bathroom/toilet",
    "it's [all/completely] dry",
    "it is [all/completely] dry",
    "hasn't gotten/got/grown [any] bigger/worse",
    "has not gotten/got/grown [any] bigger/worse",
  ],
  hits: [
    "there's a bucket under it",
    "I shut the water off",
    "it's just a slow leak",
    "we're fine for now",
    "it leaks into a bucket",
    "it's not a crisis",
    "we have another bathroom",
    "it's dry and hasn't gotten bigger",
    "it has not grown any worse",
  ],
  misses: ["water is pouring out of the ceiling", "the bucket is full and it's getting worse"],
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
    "sewage/sewer/floor/spreading",
    "everywhere -else",
    "other sink/drain/tub/toilet",
  ],
  hits: [
    "the toilet is clogged and backing up into the tub",
    "it comes up in the other sink",
    "the sink is clogged and there's water everywhere",
  ],
  misses: ["the bathroom sink is clogged", "the bathroom sink is clogged, everywhere else drains fine"],
});

// ── urgency, as the office queue uses it ──────────────────────────────────────────────────────
// high = water damage or a loss of service happening now; normal = can wait for a normal visit;
// low = quotes, installs, remodels and "no rush" (docs/sop-rules.md "Urgency"). Unlike the words
// above, a problem the caller rules out ("no leak", "it's not backing up") does not raise the
// urgency: these rules follow the negation rule unless they say otherwise.

export const NO_RUSH = words({
  when: "The caller says it can wait.",
  anyOf: [
    "no rush/hurry",
    "not urgent",
    // ("It's not an emergency, it's just driving me crazy": a problem to fix all the same, not "no rush".)
    "not an emergency -it's -its -it -just -but",
    "not in a hurry",
    "whenever you -use -run -turn -flush -open -shower",
    "whenever is/it's convenient/fine/good/best/easiest/easier/okay/ok",
    "at your convenience",
    "when/whenever you [guys] get a chance",
    "when/whenever you [guys] have time",
    "take your time",
  ],
  hits: ["no rush, whenever you guys get a chance", "it's not urgent"],
  misses: ["the toilet is overflowing"],
});

export const NO_SERVICE = rule({
  when: "The home is without water, hot water or its only toilet now.",
  anyOf: [
    // ("No water come up, only the smell": nothing coming up, not a home without water.)
    "no [hot/running] water -anywhere -around -on -under -underneath -leaking -dripping -pooling -come -comes -came",
    "don't have [any] [hot] water",
    "do not have [any] [hot] water",
    "don't/doesn't/won't give/get/make/have [any] hot water",
    "haven't/hasn't/hadn't had/got [any] [hot/running] water",
    "only cold water",
    // "No have hot water, only cold", "is broken the heater": said by a caller still learning English.
    "no have [any] [hot/running] water",
    "only cold $",
    "broken/broke the [water] heater",
    "nothing comes out",
    "water [just/all] quit/stopped -leaking -dripping -coming -running -spraying -pouring -draining",
    "turn*/open* the handle*/faucet*/tap*/knob* … [and] nothing",
    "every/all [the] tap*/faucet* … dry",
    "not a/one drop",
    "[water] heater [is/went/just] out/broken/broke/leaking/died/dead/quit",
    "[water] heater [is/went/just] not working",
    "[water] heater [is/went/just] went out",
    "pipe/pipes/line/lines/main/meter/everything/plumbing is/are/got/was/were [all] [completely/totally/still] frozen",
    "pipe/pipes/line/lines/main/meter/plumbing froze",
    "frozen pipe/pipes/line/lines/main/solid",
    // The home's only toilet ("our only toilet", "we just have the one bathroom"), not one of
    // several ("just in that one bathroom", "only in one bathroom").
    "only toilet/bathroom",
    "toilet/bathroom we got/have",
    "have/got [just/only] [the] one toilet/bathroom",
    "one toilet/bathroom in the house/home/apartment/place",
  ],
  hits: [
    "we have no hot water",
    "the water heater died",
    "our only toilet",
    "the heater doesn't give hot water anymore",
    "we get only cold water from every tap",
    "the pipe coming in by the meter is frozen solid",
    "the water just quit on us this morning",
    "you turn the handle and nothing, not in the kitchen not in the bath",
  ],
  misses: [
    "there's no water anywhere, it just hums",
    "no water on the floor",
    "the pipes aren't frozen",
    "the hose bib on the back of the house is frozen, it just won't turn",
    "we have hot water, the faucet just drips",
    "Smell is coming from drain in the bathroom, like sewer. No water come up, only the smell.",
    "the water stopped leaking once I shut the valve",
    "the pressure's real weak just in that one bathroom",
  ],
});

/**
 * Down to a trickle everywhere at once: nearly no water (a main that broke, a supply cut) — unless
 * the caller tells it as pressure that has worn down over weeks (urgencyOf reads OVER_TIME with it).
 */
export const EVERY_TAP_TRICKLES = words({
  when: "Every tap in the house down to a trickle at once: the home nearly without water.",
  anyOf: [
    "trickl* … every/all [the] faucet*/tap*/sink*/fixture*",
    "every/all [the] faucet*/tap*/sink*/fixture* … trickl*",
    "whole/entire house … trickl*",
  ],
  hits: ["all the faucets in the house are down to a trickle", "it's barely a trickle out of every tap"],
  misses: ["the bathroom faucet is down to a trickle"],
});

export const DRAIN_STOPPED = rule({
  when: "A drain that does not drain at all: the fixture (or the home) out of use now.",
  anyOf: [
    "won't drain",
    "won't go down",
    // "Not draining very fast" is a slow drain.
    "not draining -very -fast -well -quick -quickly -great -good -right -properly -too -so -as -that",
  ],
  hits: ["the toilet won't drain", "the shower's not draining at all"],
  misses: ["it drains fine now", "it's slow to drain", "it's clogged like it's not draining very fast"],
});

export const STANDING_WATER = rule({
  when: "Water standing in a fixture that should drain: the fixture can't be used (unless the caller says the drain is only slow).",
  anyOf: ["standing water"],
  hits: ["the shower won't drain, standing water in it"],
  misses: ["the water's draining fine", "no standing water"],
});

export const INSPECTION_FOUND = words({
  when: "Something a home inspection found ('the buyer's inspection flagged a leaking shutoff valve'): a repair to plan, not damage now.",
  anyOf: [
    "inspection/inspector … flagged/found/noted/showed/listed",
    "inspection/inspector … called/wrote … out/up",
    "inspection report",
    "inspection items",
    "home inspection",
    "inspector says/said",
  ],
  hits: [
    "the buyer's inspection flagged a leaking shutoff valve",
    "our home inspection found some corrosion",
  ],
  misses: ["the pipe under the sink is leaking"],
});

export const APPLIANCE = words({
  when: "An appliance's own drain ('the dishwasher won't drain, standing water in the bottom'): the appliance is out of use, not the home.",
  anyOf: ["dishwasher/dishwashers", "washing machine*", "washer", "clothes washer"],
  hits: ["the dishwasher isn't draining", "the washing machine is full of water"],
  misses: ["the kitchen sink won't drain"],
});

/** A drain of the home itself: with it, an appliance not draining is the home's drain too. */
export const HOME_DRAIN = words({
  when: "A drain of the home itself (a sink, tub, shower, toilet, floor drain, the main line).",
  anyOf: ["sink*/tub/tubs/bathtub*/shower*/toilet*/basement/main/sewer/cleanout", "floor drain*"],
  hits: ["the kitchen sink backs up when the dishwasher drains"],
  misses: ["the dishwasher has standing water"],
});

export const SLOW = rule({
  when: "A drain the caller calls slow: the water standing in it is the slow drain, not a home without service.",
  anyOf: ["slow*"],
  hits: ["the shower drains slow", "it's slow to go down", "it drains slowly"],
  misses: ["the shower won't drain at all", "it's not slow, it won't drain"],
});

export const BACKING_UP = rule({
  when: "A drain backing up or a fixture overflowing.",
  anyOf: ["overflow/overflows/overflowing/overflowed", "back/backed/backing/backs up", "backup"],
  // "It fills back up by itself": a toilet tank refilling, not a drain backing up.
  unless: ["fill/fills/filling/filled/refill/refills/refilling [right] back up"],
  hits: ["the kitchen sink backs up", "the toilet overflowed"],
  misses: ["it's not backing up", "the drain is slow", "every twenty minutes it fills back up by itself"],
});

export const BACKS_UP_SOMETIMES = words({
  when: "A drain that backs up only a little, only sometimes, or only into the other side of a double sink (the water stays in the sink): a normal visit.",
  anyOf: [
    // "All backed up with hair": clogged with something, said as backed up.
    "backed/backing up with hair/gunk/grease/food/soap/scum/glitter/debris/wipes/toys/junk/stuff",
    "backed/backing up with _ hair/gunk/grease/food/soap/scum/glitter/debris/wipes/toys/junk/stuff",
    "into/in/to the other side/sink/basin/bowl",
    "other side of the sink",
    "a little [bit]",
    "a bit",
    "slightly",
    "sometimes",
    "every now/once",
    "whenever",
    "when/whenever the dishwasher/washer/disposal/shower runs/drains",
    "when/whenever the dishwasher/washer/disposal/shower is running/on",
    "when/whenever the washing machine runs/drains",
    "when/whenever the washing machine is running/on",
    "every/each time the dishwasher/washer/disposal/shower runs/drains",
    "every/each time the washing machine runs/drains",
    // "It backs up while she showers": the tub holding water while in use, a slow drain.
    "while/when/whenever [she/he/i/we/they/you/someone/somebody] shower*",
    // "The sink's backing up on that side": one side of a double sink.
    "on that/this/one side",
  ],
  hits: [
    "it backs up a little whenever the dishwasher runs",
    "sometimes the sink backs up",
    "one side drains and it comes up in the other side",
    "the shower drain is all backed up with hair",
    "the tub's draining really slow, like it backs up while she showers",
    "my garbage disposal hums but doesn't spin, and the sink's backing up on that side",
  ],
  misses: ["the sink is backing up"],
});

export const ACTIVE_LEAK = rule({
  when: "An active leak indoors.",
  anyOf: [
    "leak/leaks/leaking/leaky/leaked",
    // ("The hot water's coming out rusty": the water's colour, not a leak.)
    "water [is/keeps] coming/pooling/dripping out/in/through/from/under/down -rusty/brown/dirty/discolored/cloudy/orange/yellow/milky/murky/muddy/black/lukewarm/cold",
    "puddle",
    "soaked",
    "wet floor/carpet/ceiling/wall",
  ],
  hits: ["the pipe under the sink is leaking", "there's a puddle by the water heater"],
  misses: ["it's not leaking", "no leak that I can see", "the hot water's coming out rusty"],
});

export const CEILING_OR_WALL = rule({
  when: "Water coming through a ceiling or wall is damage now, however slowly it comes.",
  anyOf: ["drip*/leak*/coming/seep*/stain* [_] through/from/down/in [the/my/our] ceiling*/wall*/light*"],
  hits: ["water is dripping through the ceiling", "it's leaking from the wall"],
  misses: ["the faucet drips", "it isn't leaking through the ceiling"],
});

export const NOISE = words({
  when: "A sound: routine on its own (a heater that pops, a pipe that bangs).",
  anyOf: [
    "wobbl*/loose/noise/noisy/whistl*/rattl*/bang/bangs/banging/hum/hums/humming",
    "pop/pops/popping/popped/rumbl*/crackl*/knock*/tick/ticks/ticking/click/clicks/clicking/gurgl*",
  ],
  hits: ["the water heater pops when it heats", "the pipe made a loud pop"],
  misses: ["the toilet is clogged"],
});

export const WATER_FOUND = words({
  when: "Water found where it should not be: with a sound ('a loud pop and there's water in the cabinet') it is not plainly routine.",
  anyOf: [
    "water in/on/under/around/behind the/my cabinet/floor/ceiling/wall/carpet/cupboard/vanity/closet/basement",
    "puddle*",
    "wet/soaked/soaking/damp",
    // Heard, not seen: "I thought I heard water running in the wall" may be a hidden leak.
    "water running/dripping/trickling/rushing in/inside/behind the/my wall*/ceiling/floor",
    // "There's some water by it on the floor".
    "water … on/across the/my floor",
  ],
  hits: [
    "there's some water in the cabinet",
    "the water heater is making this popping noise and there's some water by it on the floor",
    "the floor is wet",
    "a puddle by the heater",
    "the pipes bang and I thought I heard water running in the wall last night",
  ],
  misses: ["the pipes bang when the washer fills"],
});

export const RISING_BY_ITSELF = words({
  when: "Water in a toilet or drain rising or moving on its own ('the water in the bowl keeps going up and down by itself'): a sign the line may back up, so it is never plainly routine.",
  anyOf: [
    "water … going/goes/keeps/went up and down",
    "water … rising/rises/rose [up] by itself",
    "water … rising/rises/rose [up] on its own",
    "bowl … rising/rises/rose",
  ],
  hits: [
    "the toilet gurgles and the water in the bowl keeps going up and down by itself",
    "the water in the bowl rises on its own when the washer drains",
  ],
  misses: ["the toilet gurgles when it flushes", "the pipes whistle when the washer fills"],
});

export const DRAIN_ANSWERS_ANOTHER = words({
  when: "A drain or toilet that gurgles or bubbles when another fixture is used ('the tub gurgles whenever somebody flushes upstairs'), or a toilet that gurgles by itself now and then: the main line may be starting to back up, so it is never plainly routine — the safety question asks whether anything is backing up now.",
  anyOf: [
    "gurgl*/bubbl*/burp* …* when/whenever/every/each/after [time] [someone/somebody/anyone/anybody/we/i/you/the/they] [uses/use/runs/run] flush*",
    "gurgl*/bubbl*/burp* …* when/whenever/after [someone/somebody/anyone/we/i/you/they] [runs/run/uses/use/starts/start] the washer/washing/dishwasher",
    "gurgl*/bubbl*/burp* …* when/whenever/after the washer/washing/dishwasher drain*/empt*/runs/goes",
    "gurgl*/bubbl*/burp* …* when/whenever/after [someone/somebody/anyone/we/i/you/they] drain*/empt* the tub/bath/sink",
    // A toilet that gurgles by itself, now and then, with nobody using anything: the same warning.
    "toilet* …* gurgl*/glug* …* off and on",
    "toilet* …* gurgl*/glug* …* on and off",
    "toilet* …* gurgl*/glug* …* on its own",
    "toilet* …* gurgl*/glug* …* by itself",
    "toilet* …* gurgl*/glug* …* randomly/constantly",
    "toilet* …* gurgl*/glug* …* all day/night",
  ],
  hits: [
    "the downstairs tub gurgles whenever somebody flushes the toilet upstairs",
    "the toilet in the hall bathroom's been gurgling, kind of off and on since yesterday",
    "our toilet keeps gurgling by itself when nobody's even in there",
    "the shower drain bubbles every time we flush",
    "our toilet burps when the washer drains",
    "kitchen sink gurgles when I run the dishwasher",
  ],
  misses: [
    "the toilet gurgles when it flushes",
    "the drain gurgles a little",
    "the water heater gurgles at night",
  ],
});

export const METER_BOX_SEEPING = words({
  when: "A meter box out in the yard that always has water in it: a slow outdoor leak, nothing wet in the house. Water bubbling, gushing or running from it is not this: that is asked about.",
  anyOf: ["meter box …* always", "meter box …* stays/sits/sitting full"],
  unless: ["bubbl*", "fountain", "gush*", "shoot*", "spray*", "pour*", "running down", "flowing"],
  hits: [
    "the meter box out front, the little concrete one in the grass, is always full of water",
    "the meter box by the curb always has water in it",
  ],
  misses: ["water is bubbling up by the meter box like a fountain, it's always been dry there"],
});

export const WONT_SHUT_OFF = words({
  when: "A faucet, tub or shower indoors that cannot be turned off: is the water going down the drain, or over?",
  anyOf: [
    "faucet/tap/tub/bathtub/shower/sink … won't/can't/cannot/wouldn't shut/turn off",
    "faucet/tap/tub/bathtub/shower/sink … won't/can't/cannot/wouldn't shut/turn it/itself off",
    "faucet/tap/tub/bathtub/shower/sink … will not shut/turn off",
    "can't/cannot get the faucet/tap/tub/bathtub/shower/water to shut/turn off",
  ],
  hits: [
    "The faucet in my bathtub won't shut off",
    "the shower won't turn off no matter what I do",
    "I can't get the tub to shut off",
  ],
  misses: ["the toilet won't stop running", "the hose spigot out back keeps running", "the faucet drips"],
});

export const MINOR = words({
  when: "Small problems: they do damage slowly or not at all, so the leak words in them don't make the call high.",
  anyOf: [
    "faucet/tap/spout/showerhead/shower/spigot/sink [_] drip*",
    "shower head [_] drip*",
    "tub spout [_] drip*",
    "keeps/kept clogging",
    "clog/clogs/clogged [up] every/once/again",
    "clog/clogs/clogged [up] a lot",
    "disposal [_] stuck/jammed/hum*",
    "disposal [_] won't spin/turn/work",
    "drip* faucet/tap/spout",
    "faucet/faucets/tap/taps/spout/showerhead [is/has/keeps/just] [been] drip*",
    "drips a little/bit",
    // A leak told only by the bill, nothing wet in sight: a visit to find it.
    "water bill … double*/tripled/higher/spiked/jumped/skyrocketed",
    "water bill … went/gone/shot up",
    // A water heater that still heats, just not enough: "can't keep up", "goes lukewarm after five minutes".
    "{water_heater} … can't/cannot/doesn't/don't keep up",
    "{water_heater} … run*/runs out of hot water",
    "goes/going/turns/turning/gets/getting lukewarm",
    "hot water runs/run/running out",
    "drips some",
    "it/it's/now/just/only [just/only/now] drip/drips/dripping -through/from/down/out/onto/into/on/everywhere/all",
    "little/slow/small/tiny drip",
    "dribbl*",
    "sluggish",
    "slow/slowly drain*/sink/tub/shower/toilet",
    "slow/slowly to drain",
    "drain* [_] slow*",
    // "The floor drain in the kitchen is slow": the drain, where it is, then slow.
    "drain* in/under/at the [_] [_] is/are/runs/running/been slow*",
    "low/weak/poor/bad/terrible/no [water] pressure",
    "pressure … low/weak/bad/poor/terrible/pathetic/stinks",
    "pressure … not good/great",
    "hardly/barely any [water] pressure",
    "not much/enough [water] pressure",
    "[water] pressure … dropped/down/sucks/awful",
    // One fixture down to a trickle is its pressure (every tap down to a trickle is no water: NO_SERVICE).
    "barely/only/just trickl*",
    "just/only a trickle",
    "spigot",
    "hose bib/bibb",
    "hosebib/hosebibb",
    "outdoor/outside faucet/tap/spout",
    "sprinkler/irrigation",
    "keeps/constantly/always running",
    "won't stop/quit running",
    "runs constantly/nonstop",
    "runs all the time",
    "runs/running all night/day [long]",
    "run/runs/running/fill/fills/filling/refill/refills/refilling/starts/comes [on/up] on its own",
    "run/runs/running/fill/fills/filling/refill/refills/refilling/starts/comes [on/up] by itself",
    "phantom flush*/fill*",
    "running toilet",
    // "The toilet hisses for ten seconds every half hour, nobody's touched it": the tank refilling.
    "toilet* …* hiss* … every/each/nobody/itself",
    // "Runs after every flush until I jiggle the handle".
    "runs/running after every/each flush",
    "jiggle/jiggling the handle",
    // "It runs and runs, every twenty minutes it fills back up": the tank refilling.
    "runs and runs",
    "fill/fills/filling/refill/refills/refilling [right] back up",
    "when it's/it/i/we/you run*/use*/on*/turn*",
    // (Not "every time somebody flushes": water coming up elsewhere then is the sewer line.)
    "every/each time [i/we/you/someone/somebody/anyone/anybody/it's] use*/run*/turn*/open*",
    "whenever [i/we/you/someone/somebody/anyone/anybody] use*/run*/turn*/open*",
    "when it is run*/use*/on*/turn*",
    "when/whenever the shower/faucet/tap/water/hose/sink/tub/dishwasher/washer [is] on/running",
    "whenever it's/it/i/we/you/someone/somebody run*/use*/on*/turn*",
    "whenever it is run*/use*/on*/turn*",
    "drip/drips/dripping all night/day [long]",
    "only when",
    "wobbl*/loose/noise/noisy/whistl*/rattl*/bang/bangs/banging/hum/hums/humming",
    "pop/pops/popping/rumbl*/crackl*/knock*/tick/ticks/ticking/click/clicks/clicking/gurgl*",
  ],
  // A warm spot on the floor with the bill up may be a slab leak: not small.
  unless: ["warm/hot spot*", "floor … warm/hot", "warm/hot floor*"],
  hits: [
    "Ever since this cold snap the water heater can't keep up. The shower goes lukewarm after about five minutes.",
    "the water heater runs out of hot water really fast now",
    "Our water bill came in at like double what it normally is. I don't see anything wet anywhere, so something's leaking somewhere.",
    "the kitchen faucet drips",
    "the bathroom faucet has been dripping",
    "the handle came off and now it drips",
    "the tub drains slow",
    "low water pressure",
    "hardly any water pressure in the upstairs bath",
    "it only leaks when I run it",
    "there's a puddle on the counter every time we use it",
    "it leaks under the cabinet whenever somebody turns it on",
    "the toilet in the guest bath runs all night",
    "it's been running all night long",
    "every ten minutes it starts running on its own",
    "the toilet it like runs and runs um like every twenty minutes it fills back up by itself",
    "the floor drain in the kitchen is slow and smells",
    "the water heater pops and rumbles when it heats up",
    "it sprays sideways when the shower's on",
    "my shower is a disaster it drips all night",
  ],
  misses: [
    "the pipe under the sink is leaking",
    "theres a warm spot on the kitchen floor and the water bill was like double this month",
  ],
});

export const LOW = words({
  when: "No problem to fix now: a quote, an install, a remodel, an inspection, maintenance.",
  anyOf: [
    "estimate/quote/bid/remodel*/renovat*/redo*/upgrade/planning/sometime/inspect*/camera/maintenance/annual",
    // ("I keep thinking about the water bill": a worry, not a plan.)
    "thinking about getting/going/adding/putting/installing/redoing/doing/having/switching/a/an/new",
    "next week/month",
    "install/installing/installation [a/an] new",
    "put/putting in [a/an] new",
    "buying a/the/this house/home/place",
    "before we/i buy/close",
    "tune-up",
    "check-up",
    "replace/replacement … old/dated/ugly",
    // A new fixture or line put in: "we need a gas line run to the kitchen", "want them put in".
    "run/running a/the [new] [gas/water] line",
    "[gas/water] line run",
    "brand new",
    "still in the box",
    "bought/picked/got [up] [a/an/two/three/some/the] [couple] [of] new",
    "want/need/get them/it put in",
    "want/need/get them/it hooked [up]",
    "want/need/get them/it installed",
    "hook/hooking up [a/an/the/our/my] new",
    // "Get a water softener put in", "someone to install it": something put in, nothing broken.
    "get/getting/have/having/want/need a/an … put in",
    "someone/somebody/plumber/guy to install*",
    "someone/somebody/plumber/guy to put/hook it/them/one in/up",
    "just want/need it/them swapped/switched/upgraded",
    "not broken … just old",
    "switch*/swap*/convert* … to/for [a/an] tankless/new",
    // A fixture the caller already bought: "it's sitting in the box in my hallway" (not water
    // "in the box" at the curb, which is the meter's).
    "sitting in the box",
    // New work: "a plumber to look at the rough-in for the bathroom we're adding and price it".
    "rough-in",
    "adding/add [on] a/an [new] bathroom/bath/kitchen/addition/room",
    "an addition",
    "new construction",
    "new build",
    "give/get [me/us] a price",
    "price it/this/that/them [out]",
    // A working fixture swapped by choice: "the old one works fine, it's just hideous", "still works,
    // but I'd like to swap it out before it quits".
    "nothing's wrong with it/them",
    "nothing is wrong with it/them",
    "swap*/replac*/chang* it/them [out] before it/they quit*/die*/go*/fail*/break*/give*",
    "swap*/replac*/chang*/switch* … before it/they quit*/die*/go*/fail*/break*/give*",
    "think/thinking about replac*/swap*/upgrad*",
    "still works/working/runs/running … swap*/replac*/upgrad*",
    "works fine … just ugly/hideous/old/dated",
    "give me a number",
  ],
  hits: [
    "I'd like a quote on a new water heater",
    "we're remodeling the bathroom",
    "annual tune up",
    "we need a gas line run to the kitchen for the new range",
    "we bought two new toilets and want them put in",
    "I'm looking to get a water softener put in",
    "we got a new toilet from home depot and need somebody to put it in",
    "The old one works fine, we just want it swapped.",
    "we want a price on switching our old tank water heater to a tankless one its not broken just old",
    "were adding a bathroom onto my clients house and i need a plumber to look at the rough in and give me a price",
    "it's new construction, we need the rough-in done",
    "Ours is a regular tank, about twelve years old, and we want to switch to tankless before it dies.",
    "So I want to swap my old tank for a tankless. Nothing's wrong with it, it's just old.",
    "we're thinking about a new water heater",
    "How much to put in a toilet? I already bought it, it's sitting in the box in my hallway.",
  ],
  // Work put in before, leaking now, is a repair: "some other company put in a new toilet three
  // weeks ago and now every time we flush there's water on the floor".
  unless: [
    "put/installed … ago/last/back … leak*/water/drip*/puddle*/wet/clog*/broke*/crack*/running/won't/doesn't/keeps",
    "since … put/installed … leak*/water/drip*/puddle*/wet/clog*/broke*/crack*/running/won't/doesn't/keeps",
  ],
  misses: [
    "the toilet is clogged",
    "I need someone to fix the toilet, it won't stop running",
    "Some other company put in a new toilet three weeks ago and now every time we flush there's water on the floor around the base.",
    "You guys put in a new water heater for us back in November, and now there's a little puddle around the base.",
  ],
});

export const PLUMBING = words({
  when: "Words about plumbing: what makes a few words a description of the problem.",
  anyOf: [
    "leak*/pipe/pipes/drain/drains/clog*/toilet/toilets/sink/sinks/faucet/faucets/water/heater/sewer/sewage/shower/tub/bath*/disposal/sump/pump/valve/hose/spigot/gas/flood*/backed/backing/running/drip*/pressure/install*/replac*/repair*/estimate/quote/remodel*/kitchen/meter/softener/filter/frozen/burst/smell*/noise/septic/plumb*/fixture/garbage/dishwasher/washer/tank/flush*/overflow*",
  ],
  hits: ["the tub", "my kitchen faucet", "a noise"],
  misses: ["hello? can you hear me", "Maria Lopez"],
});
