"use client";
// The lead's tasks (callbacks, follow-ups) with who has them and when they are due.
import { Card } from "@/components/ui/layout";
import { taskKindLabel, taskStateLabel } from "@/server/leads/labels";
import { useBusinessTime } from "./business-time";
import type { Detail } from "./lead-actions";

export function LeadTasksCard({ tasks }: { tasks: Detail["tasks"] }) {
  const { dateTime, dateTimeRelative } = useBusinessTime();
  return (
    <Card title="Tasks">
      {tasks.length ? (
        <ul className="divide-y divide-slate-100">
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
      ) : (
        <p className="text-sm text-slate-600">No tasks on this lead.</p>
      )}
    </Card>
  );
}
