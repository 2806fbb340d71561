// Dates as office staff read them: "in 12 min", "3 h ago", and a full local date-time.
export function relativeTime(value: Date | string | null | undefined, now = new Date()): string {
  if (!value) return "—";
  const d = new Date(value);
  const diff = d.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const mins = Math.round(abs / 60_000);
  const text = mins < 1 ? "now" : mins < 60 ? `${mins} min` : mins < 48 * 60 ? `${Math.round(mins / 60)} h` : `${Math.round(mins / 1440)} d`;
  if (text === "now") return "just now";
  return diff < 0 ? `${text} ago` : `in ${text}`;
}

export function dateTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  return new Date(value).toLocaleString(undefined, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}

/** Value for an <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(value: Date | string | null | undefined): string {
  if (!value) return "";
  const d = new Date(value);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
