// The booking / quote link in a text: records the click on the lead, then redirects to the target
// stored on the link.
import { getSystemDb } from "@/server/db";
import { followLink } from "@/server/messaging/follow-link";

const MESSAGES = {
  unknown: "This link is not valid. Please call or text the business back.",
  expired: "This link has expired. Please call or text the business back.",
};

export async function GET(
  _req: Request,
  { params }: { params: Promise<{ token: string }> },
): Promise<Response> {
  const { token } = await params;
  const followed = await followLink(await getSystemDb(), token);
  if ("error" in followed)
    return new Response(MESSAGES[followed.error], {
      status: followed.error === "expired" ? 410 : 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return Response.redirect(followed.target, 302);
}
