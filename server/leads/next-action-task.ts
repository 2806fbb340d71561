// A lead's work is its next action (the promised next step, kept on the lead with its due time)
// and its tasks (callbacks, follow-ups). A list of the lead's tasks starts with the next action, so
// it never says there is nothing to do while a next action is due. Pure: the lead page and the
// simulator's lead share it.

type LeadWork = { status: string; nextAction: string | null; dueAt: Date | string | null };
type TaskLine = { title: string; doneAt: Date | string | null };

/** The next action as the first line of the lead's tasks, or null: none set, the lead is closed, or an open task already says it. */
export function nextActionAsTask(
  lead: LeadWork,
  tasks: readonly TaskLine[],
): { title: string; dueAt: Date | string | null } | null {
  const title = lead.nextAction?.trim();
  if (!title || lead.status === "closed") return null;
  const same = (t: TaskLine) => !t.doneAt && t.title.trim().toLowerCase() === title.toLowerCase();
  return tasks.some(same) ? null : { title, dueAt: lead.dueAt };
}

/** What the tasks list says when it has no task rows: never "no tasks" beside a next action that is due. */
export function noTasksText(lead: LeadWork): string {
  return lead.nextAction?.trim() && lead.status !== "closed" ? "No other tasks." : "No tasks on this lead.";
}
