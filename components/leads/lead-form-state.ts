// A form opened from the lead follows the lead while the person has not typed in it; once they
// have, their edits stay and the form says what changed underneath them (no silent overwrite).
export type FormValues = Record<string, string | boolean>;

export type LeadFormState<V extends FormValues> = {
  /** What the lead held when the person started from it: sent with the save as what they saw. */
  base: V;
  /** What the form shows. */
  values: V;
  /** What the lead holds now. */
  latest: V;
};

/** Spaces around a text are not a change: the server trims what it stores. */
const norm = (x: string | boolean | undefined) => (typeof x === "string" ? x.trim() : x);

export function sameValues<V extends FormValues>(a: V, b: V): boolean {
  return Object.keys(a).every((k) => norm(a[k]) === norm(b[k]));
}

export function startLeadForm<V extends FormValues>(fromLead: V): LeadFormState<V> {
  return { base: fromLead, values: fromLead, latest: fromLead };
}

/** The state after the lead was read again (a refetch, another card's change, a save). */
export function followLead<V extends FormValues>(s: LeadFormState<V>, fromLead: V): LeadFormState<V> {
  if (sameValues(fromLead, s.latest)) return s;
  // No unsaved edits, or the lead now holds exactly what the form shows (its own save): follow it.
  if (sameValues(s.values, s.base) || sameValues(s.values, fromLead)) return startLeadForm(fromLead);
  return { ...s, latest: fromLead };
}

/** The fields the lead changed since the person started editing (empty: nothing underneath them). */
export function changedUnderneath<V extends FormValues>(s: LeadFormState<V>): (keyof V & string)[] {
  return Object.keys(s.base).filter((k) => s.base[k] !== s.latest[k]);
}

/** The fields the person changed: a save sends only these, so a field they never touched is not written back. */
export function editedFields<V extends FormValues>(s: LeadFormState<V>): (keyof V & string)[] {
  return Object.keys(s.values).filter((k) => s.values[k] !== s.base[k]);
}

export function editField<V extends FormValues, K extends keyof V>(
  s: LeadFormState<V>,
  key: K,
  value: V[K],
): LeadFormState<V> {
  return { ...s, values: { ...s.values, [key]: value } };
}
