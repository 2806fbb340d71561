"use client";
// The lead's tasks (callbacks, follow-ups) with who has them and when they are due, led by the
// lead's next action while it is not one of them: the list never says "no tasks" while one is due.
import { Card } from "@/components/ui/layout";
import { taskKindLabel, taskStateLabel } from "@/server/leads/labels";
import { nextActionAsTask, noTasksText } from "@/server/leads/next-action-task";
import { useBusinessTime } from "./business-time";
import type { Detail } from "./lead-actions";

export function LeadTasksCard({ lead, tasks }: { lead: Detail["lead"]; tasks: Detail["tasks"] }) {
  const { dateTime, dateTimeRelative } = useBusinessTime();
  const next = nextActionAsTask(lead, tasks);
  return (
    <Card title="Tasks">
      {next || tasks.length ? (
        <ul className="divide-y divide-slate-100">
          {next ? (
            <li className="py-2 text-sm" data-testid="next-action-task">
              <p className="font-medium">{next.title}</p>
              <p className="text-slate-600">
                Next action · {next.dueAt ? `due ${dateTimeRelative(next.dueAt)}` : "no due time"}
              </p>
            </li>
          ) : null}
          {tasks.map((t) => (
            <li key={t.id} className="py-2 text-sm">
              <p className="font-medium">{t.title}</p>
              <p className={t.overdue ? "text-red-700" : "text-slate-600"}>
                {taskKindLabel(t.kind)} · due {dateTimeRelative(t.dueAt)} · {taskStateLabel(t)}
                {t.doneAt ? ` ${dateTime(t.doneAt)}` : ""}
                {t.assigneeName ? ` · ${t.assigneeName}` : ""}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {!tasks.length ? <p className="text-sm text-slate-600">{noTasksText(lead)}</p> : null}
    </Card>
  );
}
