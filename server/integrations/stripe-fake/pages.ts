// The fake's hosted pages: a Checkout page the browser can "pay" on and a Billing Portal page
// with "cancel" / "renew" / "update card". Plain HTML forms, so they work without scripts.
import type { FakeAccount, FakeCheckoutSession, FakePrice, FakeSubscription } from "./types";

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const money = (cents: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
// Stripe's pages read times in UTC; the app's trial ends at noon business time (server/billing/trial-end.ts),
// which is the same day in UTC.
const day = (sec: number | null | undefined) =>
  sec
    ? new Intl.DateTimeFormat("en-US", {
        timeZone: "UTC",
        year: "numeric",
        month: "short",
        day: "numeric",
      }).format(new Date(sec * 1000))
    : "—";

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f6f9fc;color:#1a1f36;margin:0}main{max-width:28rem;margin:3rem auto;background:#fff;border-radius:.5rem;box-shadow:0 2px 8px #0002;padding:2rem}
h1{font-size:1.25rem;margin:0 0 .25rem}p.note{font-size:.8rem;color:#6b7280;margin:0 0 1.5rem}table{width:100%;border-collapse:collapse;margin:1rem 0}td{padding:.4rem 0;border-bottom:1px solid #eee;font-size:.9rem}td:last-child{text-align:right}
label{display:block;font-size:.85rem;font-weight:600;margin:.75rem 0 .25rem}input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #cbd5e1;border-radius:.375rem;font-size:1rem}
button{margin-top:1rem;width:100%;padding:.7rem;border:0;border-radius:.375rem;background:#635bff;color:#fff;font-size:1rem;font-weight:600;cursor:pointer}button.secondary{background:#fff;color:#1a1f36;border:1px solid #cbd5e1}button.danger{background:#fff;color:#b91c1c;border:1px solid #fecaca}
.err{background:#fef2f2;color:#b91c1c;border:1px solid #fecaca;padding:.5rem;border-radius:.375rem;font-size:.9rem}a{color:#635bff}</style></head>
<body><main>${body}<p class="note" style="margin-top:1.5rem">Local Stripe fake — no real payment is taken.</p></main></body></html>`;
}

function priceLine(price: FakePrice): string {
  const amount = money(price.unit_amount, price.currency);
  return price.recurring?.usage_type === "metered"
    ? `${amount} per ${esc(price.nickname ?? "unit")}`
    : `${amount} / ${price.recurring?.interval ?? "once"}`;
}

export function checkoutPage(session: FakeCheckoutSession, prices: FakePrice[], error?: string): string {
  const rows = prices.map((p) => `<tr><td>${esc(p.product_name)}</td><td>${priceLine(p)}</td></tr>`).join("");
  if (session.status !== "open") {
    return shell(
      "Checkout",
      `<h1>This checkout is ${esc(session.status)}</h1><p><a href="${esc(session.success_url)}">Return to the business</a></p>`,
    );
  }
  return shell(
    "Checkout — subscribe",
    `<h1>Subscribe to LeadRescue</h1><p class="note">Test checkout (local Stripe fake). Card 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined.</p>
<table aria-label="What you are buying">${rows}</table>
${session.trial_end ? `<p>Your free trial continues until ${day(session.trial_end)}: nothing is charged before then.</p>` : ""}
${error ? `<div class="err" role="alert">${esc(error)}</div>` : ""}
<form method="post" action="/checkout/${esc(session.id)}/pay">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" value="${esc(session.customer_email ?? "")}">
<label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="cc-number" value="4242 4242 4242 4242" required>
<button type="submit">${session.trial_end ? "Save card and subscribe" : "Pay and subscribe"}</button></form>
<form method="get" action="${esc(session.cancel_url ?? session.success_url)}"><button type="submit" class="secondary">Cancel and go back</button></form>`,
  );
}

export function portalPage(
  portalId: string,
  returnUrl: string,
  subscriptions: FakeSubscription[],
  notice?: string,
): string {
  const subs = subscriptions.length
    ? subscriptions
        .map((s) => {
          const end = s.items.data[0]?.current_period_end;
          const live = !["canceled", "incomplete_expired"].includes(s.status);
          const actions = !live
            ? ""
            : `${
                s.cancel_at_period_end
                  ? `<form method="post" action="/portal/${esc(portalId)}/renew"><input type="hidden" name="subscription" value="${esc(s.id)}"><button type="submit">Renew subscription</button></form>`
                  : `<form method="post" action="/portal/${esc(portalId)}/cancel"><input type="hidden" name="subscription" value="${esc(s.id)}"><button type="submit" class="danger">Cancel subscription</button></form>`
              }<form method="post" action="/portal/${esc(portalId)}/card"><input type="hidden" name="subscription" value="${esc(s.id)}"><button type="submit" class="secondary">Update card (pays any open invoice)</button></form>`;
          return `<section aria-label="Subscription ${esc(s.id)}"><table><tr><td>Status</td><td>${esc(s.status)}${s.cancel_at_period_end ? " (cancels at period end)" : ""}</td></tr>
<tr><td>Current period ends</td><td>${day(end)}</td></tr>${s.trial_end ? `<tr><td>Trial ends</td><td>${day(s.trial_end)}</td></tr>` : ""}</table>${actions}</section>`;
        })
        .join("")
    : "<p>No subscriptions.</p>";
  return shell(
    "Billing portal",
    `<h1>Manage your subscription</h1><p class="note">Billing portal (local Stripe fake).</p>${notice ? `<p role="status">${esc(notice)}</p>` : ""}${subs}<p style="margin-top:1.5rem"><a href="${esc(returnUrl)}">Return to LeadRescue</a></p>`,
  );
}

/** Connect: the hosted onboarding page of a connected account (one button finishes it). */
export function connectOnboardingPage(linkId: string, account: FakeAccount): string {
  return shell(
    "Connect your Stripe account",
    `<h1>Connect your Stripe account</h1><p class="note">Account ${esc(account.id)}${account.business_profile.name ? ` — ${esc(account.business_profile.name)}` : ""}. Real Stripe asks for the business's details and bank account here.</p>
<form method="post" action="/connect/${esc(linkId)}/finish"><button type="submit">Finish onboarding</button></form>`,
  );
}
