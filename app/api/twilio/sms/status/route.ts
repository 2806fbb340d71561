// Delivery status callbacks for texts we sent: forward-only updates, replays change nothing.
import { getPrisma } from "@/server/db";
import { readTwilioWebhook } from "@/server/integrations/twilio-webhook";
import { applyStatusCallback } from "@/server/messaging/apply-status-callback";

export async function POST(req: Request): Promise<Response> {
  const read = await readTwilioWebhook(req, ["MessageSid", "MessageStatus"]);
  if ("response" in read) return read.response;
  await applyStatusCallback(await getPrisma(), read.form);
  return new Response(null, { status: 204 });
}
