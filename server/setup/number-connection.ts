// Does Twilio send each tracking number's calls and texts to LeadRescue? Two facts, never taken on
// trust: what the number's voice and messaging URLs are at Twilio (read through the REST API), and
// whether a real call has already arrived for it (TrackingNumber.receivingCallsAt, set by the first
// signed voice webhook). The overview's sentence and the Phone numbers page say which is true.
import type { TenantCtx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import type { TwilioClient } from "@/server/integrations/twilio-client";
import { phoneLabel } from "@/server/leads/labels";
import type { NumberConnection, TwilioCheck } from "./connection-summary";

export type ConnectionDeps = {
  twilio: () => Promise<TwilioClient>;
  /** The URLs Twilio must call: PUBLIC_BASE_URL + /api/twilio/voice and /api/twilio/sms. */
  voiceUrl: string;
  smsUrl: string;
  /** The Twilio API answers within this, or the check says it could not read it. */
  timeoutMs?: number;
};

const sameUrl = (a: string | null | undefined, b: string) =>
  (a ?? "").trim().replace(/\/+$/, "") === b.replace(/\/+$/, "");

function withTimeout<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  work.catch(() => undefined);
  return Promise.race([
    work,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error("Twilio did not answer in time.")), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}

async function checkAtTwilio(
  client: TwilioClient,
  e164: string,
  deps: ConnectionDeps,
): Promise<TwilioCheck & { sid?: string }> {
  try {
    const found = await withTimeout(
      deps.timeoutMs ?? 5000,
      client.incomingPhoneNumbers.list({ phoneNumber: e164, limit: 5 }),
    );
    const n = found[0];
    if (!n) return { state: "not_in_account" };
    const voiceOk = sameUrl(n.voiceUrl, deps.voiceUrl);
    const smsOk = sameUrl(n.smsUrl, deps.smsUrl);
    if (voiceOk && smsOk) return { state: "connected", sid: n.sid };
    return {
      state: "points_elsewhere",
      voiceUrl: n.voiceUrl ?? "",
      smsUrl: n.smsUrl ?? "",
      voiceOk,
      smsOk,
      sid: n.sid,
    };
  } catch (err) {
    return { state: "unreadable", message: (err as Error).message };
  }
}

/** Every tracking number of the business with both facts. */
export async function numberConnections(
  { db }: Pick<TenantCtx, "db">,
  deps: ConnectionDeps,
): Promise<NumberConnection[]> {
  const numbers = await db.trackingNumber.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, e164: true, receivingCallsAt: true },
  });
  if (!numbers.length) return [];
  let client: TwilioClient | null = null;
  let clientError: string | null = null;
  try {
    client = await deps.twilio();
  } catch (err) {
    clientError = (err as Error).message;
  }
  return Promise.all(
    numbers.map(async (n) => {
      const check = client
        ? await checkAtTwilio(client, n.e164, deps)
        : ({ state: "unreadable", message: clientError ?? "Twilio is not reachable." } as const);
      const { sid: _sid, ...twilio } = check as TwilioCheck & { sid?: string };
      return { ...n, twilio };
    }),
  );
}

/** The one-click fix: point the number's voice and messaging webhooks at LeadRescue (POST). */
export async function connectNumberAtTwilio(
  { db }: Pick<TenantCtx, "db">,
  id: string,
  deps: ConnectionDeps,
): Promise<NumberConnection> {
  const n = await db.trackingNumber.findFirst({
    where: { id },
    select: { id: true, e164: true, receivingCallsAt: true },
  });
  if (!n) throw new AppError("NOT_FOUND", "That tracking number was not found.");
  const client = await deps.twilio();
  const found = await client.incomingPhoneNumbers.list({ phoneNumber: n.e164, limit: 5 });
  const at = found[0];
  if (!at)
    throw new AppError(
      "BAD_REQUEST",
      `${phoneLabel(n.e164)} is not in your Twilio account, so LeadRescue cannot point it here. Buy or port it in Twilio first.`,
      "id",
    );
  await client
    .incomingPhoneNumbers(at.sid)
    .update({ voiceUrl: deps.voiceUrl, voiceMethod: "POST", smsUrl: deps.smsUrl, smsMethod: "POST" });
  const twilio = await checkAtTwilio(client, n.e164, deps);
  const { sid: _sid, ...check } = twilio;
  return { ...n, twilio: check };
}
