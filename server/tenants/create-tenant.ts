// Creating a business (tenant) with its first owner, and the URL slug it lives under.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/server/db/generated/client";
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

type Tx = Pick<PrismaClient, "tenant" | "membership" | "auditLog">;

export async function createTenant(
  tx: Tx,
  input: { name: string; timeZone: string; ownerId?: string; agencyId?: string | null; slug?: string; /** Who creates it (an agency operator); defaults to the owner. */ actorId?: string },
) {
  const name = input.name.trim();
  if (name.length < 2) throw new AppError("BAD_REQUEST", "Business name must be at least 2 characters.", "businessName");
  if (!isValidTimeZone(input.timeZone)) throw new AppError("BAD_REQUEST", `"${input.timeZone}" is not a time zone like America/Chicago.`, "timeZone");
  let slug = input.slug ?? slugify(name);
  if (await tx.tenant.findUnique({ where: { slug } })) slug = `${slug}-${randomBytes(3).toString("hex")}`;
  const tenant = await tx.tenant.create({ data: { name, slug, timeZone: input.timeZone, agencyId: input.agencyId ?? null } });
  if (input.ownerId) {
    await tx.membership.create({ data: { tenantId: tenant.id, userId: input.ownerId, role: "owner" } });
  }
  await writeAudit(tx, { tenantId: tenant.id, actorId: input.actorId ?? input.ownerId, action: "tenant.created", target: tenant.slug });
  return tenant;
}
