// Stripe webhooks: the raw body goes to the domain handler untouched (the signature covers it).
import { getSystemDb } from "@/server/db";
import { handleStripeWebhook } from "@/server/billing/handle-stripe-webhook";
import { constructStripeEvent, getStripe } from "@/server/integrations/stripe";

export async function POST(req: Request): Promise<Response> {
  const rawBody = await req.text();
  try {
    const answer = await handleStripeWebhook(
      await getSystemDb(),
      rawBody,
      req.headers.get("stripe-signature"),
      { stripe: getStripe, verify: constructStripeEvent },
    );
    return Response.json(answer.body, { status: answer.status });
  } catch (err) {
    console.error("Stripe webhook failed (Stripe will retry):", err);
    return Response.json({ error: "Could not process the event; it will be retried." }, { status: 500 });
  }
}
