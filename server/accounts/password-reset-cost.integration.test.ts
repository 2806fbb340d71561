// What a reset attempt costs someone without a link: "set a new password" is open to anyone, and
// hashing a password (argon2) takes a core tens of milliseconds, so a made-up, expired or used
// link is refused after one lookup, before any hashing. Before this, every attempt hashed first:
// a batch of 400 attempts in one request kept the server busy for seconds.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { callerFor } from "@/server/test/caller";
import { makeUser } from "@/prisma/factories";
import { systemDb } from "@/server/db/system";
import { localMailbox } from "@/server/integrations/email";
import { hashPassword } from "./passwords";
import { requestPasswordReset, RESET_LINK_UNUSABLE, resetPassword } from "./password-reset";

// The real hashing, counted.
vi.mock("./passwords", async (importOriginal) => {
  const real = await importOriginal<typeof import("./passwords")>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let sys: ReturnType<typeof systemDb>;
const NEW_PASSWORD = "copper-pipe-wrench-42";
const BASE = "http://app.example.test";

beforeAll(async () => {
  db = await createTestDatabase();
  sys = systemDb(db.prisma);
});
afterAll(() => db.drop());
beforeEach(() => {
  vi.mocked(hashPassword).mockClear();
});

async function linkFor(email: string, ip: string): Promise<string> {
  await requestPasswordReset(sys, { email }, { ip, baseUrl: BASE });
  const mail = localMailbox().find((m) => m.to === email);
  const token = /\/reset-password\/([\w-]+)/.exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error(`no reset link mailed to ${email}`);
  return token;
}

describe(`a password reset without a working link costs no hashing (${engineName})`, () => {
  it("refuses a made-up link without hashing the new password, however many are sent", async () => {
    const signedOut = callerFor(db.prisma, null);
    for (let i = 0; i < 20; i++)
      await expect(
        signedOut.account.resetPassword({ token: `made-up-link-${i}-made-up-link`, password: NEW_PASSWORD }),
      ).rejects.toThrow(RESET_LINK_UNUSABLE);
    expect(hashPassword).not.toHaveBeenCalled();
  });

  it("refuses a used or expired link without hashing, and hashes once for a link that works", async () => {
    const user = await makeUser(db.prisma);
    const token = await linkFor(user.email, "203.0.113.10");
    vi.mocked(hashPassword).mockClear();
    await resetPassword(sys, { token, password: NEW_PASSWORD });
    expect(hashPassword).toHaveBeenCalledTimes(1);

    vi.mocked(hashPassword).mockClear();
    await expect(resetPassword(sys, { token, password: "another-long-password-7" })).rejects.toThrow(
      RESET_LINK_UNUSABLE,
    );
    const later = await linkFor(user.email, "203.0.113.11");
    vi.mocked(hashPassword).mockClear();
    await expect(
      resetPassword(
        sys,
        { token: later, password: NEW_PASSWORD },
        { now: new Date(Date.now() + 2 * 3_600_000) },
      ),
    ).rejects.toThrow(RESET_LINK_UNUSABLE);
    expect(hashPassword).not.toHaveBeenCalled();
  });
});
