// How callers ask the business something, and how a caller who is not a customer sounds, written
// as data in the same form as phrasings.ts (the format is described there and in phrase-rules.ts).
// Questions are tried in the order of CALLER_QUESTIONS: the first rule that hears the caller decides
// ("is there a trip fee" is the estimate question, not the price question).
import type { CallerQuestion } from "@/server/intake/extraction";
import { addPhraseLists, type PhraseRule } from "@/server/intake/phrase-rules";

export const QUESTION_LISTS = {
  /** What a caller asks the business to do ("do you install…", "can y'all take care of…"). */
  "service verb": [
    "do",
    "handle",
    "fix",
    "work on",
    "service",
    "install",
    "put in",
    "repair",
    "replace",
    "deal with",
    "take care of",
    "clean",
    "take",
    "pump",
    "unclog",
    "snake",
    "run",
    "offer",
    "hook up",
    "work with",
    "also do",
  ],
  /** Who the caller addresses. */
  "you all": ["you", "y'all", "ya", "your company/guys/team/people"],
  brand: [
    "rinnai",
    "navien",
    "rheem",
    "bradford white",
    "a o smith",
    "ao smith",
    "kohler",
    "moen",
    "delta",
    "american standard",
    "toto",
    "insinkerator",
    "noritz",
    "takagi",
    "state",
    "ruud",
  ],
  /** Brands plain enough to name on their own in a question. */
  "brand name": [
    "rinnai",
    "navien",
    "rheem",
    "bradford white",
    "kohler",
    "moen",
    "delta",
    "american standard",
    "toto",
    "insinkerator",
    "noritz",
    "takagi",
  ],
  /** "Are you…", "is this…", "am I talking to…". */
  "is this": [
    "are you",
    "is this",
    "am i talking/speaking to/with",
    "is that",
    "you're",
    "you are",
    "this is",
  ],
  "a machine": ["robot", "machine", "computer", "bot", "ai", "a i", "recording", "automated", "artificial"],
  cost: ["cost", "charge", "price", "run me", "fee"],
  /** "Can you…", "is there…": asking whether something can happen. */
  "can you": ["can", "could", "will", "would", "is there", "are there", "do you have"],
  "get here": ["come", "be here/there/out", "get here/there/out", "make it", "available", "send"],
  soon: ["today", "tonight", "now", "this morning/afternoon/evening"],
  /** Days of the week, as a caller asks about them ("do you work Saturdays"). */
  days: [
    "monday/mondays/tuesday/tuesdays/wednesday/wednesdays/thursday/thursdays/friday/fridays",
    "saturday/saturdays/sunday/sundays/weekend/weekends/weekday/weekdays/holidays",
  ],
  "business place": [
    "place",
    "shop/shops",
    "store/stores",
    "restaurant/restaurants",
    "business/businesses",
    "office/offices",
    "bar",
    "salon/salons",
    "building/buildings",
    "complex",
    "cafe",
    "company",
    "clinic/clinics",
    "daycare",
  ],
  /** Words a question may start with before it asks ("oh, and quick question, do you…"). */
  "lead in": [
    "yeah",
    "hi",
    "hello",
    "and",
    "but",
    "so",
    "oh",
    "also",
    "um",
    "umm",
    "uh",
    "uhh",
    "okay",
    "ok",
    "well",
    "quick question",
    "one question",
    "real quick",
    "hey",
    "say",
    "listen",
    "excuse me",
    // "Roughly how long does a job like that take?"
    "roughly",
    "about",
    "approximately",
    // Spanish said in passing ("oiga, does the plumber speak Spanish?").
    "oiga",
    "oye",
  ],
  "asking word": [
    // "What's your email address?"
    "what's/where's/who's/how's/when's",
    "do",
    "does",
    "are",
    "is",
    "can",
    "could",
    "will",
    "would",
    "how",
    "what",
    "when",
    "where",
    "why",
    "who",
    "which",
    "have",
    "has",
  ],
  "asked whom": [
    "you",
    "y'all",
    "ya",
    "your",
    "there",
    "it",
    "they",
    "he",
    "she",
    "someone",
    "somebody",
    "the plumber/plumbers",
    "a plumber",
    // "Can my roommate let the plumber in?", "do I need to be home?": asked of the business all the same.
    "my/our",
    "i",
    "we",
  ],
  /** Online listings and ads, what a salesperson calls about. */
  "your listing": [
    "google",
    "business",
    "listing",
    "profile",
    "website",
    "seo",
    "ad",
    "ads",
    "advertising",
    "marketing",
    "reviews",
    "online",
    "yelp",
    "maps",
  ],
  "sales firm": [
    "marketing",
    "media",
    "digital",
    "leads",
    "solutions",
    "ads",
    "advertising",
    "seo",
    "capital",
    "funding",
    "payments",
    "gps",
    "fleet",
    "software",
    "telematics",
  ],
  "other business": [
    "dental",
    "dentist",
    "doctor's",
    "clinic",
    "pharmacy",
    "pizza",
    "restaurant",
    "salon",
    "school",
    "bank",
    "insurance",
    "vet",
    "veterinary",
    "law",
    "hair",
    "nail",
    "nails",
    "auto",
    "daycare",
  ],
} as const;
addPhraseLists(QUESTION_LISTS);

// A question stays a question after a negation ("I don't know how much it costs").
const question = (r: Omit<PhraseRule, "negatable">): PhraseRule => ({ ...r, negatable: false });

// ── questions to the business ─────────────────────────────────────────────────────────────────

const ESTIMATE = question({
  when: "A trip fee, a service-call charge or free estimates (asked before the price).",
  anyOf: [
    "trip fee/charge",
    "service [call] fee/charge",
    "diagnostic fee/charge",
    "call-out fee/charge",
    "free estimate/estimates/quote/quotes",
    "charge just to come/look",
    "estimate/estimates are/is free",
    "do you [guys] give/do/offer [free] estimates/quotes",
  ],
  hits: ["is there a trip fee?", "do you do free estimates", "do you charge just to come look at it"],
  misses: ["how much is it", "my estimate is it's the valve"],
});

const LICENSED = question({
  when: "Whether the business is licensed, insured or bonded.",
  anyOf: ["licensed/licenced/insured/bonded/license/licence/insurance"],
  hits: ["are you licensed and insured?", "do you have insurance"],
  misses: ["my toilet is clogged"],
});

const PAYMENT = question({
  when: "How the caller can pay.",
  anyOf: [
    "what/which [form/forms] [of] payment/payments",
    "how do/can i/we pay",
    "do you [guys] take/accept",
    "take/accept credit/debit/card/cards/check/checks/cash/venmo/zelle/paypal",
    "take/accept apple pay",
    "payment plan/plans/option/options/method/methods",
    "financing",
    "pay with/by card/credit/check/cash",
  ],
  hits: ["do you take credit cards?", "how can I pay", "do you have financing"],
  misses: ["my faucet drips"],
});

const WARRANTY = question({
  when: "A warranty or guarantee on the work.",
  anyOf: ["warranty/warranties/warranteed/guarantee/guaranteed/guarantees", "covered under"],
  hits: ["is the work guaranteed?", "do you offer a warranty"],
  misses: ["the water heater is leaking"],
});

const BRANDS = question({
  when: "Which brands the business installs or services.",
  anyOf: [
    "what/which brand/brands",
    "brand/brands do/of",
    "do/can you install/carry/service/sell/use [_] {brand}",
    "do/can you work on [_] {brand}",
    "you guys install/carry/service/sell/use [_] {brand}",
    "you guys work on [_] {brand}",
  ],
  hits: ["what brands do you carry?", "do you install Rinnai tankless heaters", "can you service a Navien"],
  misses: ["my water heater is leaking"],
});

const BRAND_NAMED = question({
  when: "A brand named in a question ('I have a Kohler toilet, can you fix it?').",
  anyOf: ["{brand_name}"],
  asked: true,
  hits: ["I have a Kohler toilet, can you fix it?"],
  misses: ["I have a Kohler toilet and it runs."],
});

const ROBOT = question({
  when: "Whether the caller is talking to a person or a machine.",
  anyOf: [
    // "Is this like a robot", "are you even a real person": a filler before what is asked.
    "{is_this} [like/even/kinda/actually] [just] [a/an] real person/human",
    "{is_this} [like/even/kinda/actually] [just] [a/an] [actual/live] person/human",
    "{is_this} [like/even/kinda/actually] [just] [a/an] {a_machine}",
  ],
  hits: [
    "are you a robot?",
    "is this a real person",
    "am I talking to a machine",
    "is this automated",
    "hi um is this like a robot",
  ],
  misses: ["my toilet is running"],
});

const ROBOT_WORD = question({
  when: "'Robot?' or 'a machine?' asked on its own.",
  anyOf: ["robot/bot/machine/computer"],
  asked: true,
  hits: ["wait, robot?", "Is that a computer?"],
  misses: ["the washing machine is leaking."],
});

const PRICE = question({
  when: "What the visit or the job will cost.",
  anyOf: [
    "gonna/it'll {cost}",
    "going to {cost}",
    "will/would/does it {cost}",
    "cost me",
    "how much",
    "what/what's [is/do/does/would/will] [it/that/this/you/the/your/ya] {cost}",
    "what do you guys charge",
    // "What does something like that usually cost?"
    "what do/does/would/will/might … {cost}",
    "usually/typically/normally/roughly {cost}",
    "usually/typically/normally/roughly run/runs",
    "is there a [trip/service] [call] fee/charge",
    "do you have a [trip/service] [call] fee/charge",
    "what/what's [are/is] your/the price/prices/rate/rates/fee/fees/cost/charge",
    "ballpark",
    "pricing",
    "trip charge",
    "service [call] fee",
  ],
  hits: [
    "how much is it gonna cost?",
    "what do you charge",
    "what's your rate",
    "ballpark?",
    "what does something like that usually cost?",
  ],
  misses: ["my sink is clogged"],
});

const TODAY = question({
  when: "Whether someone can come today or right now.",
  anyOf: [
    "{can_you} … {get_here} …* {soon}",
    "anyone/anybody/someone/somebody [available] today/tonight",
    "anyone/anybody/someone/somebody [available] right now",
    "today/tonight possible/available",
  ],
  hits: ["can someone come out today?", "could you get here this afternoon", "anybody available right now?"],
  misses: ["can you come out Tuesday", "it started today"],
});

const HOURS = question({
  when: "When the business is open.",
  anyOf: [
    "what/what's [are] your/the [business/office] hours",
    "what time do you [guys] open/close",
    "when are/do you [guys] open/close",
    "are you [guys] open",
    "are/will {you_all} [guys/all] [be] open",
    "open on/for/over [the] christmas/xmas/thanksgiving/holiday/holidays/easter",
    "open on/for/over [the] christmas/xmas eve/day",
    "open on/for/over new year's/years [eve/day]",
    "you/y'all open [on] saturday/sunday/weekend/weekends/today/tomorrow",
    "hours of operation",
    "business/office hours",
    "open on [the] weekend/weekends/saturday/saturdays/sunday/sundays",
    "do/are/will {you_all} [guys/all] work/working/open [on] [the] {days}",
    // "Do you guys do weekends?": days the office may not work, not a kind of work ("can you do
    // Thursday?" picks a time).
    "do/will {you_all} [guys/all] do [any] [the] saturday/saturdays/sunday/sundays/weekend/weekends/holidays",
    "^ you/y'all [guys/all] do/work [any] [the] saturday/saturdays/sunday/sundays/weekend/weekends/holidays",
    "{you_all} [guys/all] work/working [on] [the] {days}",
    "what days do/are {you_all} [guys/all] work/working/open",
    "{you_all} [guys/all] open late/early/evenings/nights",
  ],
  hits: [
    "what are your hours?",
    "are you open on Saturday",
    "y'all open weekends?",
    "do you guys work Saturdays?",
    "Do you guys do weekends? I work all week.",
    "are y'all working on the weekend?",
    "what days do you work?",
    "hey are y'all open on christmas eve",
    "will you be open over the holidays?",
  ],
  misses: ["the drain is open now"],
});

const SERVICES = question({
  when: "Whether the business does a kind of work.",
  anyOf: [
    "do/can/will/does/could {you_all} [guys/all] {service_verb}",
    "is that/this/it something you/y'all [guys] do/handle",
    "do/can you/y'all [guys] work on/do commercial/residential/businesses/restaurants/apartments",
  ],
  hits: ["do you install water softeners?", "can y'all snake a main line", "is that something you handle?"],
  misses: ["my softener is broken"],
});

const SERVICES_SAID = question({
  when: "'You guys do gas lines?': the same question, said without 'do'.",
  anyOf: [
    "^ you/y'all [guys/all] {service_verb}",
    // ("The tub's slow. Oh, and y'all work on well pumps?": the same, after the problem.)
    "oh/and/also/hey/plus [and/also/oh/hey/do] you/y'all [guys/all] {service_verb}",
  ],
  asked: true,
  hits: [
    "you guys do gas lines?",
    "y'all fix water heaters?",
    "Bathtub's draining slow. Oh, and y'all work on well pumps? My brother's got a place out past Elgin.",
    "the sink's clogged, and you guys install water softeners too?",
  ],
  misses: ["you guys fixed it last year.", "the tub is slow and you know how it is?"],
});

/** The questions, in the order they are tried. */
export const CALLER_QUESTIONS: ReadonlyArray<readonly [Exclude<CallerQuestion, "other">, PhraseRule]> = [
  ["estimate", ESTIMATE],
  ["licensed", LICENSED],
  ["payment", PAYMENT],
  ["warranty", WARRANTY],
  ["brands", BRANDS],
  ["brands", BRAND_NAMED],
  ["robot", ROBOT],
  ["robot", ROBOT_WORD],
  ["price", PRICE],
  ["today", TODAY],
  ["hours", HOURS],
  ["services", SERVICES],
  ["services", SERVICES_SAID],
];

export const COMMERCIAL = question({
  when: "A business, not a home: the settings say whether the business takes such work.",
  anyOf: [
    "i/we own/run/manage/have a/an/the … {business_place}",
    "office building/manager/park",
    "law firm",
    "restaurant/restaurants",
    "offices",
    "cafe",
    "diner",
    "bar and grill",
    // ("I'm the church secretary, calling for one of our members": a person of the church, at a home.)
    "our store/shop/office/building/restaurant/business/warehouse/church/school/congregation -secretary/member/members/pastor/staff/family/office",
    "the store/shop/warehouse/church/school -secretary/member/members/pastor/staff/family/office",
    // A house of worship is a building of its own ("the big sink in our fellowship hall").
    "fellowship/parish/church/social hall",
    "baptist/methodist/lutheran/presbyterian/episcopal/catholic/pentecostal church",
    "calling from … baptist/methodist/lutheran/presbyterian/episcopal/church/parish/synagogue/mosque/temple",
    "synagogue",
    "mosque",
    "the strip mall",
    "the shopping center",
    "apartment complex/community/building",
    "# unit building/complex/property",
    "maintenance lead/supervisor/manager/director",
    "facility/facilities manage*",
    "commercial",
    "strip mall",
    "warehouse",
    "daycare",
    "hotel",
    "motel",
    "gym",
    // A restaurant's kitchen told by its own words ("the kitchen manager at Cantina Luz, our grease trap…").
    "grease trap*",
    "grease interceptor*",
    "dish pit",
    "kitchen/restaurant/store/shop/general manager at",
  ],
  hits: [
    "I manage a 12-unit building",
    "this is the kitchen manager at Cantina Luz, our grease trap's overdue to get cleaned out",
    "we own a little taco place",
    "the sink at our restaurant",
    "I'm calling from Mount Zion Baptist, the sink in our fellowship hall kitchen is backed up",
  ],
  misses: [
    "the kitchen sink at home",
    "we're going to church on Sunday",
    "I'm a manager at the hospital, my sink at home is clogged",
    "Well, I'm Bernadette, the church secretary, but put it under her name",
  ],
});

/** Said with a business, it makes the work residential (questionOf asks COMMERCIAL and not this). */
export const RESIDENTIAL: PhraseRule = {
  when: "A business run from a home, or rented homes and units: residential work, not a commercial building.",
  anyOf: [
    "out of my/our/her/his/the house/home",
    "from/in/at/for my/our/her/his/the house/home",
    "home salon/business/office/daycare/bakery",
    "residential",
    "vacant/empty/rental unit/units/house/houses/home/homes/condo/condos",
    "rent house/houses",
    "between tenants",
    "duplex/triplex/fourplex",
    // A tenant's bathtub is a home ("I'm the property manager, the tenant says the tub is slow").
    "tenant/tenants/renter/renters",
  ],
  hits: [
    "i do nails out of my house",
    "i run a home daycare",
    "the rental house on elm has a leaky tub",
    "i own a bakery but this is for my house",
    "the unit is vacant, between tenants",
    "The tenant says the bathtub drain is really slow. I'm the property manager.",
  ],
  misses: ["i run a restaurant and the grease trap is backing up", "it's not residential, it's our office"],
};

export const ANY_QUESTION = question({
  when: "A sentence that asks the business something, however it is worded ('are y'all open late?').",
  anyOf: [
    "^ [{lead_in}]+ {asking_word} {asked_whom}",
    "^ [{lead_in}]+ before i give/go … {asking_word} {asked_whom}",
    // "How long will the plumber need?"
    "^ [{lead_in}]+ how long/soon/early/late/often/many/much",
  ],
  // "Can somebody just call me back?": a request for the callback, answered as one.
  unless: ["can/could/would/will {asked_whom} [just] [please] call/ring/phone me"],
  asked: true,
  hits: [
    "are y'all open late?",
    "oh, and does it have to be me there?",
    "so can someone text me first?",
    "can my roommate let the plumber in?",
    "do I need to be home?",
    "how long will the plumber need?",
  ],
  misses: ["the tub is slow.", "can someone come", "um can somebody just call me back?"],
});

// ── callers who are not customers ─────────────────────────────────────────────────────────────

const notCustomer = (r: Omit<PhraseRule, "negatable">): PhraseRule => ({ ...r, negatable: false });

export const SALES = notCustomer({
  when: "Someone selling to the business: listings, marketing, leads, card processing, loans.",
  anyOf: [
    "calling/call about/regarding your {your_listing}",
    "calling/call in regards to your {your_listing}",
    "reaching out about/regarding your {your_listing}",
    "your google [business] profile/listing/page/maps",
    "google [business] profile/listing verification/is/has",
    "seo",
    "search engine",
    "[digital] marketing agency/services/company/firm",
    "we/i help plumbers/contractors/businesses/companies",
    "we/i help home service",
    "we/i help local businesses",
    "pay per call/lead/click",
    "exclusive/more/new/qualified leads/customers/calls/jobs for you/your/plumb",
    "merchant services/processing",
    "credit card services/processing",
    "processing rates/fees",
    "business loan/funding/financing",
    "business line of credit",
    "working capital",
    "is the [business] owner available/around/in",
    "trying/want/wanted/hoping/looking to reach/catch/speak/talk [to/with] the business owner",
    "trying/want/wanted/hoping/looking to get [a] hold/ahold [of] the business owner",
    "your service vans/trucks/fleet/vehicles/techs/technicians",
    "fleet/gps/vehicle tracking",
    "speak to/with the [business] owner available/around/in",
    "best/an email for",
    "best/an email to reach",
    "the owner's email for",
    "the owner's email to reach",
    "decision maker",
    "not calling about/for a repair/plumbing/problem/job",
    "grow/scale your business/company",
    "rank you higher/first/on",
    "rank your business higher/first/on",
    "top of google",
    "i'm with/from … {sales_firm}",
    "this is _ with/from … {sales_firm}",
  ],
  hits: [
    "hi, I'm calling about your Google business profile",
    "we help plumbers get more leads",
    "is the owner available? this is Dave with Bright Media",
    "this is Kyle with ProFleet GPS, I'm trying to reach the owner about tracking for your service vans",
    "hey I was hoping to speak with the business owner real quick",
  ],
  misses: [
    "my kitchen sink is leaking",
    "I'm calling about my water heater",
    "I'm the tenant, I've been trying to reach the owner but he won't answer, the sink is leaking",
  ],
});

export const ROBOCALL = notCustomer({
  when: "A recorded or automated message.",
  anyOf: [
    "this is a/an recorded/automated/prerecorded/pre-recorded message/call",
    "this is not a sales call",
    "press one/1/two/2/nine/9/zero/0 now/to",
    "to be removed from our/the/this list",
    "to be removed from our/the/this call list",
    "final/last notice/attempt",
    "extended [car/auto/vehicle] warranty",
    "your [google/business] listing will/may be suspended/removed/deactivated/deleted/flagged",
    "your [google/business] listing has been suspended/removed/deactivated/deleted/flagged",
    "your [google/business] listing is being suspended/removed/deactivated/deleted/flagged",
    "your/the social security number",
    "your/the ssn number",
    "do not hang up",
    "this call is to inform",
    "this call is an important",
    "this call is regarding your",
  ],
  hits: ["This is an automated message about your extended car warranty", "press 1 now to speak"],
  misses: ["is this automated?", "my water heater warranty ran out"],
});

export const WRONG_NUMBER = notCustomer({
  when: "A caller who dialed the wrong number.",
  anyOf: [
    "wrong number",
    "dialed/dialled/called/have/got the wrong",
    "must have dialed/dialled/called/misdialed",
    "must've dialed/dialled/called/misdialed",
    "dialed/dialled/called wrong",
    "is this [the] … {other_business}",
    "move/cancel/reschedule my pedicure/manicure/haircut/cleaning/checkup",
    "misdialed",
    "isn't/not [this] [the] … {other_business}",
    "i was trying/looking to call/reach someone/somebody/my/the/a else/dentist/doctor/office/pharmacy/pizza/restaurant/salon/school/bank",
    "sorry wrong",
    "sorry i [must] [have] dialed/called [the] wrong",
    "is this [the] walgreens/cvs/pharmacy/drugstore/dentist",
    "is this [the] drug store",
    "is this [the] doctor's office",
    "calling about/for my/a prescription/refill",
    "prescription refill",
    // "I was calling my daughter. I pushed the wrong button."
    "pushed/pressed/hit/touched [the] wrong button/number/contact/name",
    "i was calling/trying my daughter/son/mom/mother/dad/father/sister/brother/husband/wife/friend/grandson/granddaughter",
  ],
  hits: [
    "sorry, wrong number",
    "isn't this Smile Dental?",
    "I was trying to reach my dentist",
    "is this CVS? I need my prescription refilled",
    "I'm calling about my prescription, is it ready",
    "Oh. Plumbing? No, I must've dialed wrong",
    "is this Rosie's Nails? I need to move my Thursday pedicure",
    "Oh, no, I'm sorry, I was calling my daughter. I pushed the wrong button.",
  ],
  misses: [
    "my sink is leaking",
    "my son is calling, his sink is clogged",
    "it's not the toilet, it's the tub",
    "is this the plumber?",
    "the line to the dishwasher was put in wrong",
    "is this the plumbing company? my pipe called it quits",
  ],
});

export const STILL_A_CUSTOMER = notCustomer({
  when: "A plumbing need said in the same breath keeps the caller a customer ('sorry, wrong number… actually, do you fix leaks?').",
  anyOf: [
    "my sink/toilet/faucet/shower/tub/drain/pipe/pipes",
    "my water heater",
    "leak/leaking/leaks",
    "clogged",
    "no [hot] water",
    "need a plumber",
  ],
  hits: ["wrong number, but actually my sink is leaking", "do you fix leaks"],
  misses: ["sorry, wrong number"],
});
