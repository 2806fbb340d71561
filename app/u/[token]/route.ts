// The unsubscribe link in every follow-up email. GET shows one button (so a mail scanner that
// opens links unsubscribes nobody); POST unsubscribes — also what a mail program's one-click
// unsubscribe sends.
import { getSystemDb } from "@/server/db";
import { leadIdOfUnsubscribeToken, unsubscribeFromEmails } from "@/server/followups/caller-email";

const page = (title: string, body: string, status = 200) =>
  new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#18181b"><h1 style="font-size:1.4rem">${title}</h1>${body}</body></html>`,
    { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } },
  );

const INVALID = page(
  "This link is not valid",
  "<p>Please reply to the email and ask to be taken off the list, or call the business.</p>",
  404,
);

export async function GET(
  _req: Request,
  { params }: { params: Promise<{ token: string }> },
): Promise<Response> {
  const { token } = await params;
  if (!leadIdOfUnsubscribeToken(token)) return INVALID;
  return page(
    "Unsubscribe from emails",
    `<p>You will get no more follow-up emails about your request. Texts and calls are not affected.</p><form method="post"><button type="submit" style="font-size:1rem;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff">Unsubscribe</button></form>`,
  );
}

export async function POST(
  _req: Request,
  { params }: { params: Promise<{ token: string }> },
): Promise<Response> {
  const { token } = await params;
  const done = await unsubscribeFromEmails(await getSystemDb(), token);
  if (!done) return INVALID;
  return page(
    "You are unsubscribed",
    `<p>${done.business.replace(/[&<>"']/g, "")} will send you no more follow-up emails. If you still need help, reply to a text or call them.</p>`,
  );
}
