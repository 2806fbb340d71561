// GET /api/cal/<token>.ics — a private calendar feed of booked visits (Settings → Calendar).
import { getSystemDb } from "@/server/db";
import { renderCalendarFeed } from "@/server/calendar/calendar-feeds";

export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const token = /^(cal_[A-Za-z0-9_-]{16,64})\.ics$/.exec(file)?.[1];
  const body = token ? await renderCalendarFeed(await getSystemDb(), token) : null;
  if (!body)
    return new Response(
      "This calendar link is not valid or was turned off. Copy the current link from LeadRescue settings.",
      { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } },
    );
  return new Response(body, {
    headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, max-age=300" },
  });
}
