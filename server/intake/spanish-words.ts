// Callers who mix Spanish into their English ("el calentador hace ruido", "hay agua por todo el
// piso") are read as well as the English around them: each Spanish phrase below that a caller
// says is heard in English, with the caller's own word kept beside it in brackets, once, where
// the turn's speech comes in (`heardAsWritten`). The rules then hear the English (a pipe that
// burst, gas, sewage, the day asked for), and the office reads both in the lead's summary: "hay
// una leak (fuga) debajo del kitchen sink (fregadero)". The agent still speaks English.
// docs/sop-rules.md "Callers who mix in Spanish".
//
// Only words a plumbing call needs, and none that is also an English word or a common given name
// ("Tina" is not glossed as a tub, "Domingo" not as Sunday, "si" without its accent can be "if").
// Where one phrase holds another, the longer one is heard ("no hay agua caliente" is "no hot
// water", not "no water"): the phrases are tried longest first, whatever their order below.

/** A Spanish phrase and its English, as the rules should hear it. */
export const SPANISH_GLOSSES: readonly (readonly [string, string])[] = [
  // emergencies: gas, water loose, sewage, burst pipes, sparks
  ["huele a gas", "smells like gas"],
  ["olor a gas", "gas smell"],
  ["se reventó", "burst"],
  ["reventado", "burst"],
  ["reventada", "burst"],
  ["se rompió", "broke"],
  ["se inundó", "flooded"],
  ["inundado", "flooded"],
  ["inundada", "flooded"],
  ["inundación", "flooding"],
  ["agua por todas partes", "water everywhere"],
  ["agua por todo el piso", "water all over the floor"],
  ["está saliendo agua", "water is coming out"],
  ["sale mucha agua", "a lot of water is coming out"],
  ["sale agua", "water is coming out"],
  ["está saliendo", "is coming out"],
  ["están saliendo", "are coming out"],
  ["saliendo", "coming out"],
  ["aguas negras", "sewage"],
  ["se está regresando", "backing up"],
  ["se regresa", "backs up"],
  ["chispas", "sparks"],
  ["el enchufe", "the outlet"],
  ["emergencia", "emergency"],
  ["urgente", "urgent"],
  // water and heat
  ["no hay agua caliente", "no hot water"],
  ["sin agua caliente", "no hot water"],
  ["no tenemos agua caliente", "we have no hot water"],
  ["no hay agua", "no water"],
  ["no tenemos agua", "we have no water"],
  ["sin agua", "no water"],
  ["agua caliente", "hot water"],
  // the problem
  ["mucha agua", "a lot of water"],
  ["agua", "water"],
  ["fuga", "leak"],
  ["gotea", "drips"],
  ["goteando", "dripping"],
  ["gotera", "leak"],
  ["tapado", "clogged"],
  ["tapada", "clogged"],
  ["atascado", "clogged"],
  ["no baja", "won't go down"],
  ["ruido", "noise"],
  ["golpes", "banging"],
  ["congelado", "frozen"],
  ["congelada", "frozen"],
  ["congeladas", "frozen"],
  ["congelados", "frozen"],
  // where
  ["calentador", "water heater"],
  ["el boiler", "the water heater"],
  ["tubería", "pipe"],
  ["tubo", "pipe"],
  ["llave de paso", "shut-off valve"],
  ["llave", "faucet"],
  ["excusado", "toilet"],
  ["inodoro", "toilet"],
  ["fregadero", "kitchen sink"],
  ["lavabo", "bathroom sink"],
  ["lavamanos", "bathroom sink"],
  ["regadera", "shower"],
  ["drenaje", "drain"],
  ["baño", "bathroom"],
  ["cocina", "kitchen"],
  ["techo", "ceiling"],
  ["piso", "floor"],
  ["pared", "wall"],
  ["sótano", "basement"],
  // who is there
  ["un bebé", "a baby"],
  ["mi bebé", "my baby"],
];

/** Answers, names and days: said in English instead, as the agent would have heard them ("sí" is "yes"). */
export const SPANISH_ANSWERS: readonly (readonly [string, string])[] = [
  ["sí", "yes"],
  ["claro que sí", "yes, sure"],
  ["por favor", "please"],
  ["no puedo", "I can't"],
  ["me llamo", "my name is"],
  ["mi nombre es", "my name is"],
  ["que me llamen", "call me back"],
  ["llámenme", "call me back"],
  ["que venga alguien", "send someone out"],
  ["en la mañana", "in the morning"],
  ["en la tarde", "in the afternoon"],
  ["después de la una", "after 1"],
  ["mañana", "tomorrow"],
  ["hoy", "today"],
  ["lunes", "Monday"],
  ["martes", "Tuesday"],
  ["miércoles", "Wednesday"],
  ["jueves", "Thursday"],
  ["viernes", "Friday"],
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Longest phrase first, so "no hay agua caliente" wins over "no hay agua" and "agua caliente". */
const ordered = [...SPANISH_GLOSSES, ...SPANISH_ANSWERS].sort((a, b) => b[0].length - a[0].length);
const ANSWER = new Set(SPANISH_ANSWERS.map(([es]) => es));
const unaccent = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");
/** Each phrase by its words without accents (speech recognition drops them), but "si" alone, which can be "if". */
const BY_WORDS = new Map(ordered.map(([es, en]) => [es === "sí" ? es : unaccent(es), { es, en }]));
const SPANISH = new RegExp(
  `(?<![\\p{L}'])(?:${ordered
    .map(([es]) => (es === "sí" ? es : escape(es).replace(/[áéíóú]/g, (v) => `[${v}${unaccent(v)}]`)))
    .join("|")})(?![\\p{L}'])`,
  "giu",
);

/**
 * The caller's words with each Spanish phrase heard in English: the English said first and the
 * caller's word kept beside it for the office ("el water heater (calentador) hace noise (ruido)");
 * an answer, a name cue or a day said in English alone ("Sí, please come" → "yes, please come").
 */
export function withEnglishGlosses(text: string): string {
  return text.replace(SPANISH, (said) => {
    const lower = said.toLowerCase();
    const phrase = BY_WORDS.get(lower) ?? BY_WORDS.get(unaccent(lower));
    if (!phrase) return said;
    return ANSWER.has(phrase.es) ? phrase.en : `${phrase.en} (${said})`;
  });
}
