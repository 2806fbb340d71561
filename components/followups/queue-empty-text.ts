// What an empty approval queue says: what follow-ups are, when a draft will wait here, and, when
// the switches above mean none ever will, that instead of a promise.

export type QueueSequence = { name: string; enabled: boolean; autoSend: boolean };

function names(list: QueueSequence[]): string {
  const all = list.map((s) => s.name);
  return all.length > 1 ? `${all.slice(0, -1).join(", ")} and ${all.at(-1)}` : (all[0] ?? "");
}

export function queueEmptyText(sequences: QueueSequence[]): { title: string; body: string } {
  const title = "No follow-ups to approve";
  const waiting = sequences.filter((s) => s.enabled && !s.autoSend);
  if (waiting.length === 0)
    return {
      title,
      body: "Every follow-up sequence is off or sends without approval, so no drafts will wait here. To approve a sequence's texts and emails here first, untick it under “Send without approval” or turn it on in Follow-up sequences.",
    };
  const auto = sequences.filter((s) => s.enabled && s.autoSend);
  return {
    title,
    body:
      "When a lead has not booked, its follow-up sequence writes texts and emails to the caller at set times after it came in. Each draft waits here until you approve, edit or skip it: nothing is sent before that." +
      (auto.length
        ? ` ${names(auto)} ${auto.length === 1 ? "sends" : "send"} without approval, so ${auto.length === 1 ? "its" : "their"} drafts never wait here.`
        : ""),
  };
}
