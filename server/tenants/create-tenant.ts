// Creating a business (tenant) with its first owner, and the URL slug it lives under. The new
// business's id is chosen first (newTenantId) and its slug read from the tenant directory
// (freeSlug); then one transaction on the new tenant's scoped client creates the row, the owner's
// membership and the audit entry.
import { randomBytes } from "node:crypto";
import type { GlobalDb } from "@/server/db/system";
import type { TenantTx } from "@/server/db/tenant-scope";
import { writeAudit } from "@/server/audit/write-audit";
import { AppError } from "@/server/errors";

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz.includes("/") || tz === "UTC";
  } catch {
    return false;
  }
}

export function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "business";
}

/** A new business's id, in the schema's scheme (a cuid: "c", the time in base 36, then random). */
export function newTenantId(): string {
  const random = Array.from(randomBytes(16), (b) => (b % 36).toString(36)).join("");
  return `c${Date.now().toString(36).padStart(8, "0")}${random}`;
}

/**
 * The slug a new business gets: the one asked for, else its name's, with a random suffix when
 * another business has it. Read from the tenant directory before the transaction that creates it.
 */
export async function freeSlug(
  directory: Pick<GlobalDb, "tenant">,
  input: { name: string; slug?: string },
): Promise<string> {
  const slug = input.slug ?? slugify(input.name.trim());
  if (await directory.tenant.findUnique({ where: { slug } }))
    return `${slug}-${randomBytes(3).toString("hex")}`;
  return slug;
}

/**
 * Runs `create` with a free slug; when another business took the same slug in the same instant
 * (two sign-ups for "Smith Plumbing" at once), once more with a suffixed one instead of failing.
 */
export async function withFreeSlug<T>(
  directory: Pick<GlobalDb, "tenant">,
  input: { name: string; slug?: string },
  create: (slug: string) => Promise<T>,
): Promise<T> {
  const slug = await freeSlug(directory, input);
  try {
    return await create(slug);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code !== "P2002" || !String(e.message).includes("slug")) throw err;
    return create(`${slugify(input.slug ?? input.name.trim())}-${randomBytes(3).toString("hex")}`);
  }
}

/** The new tenant's scoped client (or its transaction): `forTenant(sys, newTenantId())`. */
type Tx = Pick<TenantTx, "tenant" | "membership" | "auditLog">;

export async function createTenant(
  tx: Tx,
  input: {
    name: string;
    timeZone: string;
    ownerId?: string;
    agencyId?: string | null;
    /** From freeSlug. */ slug: string;
    /** Who creates it (an agency operator); defaults to the owner. */ actorId?: string;
  },
) {
  const name = input.name.trim();
  if (name.length < 2)
    throw new AppError("BAD_REQUEST", "Business name must be at least 2 characters.", "businessName");
  if (!isValidTimeZone(input.timeZone))
    throw new AppError(
      "BAD_REQUEST",
      `"${input.timeZone}" is not a time zone like America/Chicago.`,
      "timeZone",
    );
  const slug = input.slug;
  const tenant = await tx.tenant.create({
    data: { name, slug, timeZone: input.timeZone, agencyId: input.agencyId ?? null },
  });
  if (input.ownerId) {
    await tx.membership.create({ data: { tenantId: tenant.id, userId: input.ownerId, role: "owner" } });
  }
  await writeAudit(tx, {
    tenantId: tenant.id,
    actorId: input.actorId ?? input.ownerId,
    action: "tenant.created",
    target: tenant.slug,
  });
  return tenant;
}
