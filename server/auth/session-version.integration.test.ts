// Signing out ends the session everywhere it is used: every copy of the cookie (a copied cookie,
// another device) stops counting from its next request, as do sessions from before a password
// change or a "sign out everywhere". Through next-auth's own sign-in and sign-out routes, the reads
// pages make and the tRPC gates, on a real Postgres engine.
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/server/db/generated/client";
import { systemDb } from "@/server/db/system";
import { env } from "@/server/env";
import { makeTenant, makeUser } from "@/prisma/factories";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import { callerFor, errorCode, rejection } from "@/server/test/caller";
import { claimsOf, SESSION_COOKIE, signInCookie, signOutWith } from "@/server/test/auth-kit";
import { personOfSession, type SessionClaims } from "./session-version";

let prisma: PrismaClient;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ prisma, drop } = await useTestDatabase());
});
afterAll(() => drop?.());

const PASSWORD = "pipes-and-wrenches-1";

/** An owner of a business who also operates an agency: one person behind every kind of gate. */
async function person(email: string) {
  const user = await makeUser(prisma, { email, password: PASSWORD });
  const agency = await prisma.agency.create({ data: { name: `Agency of ${email}` } });
  await prisma.agencyMember.create({ data: { agencyId: agency.id, userId: user.id } });
  const tenant = await makeTenant(prisma, { ownerId: user.id });
  return { user, slug: tenant.slug };
}

/** What a session opens: a page (the person's row, which every page reads), and tRPC as a person, in a business and in the agency console. */
async function opens(claims: SessionClaims, slug: string) {
  return {
    page: (await personOfSession(systemDb(prisma), claims)) !== null,
    me: await errorCode(callerFor(prisma, claims).account.me()),
    business: await errorCode(callerFor(prisma, claims, slug).setup.phones()),
    agency: await errorCode(callerFor(prisma, claims).agency.overview()),
  };
}
const OPEN = { page: true, me: "OK", business: "OK", agency: "OK" };
const SIGNED_OUT = { page: false, me: "UNAUTHORIZED", business: "UNAUTHORIZED", agency: "UNAUTHORIZED" };

describe(`signing out ends the session everywhere (${engineName})`, () => {
  it("refuses every copy of a signed-out session, a copied cookie and another device's included", async () => {
    const { user, slug } = await person("sam@signout.test");
    const cookie = (await signInCookie(user.email, PASSWORD))!;
    const copied = cookie;
    const otherDevice = (await signInCookie(user.email, PASSWORD))!;
    const claims = await claimsOf(cookie);
    expect(claims).toEqual({ userId: user.id, sessionVersion: 0 });
    expect(await opens(claims, slug)).toEqual(OPEN);

    await signOutWith(cookie);
    expect(await opens(await claimsOf(copied), slug)).toEqual(SIGNED_OUT);
    expect(await opens(await claimsOf(otherDevice), slug)).toEqual(SIGNED_OUT);

    // Signing in again works, and a refused cookie cannot sign that new session out.
    const again = (await signInCookie(user.email, PASSWORD))!;
    expect(await claimsOf(again)).toEqual({ userId: user.id, sessionVersion: 1 });
    await signOutWith(copied);
    expect(await opens(await claimsOf(again), slug)).toEqual(OPEN);
  });

  it("ends every session from before a password change; the old password no longer signs in, the new one does", async () => {
    const { user, slug } = await person("pat@password.test");
    const cookie = (await signInCookie(user.email, PASSWORD))!;
    const otherDevice = (await signInCookie(user.email, PASSWORD))!;
    const claims = await claimsOf(cookie);
    const account = callerFor(prisma, claims).account;

    // A wrong current password changes nothing.
    expect(
      await rejection(
        account.changePassword({ currentPassword: "not-my-password", newPassword: "a-new-pipe-wrench-2" }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", field: "currentPassword" });
    expect(await opens(claims, slug)).toEqual(OPEN);

    expect(
      await account.changePassword({ currentPassword: PASSWORD, newPassword: "a-new-pipe-wrench-2" }),
    ).toEqual({ signedOut: true });
    expect(await opens(claims, slug)).toEqual(SIGNED_OUT);
    expect(await opens(await claimsOf(otherDevice), slug)).toEqual(SIGNED_OUT);
    expect(await signInCookie(user.email, PASSWORD)).toBeNull();
    const fresh = (await signInCookie(user.email, "a-new-pipe-wrench-2"))!;
    expect(await opens(await claimsOf(fresh), slug)).toEqual(OPEN);
  });

  it("“sign out everywhere” ends every session, the one that asked included", async () => {
    const { user, slug } = await person("lee@everywhere.test");
    const here = await claimsOf((await signInCookie(user.email, PASSWORD))!);
    const there = await claimsOf((await signInCookie(user.email, PASSWORD))!);
    expect(await callerFor(prisma, here).account.signOutEverywhere()).toEqual({ signedOut: true });
    expect(await opens(here, slug)).toEqual(SIGNED_OUT);
    expect(await opens(there, slug)).toEqual(SIGNED_OUT);
    expect(await errorCode(callerFor(prisma, here).account.signOutEverywhere())).toBe("UNAUTHORIZED");
  });

  it("counts a cookie from before session versions as the first version, until the person signs out", async () => {
    const { user, slug } = await person("kim@before.test");
    const old = await encode({
      token: { uid: user.id, sub: user.id, email: user.email },
      secret: env.AUTH_SECRET,
      salt: SESSION_COOKIE,
    });
    expect(await claimsOf(old)).toEqual({ userId: user.id, sessionVersion: 0 });
    expect(await opens(await claimsOf(old), slug)).toEqual(OPEN);
    await signOutWith(old);
    expect(await opens(await claimsOf(old), slug)).toEqual(SIGNED_OUT);
  });
});
