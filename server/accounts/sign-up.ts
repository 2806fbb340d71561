// A new owner signs up: their account, their business, and their owner membership, at once.
import { createPersonWithBusiness } from "@/server/db/cross-tenant-accounts";
import { globalDb, type SystemDb } from "@/server/db/system";
import { AppError } from "@/server/errors";
import { createTenant, freeSlug, newTenantId } from "@/server/tenants/create-tenant";
import { isCommonPassword, isOneRepeatedCharacter } from "./common-passwords";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./passwords";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function checkPassword(password: string, field = "password") {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError("BAD_REQUEST", `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`, field);
  if (isOneRepeatedCharacter(password)) throw new AppError("BAD_REQUEST", "Password is one character repeated: choose one that is harder to guess, such as a few unrelated words.", field);
  if (isCommonPassword(password)) throw new AppError("BAD_REQUEST", "Password is one of the most common passwords, which attackers try first: choose another, such as a few unrelated words.", field);
}

export async function signUp(
  sys: SystemDb,
  input: { name: string; email: string; password: string; businessName: string; timeZone: string },
) {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  if (!name) throw new AppError("BAD_REQUEST", "Enter your name.", "name");
  checkPassword(input.password);
  const directory = globalDb(sys);
  if (await directory.user.findUnique({ where: { email } })) {
    throw new AppError("CONFLICT", `An account for ${email} already exists. Sign in instead.`, "email");
  }
  const passwordHash = await hashPassword(input.password);
  const slug = await freeSlug(directory, { name: input.businessName });
  // One transaction: the person (a global row, by the named insert) and the new business on its scoped client.
  // createTenant writes the one audit entry ("Created this business", by the new owner).
  const created = await createPersonWithBusiness(sys, newTenantId(), { email, name, passwordHash }, (tx, user) =>
    createTenant(tx, { name: input.businessName, timeZone: input.timeZone, ownerId: user.id, slug }),
  );
  if (!created) throw new AppError("CONFLICT", `An account for ${email} already exists. Sign in instead.`, "email");
  return { user: created.user, tenant: created.result };
}
