// SMS templates per tenant and purpose, with {variables}. Carriers reject business texts without
// opt-out wording, so every rendered text carries "Reply STOP to opt out." unless it has it.

export const MESSAGE_PURPOSES = ["text_back", "confirmation", "reminder_24h", "reminder_2h"] as const;
export type TemplatePurpose = (typeof MESSAGE_PURPOSES)[number];

export const TEMPLATE_VARIABLES = ["business", "link", "name", "appointment", "phone"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateVars = Partial<Record<TemplateVariable, string | null>>;

export const DEFAULT_TEMPLATES: Record<TemplatePurpose, string> = {
  text_back:
    "Hi{name_prefix}, this is {business}. Sorry we missed your call! Book a visit or request a quote here: {link} — or reply to this text and we'll get back to you.",
  confirmation:
    "{business}: your visit is booked for {appointment}. Reply RESCHEDULE to change it or call {phone}.",
  reminder_24h: "{business} reminder: we'll see you {appointment}. Reply RESCHEDULE if that no longer works.",
  reminder_2h:
    "{business}: your visit is in about 2 hours ({appointment}). Reply RESCHEDULE if you need to change it.",
};

export const PURPOSE_LABELS: Record<TemplatePurpose, string> = {
  text_back: "Missed-call text-back",
  confirmation: "Appointment confirmation",
  reminder_24h: "Reminder 24 hours before",
  reminder_2h: "Reminder 2 hours before",
};

export const STOP_WORDING = "Reply STOP to opt out.";
export const MAX_TEMPLATE_LENGTH = 480;

/** Appends the opt-out wording when the text does not already tell the reader how to stop. */
export function withStopWording(text: string): string {
  if (/\bSTOP\b/.test(text)) return text;
  const trimmed = text.trimEnd();
  return `${trimmed}${/[.!?]$/.test(trimmed) || trimmed === "" ? "" : "."} ${STOP_WORDING}`.trimStart();
}

/**
 * Fills {business}, {link}, {name}, {appointment}, {phone}. `{name_prefix}` is " Maria" when
 * the name is known and "" otherwise, so "Hi{name_prefix}," reads right either way. Unknown
 * variables are left as written (the settings page flags them).
 */
export function renderTemplate(template: string, vars: TemplateVars): string {
  const text = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name === "name_prefix") return vars.name ? ` ${vars.name}` : "";
    if ((TEMPLATE_VARIABLES as readonly string[]).includes(name)) return vars[name as TemplateVariable] ?? "";
    return whole;
  });
  return withStopWording(
    text
      .replace(/[ \t]+/g, " ")
      .replace(/ ([,.!?])/g, "$1")
      .trim(),
  );
}

/** Variables in a template that the renderer does not know, e.g. ["{bussiness}"]. */
export function unknownVariables(template: string): string[] {
  const known = new Set<string>([...TEMPLATE_VARIABLES, "name_prefix"]);
  return [
    ...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((n) => !known.has(n))),
  ].map((n) => `{${n}}`);
}

/**
 * The caller's first name for a greeting ("Maria Lopez" → "Maria"); a family's name ("The
 * Hendersons") has none; a title and surname ("Mrs. Delgado") is said whole.
 */
export function firstName(name: string | null | undefined): string | null {
  const trimmed = name?.trim();
  if (trimmed && /^(mr|mrs|ms|miss|dr)\.?\s+\S+$/i.test(trimmed)) return trimmed;
  const first = trimmed?.split(/\s+/)[0];
  return first && first !== "The" ? first : null;
}
