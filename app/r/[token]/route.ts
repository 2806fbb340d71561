// The booking / quote link in a text-back: records the click on the lead, then redirects.
import { getPrisma } from "@/server/db";
import { followLink } from "@/server/messaging/follow-link";

export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const target = await followLink(await getPrisma(), token);
  if (!target) return new Response("This link is not valid any more. Please call or text the business back.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return Response.redirect(target, 302);
}
