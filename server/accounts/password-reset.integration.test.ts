// "Forgot password?" end to end on the database: the same answer whether or not an account
// exists, a hashed single-use link that expires after an hour, the new password under the sign-up
// rules ending every session, and the request rate-limited per address and per email.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { callerFor } from "@/server/test/caller";
import { makeUser } from "@/prisma/factories";
import { systemDb } from "@/server/db/system";
import { personOfSession } from "@/server/auth/session-version";
import { localMailbox } from "@/server/integrations/email";
import { verifyPassword } from "./passwords";
import { hashToken } from "./invites";
import {
  requestPasswordReset,
  RESET_LINK_UNUSABLE,
  RESET_REQUESTED,
  RESETS_PER_EMAIL_PER_HOUR,
  resetPassword,
} from "./password-reset";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let sys: ReturnType<typeof systemDb>;
const BASE = "http://app.example.test";
const NEW_PASSWORD = "copper-pipe-wrench-42";
let ipSeq = 0;
/** A fresh client address per request, so only the test about it meets the per-address limit. */
const ip = () => `203.0.113.${++ipSeq}`;

beforeAll(async () => {
  db = await createTestDatabase();
  sys = systemDb(db.prisma);
});
afterAll(() => db.drop());

/** The token of the newest reset link mailed to `email` (the local mailbox: local mode, no SMTP). */
function mailedToken(email: string): string {
  const mail = localMailbox().find((m) => m.to === email);
  const token = /\/reset-password\/([\w-]+)/.exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error(`no reset link mailed to ${email}`);
  return token;
}

const userRow = (id: string) => db.prisma.user.findUniqueOrThrow({ where: { id } });

async function refusal(p: Promise<unknown>) {
  try {
    await p;
    return null;
  } catch (err) {
    const e = err as { code?: string; message: string; field?: string; cause?: { field?: string } };
    return { code: e.code, message: e.message, field: e.field ?? e.cause?.field };
  }
}

describe(`forgot password (${engineName})`, () => {
  it("answers the same whether or not an account exists, and mails a link only to an account", async () => {
    const user = await makeUser(db.prisma);
    const signedOut = callerFor(db.prisma, null);
    const known = await signedOut.account.requestPasswordReset({ email: ` ${user.email.toUpperCase()} ` });
    const unknown = await signedOut.account.requestPasswordReset({ email: "nobody-here@example.test" });
    expect(known).toEqual({ message: RESET_REQUESTED });
    expect(unknown).toEqual(known);
    expect(localMailbox().some((m) => m.to === "nobody-here@example.test")).toBe(false);
    const token = mailedToken(user.email);
    expect(token.length).toBeGreaterThanOrEqual(40);
    // Only the hash is stored; the token itself is nowhere in the database row.
    const row = await db.prisma.passwordReset.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(60 * 60_000);
  });

  it("sets the new password once: every session ends, the link cannot be used again", async () => {
    const user = await makeUser(db.prisma);
    const before = await userRow(user.id);
    await requestPasswordReset(sys, { email: user.email }, { ip: ip(), baseUrl: BASE });
    const token = mailedToken(user.email);
    const signedOut = callerFor(db.prisma, null);
    expect(await signedOut.account.passwordResetUsable({ token })).toEqual({ usable: true });
    await signedOut.account.resetPassword({ token, password: NEW_PASSWORD });
    const after = await userRow(user.id);
    expect(await verifyPassword(after.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    // A session from before the reset no longer counts.
    expect(await personOfSession(sys, { userId: user.id, sessionVersion: before.sessionVersion })).toBeNull();
    // The link is used up.
    expect(await signedOut.account.passwordResetUsable({ token })).toEqual({ usable: false });
    expect(await refusal(resetPassword(sys, { token, password: "another-long-password-7" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: RESET_LINK_UNUSABLE,
      field: "token",
    });
    expect(await verifyPassword((await userRow(user.id)).passwordHash, NEW_PASSWORD)).toBe(true);
    const audit = await db.prisma.auditLog.findMany({
      where: { actorId: user.id },
      select: { action: true },
    });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["auth.password_reset_requested", "auth.password_reset"]),
    );
  });

  it("refuses an expired link, a made-up one, and the older link once a new one was asked for", async () => {
    const user = await makeUser(db.prisma);
    const t0 = new Date();
    await requestPasswordReset(sys, { email: user.email }, { ip: ip(), baseUrl: BASE, now: t0 });
    const first = mailedToken(user.email);
    // An hour and a minute later, the link has expired.
    expect(
      await refusal(
        resetPassword(
          sys,
          { token: first, password: NEW_PASSWORD },
          { now: new Date(t0.getTime() + 61 * 60_000) },
        ),
      ),
    ).toMatchObject({ message: RESET_LINK_UNUSABLE, field: "token" });
    expect(
      await refusal(resetPassword(sys, { token: "made-up-token-made-up-token", password: NEW_PASSWORD })),
    ).toMatchObject({ message: RESET_LINK_UNUSABLE, field: "token" });
    await requestPasswordReset(sys, { email: user.email }, { ip: ip(), baseUrl: BASE });
    const second = mailedToken(user.email);
    expect(second).not.toBe(first);
    expect(await refusal(resetPassword(sys, { token: first, password: NEW_PASSWORD }))).toMatchObject({
      message: RESET_LINK_UNUSABLE,
    });
    const untouched = await userRow(user.id);
    expect(await verifyPassword(untouched.passwordHash, NEW_PASSWORD)).toBe(false);
    await resetPassword(sys, { token: second, password: NEW_PASSWORD });
    expect(await verifyPassword((await userRow(user.id)).passwordHash, NEW_PASSWORD)).toBe(true);
  });

  it("holds the new password to the sign-up rules, naming the field, without using up the link", async () => {
    const user = await makeUser(db.prisma);
    await requestPasswordReset(sys, { email: user.email }, { ip: ip(), baseUrl: BASE });
    const token = mailedToken(user.email);
    expect(await refusal(resetPassword(sys, { token, password: "short" }))).toMatchObject({
      message: "Password must be at least 10 characters.",
      field: "password",
    });
    expect(await refusal(resetPassword(sys, { token, password: "password123" }))).toMatchObject({
      field: "password",
    });
    await resetPassword(sys, { token, password: NEW_PASSWORD });
  });

  it("rate-limits requests per email and per address, whether or not an account exists", async () => {
    const user = await makeUser(db.prisma);
    for (let i = 0; i < RESETS_PER_EMAIL_PER_HOUR; i++)
      await requestPasswordReset(sys, { email: user.email }, { ip: ip(), baseUrl: BASE });
    expect(
      await refusal(requestPasswordReset(sys, { email: user.email }, { ip: ip(), baseUrl: BASE })),
    ).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringContaining("Too many reset requests"),
    });
    for (let i = 0; i < RESETS_PER_EMAIL_PER_HOUR; i++)
      await requestPasswordReset(sys, { email: "ghost@example.test" }, { ip: ip(), baseUrl: BASE });
    expect(
      await refusal(requestPasswordReset(sys, { email: "ghost@example.test" }, { ip: ip(), baseUrl: BASE })),
    ).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // One address asking for many emails.
    const address = "198.51.100.7";
    for (let i = 0; i < 10; i++)
      await requestPasswordReset(sys, { email: `someone-${i}@example.test` }, { ip: address, baseUrl: BASE });
    expect(
      await refusal(
        requestPasswordReset(sys, { email: "someone-else@example.test" }, { ip: address, baseUrl: BASE }),
      ),
    ).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("names the email field on a mistyped address", async () => {
    const e = await refusal(
      callerFor(db.prisma, null).account.requestPasswordReset({ email: "not-an-email" }),
    );
    expect(e).toMatchObject({ code: "BAD_REQUEST" });
    expect(e?.message).toContain("Enter a valid email address.");
  });
});
