// Standard Webhooks signatures: `webhook-id`, `webhook-timestamp` (Unix seconds) and
// `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed with the
// base64-decoded part of the `whsec_` secret. During a rotation both secrets sign (space-separated).
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export function newWebhookId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

export function signatureHeaders(input: {
  id: string;
  at: Date;
  body: string;
  secrets: string[];
}): Record<string, string> {
  const signatures = input.secrets.map((secret) => new Webhook(secret).sign(input.id, input.at, input.body));
  return {
    "webhook-id": input.id,
    "webhook-timestamp": String(Math.floor(input.at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
