"use client";
// The React side of lead-form-state: a form's values that follow the lead (see there).
import { useState } from "react";
import {
  changedUnderneath,
  editField,
  editedFields,
  followLead,
  startLeadForm,
  type FormValues,
} from "./lead-form-state";

export function useLeadForm<V extends FormValues>(fromLead: V) {
  const [state, setState] = useState(() => startLeadForm(fromLead));
  // Adjusted while rendering (React's pattern for state derived from props): no stale first paint.
  const next = followLead(state, fromLead);
  if (next !== state) setState(next);
  return {
    values: next.values,
    base: next.base,
    latest: next.latest,
    changed: changedUnderneath(next),
    edited: editedFields(next),
    set: <K extends keyof V>(key: K, value: V[K]) => setState((s) => editField(s, key, value)),
    /** Drop the edits and show what the lead holds now. */
    reset: () => setState(startLeadForm(next.latest)),
  };
}
