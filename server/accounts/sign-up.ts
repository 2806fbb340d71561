// A new owner signs up: their account, their business, and their owner membership, at once.
import { createPersonWithBusiness } from "@/server/db/cross-tenant-accounts";
import { globalDb, type SystemDb } from "@/server/db/system";
import { AppError } from "@/server/errors";
import { createTenant, newTenantId, withFreeSlug } from "@/server/tenants/create-tenant";
import { isCommonPassword, isOneRepeatedCharacter } from "./common-passwords";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./passwords";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function checkPassword(password: string, field = "password") {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AppError("BAD_REQUEST", `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`, field);
  if (isOneRepeatedCharacter(password))
    throw new AppError(
      "BAD_REQUEST",
      "Password is one character repeated: choose one that is harder to guess, such as a few unrelated words.",
      field,
    );
  if (isCommonPassword(password))
    throw new AppError(
      "BAD_REQUEST",
      "Password is one of the most common passwords, which attackers try first: choose another, such as a few unrelated words.",
      field,
    );
}

/**
 * The one answer when an account cannot be made for an email. It never says that an account
 * exists for it (that would tell anyone who types an address whether that person uses
 * LeadRescue), and it points to the ways in that work whichever is true.
 */
export const SIGN_UP_REFUSED =
  "We could not create an account with these details. If you have signed up before, sign in instead; if you were invited to a business, use the link in your invite.";

export async function signUp(
  sys: SystemDb,
  input: { name: string; email: string; password: string; businessName: string; timeZone: string },
) {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  if (!name) throw new AppError("BAD_REQUEST", "Enter your name.", "name");
  checkPassword(input.password);
  const directory = globalDb(sys);
  // The password is hashed whichever way it goes, so a taken email answers no faster than a new one.
  const passwordHash = await hashPassword(input.password);
  if (await directory.user.findUnique({ where: { email } }))
    throw new AppError("BAD_REQUEST", SIGN_UP_REFUSED);
  // One transaction: the person (a global row, by the named insert) and the new business on its scoped client.
  // createTenant writes the one audit entry ("Created this business", by the new owner). Two sign-ups
  // with the same business name in the same instant: the second gets a suffixed address.
  const created = await withFreeSlug(directory, { name: input.businessName }, (slug) =>
    createPersonWithBusiness(sys, newTenantId(), { email, name, passwordHash }, (tx, user) =>
      createTenant(tx, { name: input.businessName, timeZone: input.timeZone, ownerId: user.id, slug }),
    ),
  ).catch((err: unknown) => {
    // The same email signed up in the same instant (a double click): the same answer as below.
    const e = err as { code?: string; message?: string };
    if (e.code === "P2002" && String(e.message).includes("email")) return null;
    throw err;
  });
  if (!created) throw new AppError("BAD_REQUEST", SIGN_UP_REFUSED);
  return { user: created.user, tenant: created.result };
}
