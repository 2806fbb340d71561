// White label (SaaS mode): an agency's slug (its sign-in page /a/<slug>/sign-in), name, logo and
// accent colour, shown on its businesses' dashboards, its sign-in page and its emails.
//
// - The accent colour must be readable: white text on it (buttons) and it as text on white both
//   need a contrast ratio of at least 4.5:1 (WCAG AA for normal text). A colour that fails is
//   refused with a sentence saying so and how far it is.
// - The logo is uploaded as PNG, JPEG or WebP (checked by its first bytes, not its name), at most
//   200 KB, and served by the app from /a/<slug>/logo. SVG is refused (it can carry scripts).
import { z } from "zod";
import { forTenant, globalDb, type SystemDb } from "@/server/db/system";
import type { TenantDb } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { SCRIPTS } from "@/server/voice/scripts";

export const MIN_CONTRAST = 4.5;
export const MAX_LOGO_BYTES = 200 * 1024;

const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** Pure: WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** Pure: the WCAG contrast ratio of two colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Pure: null when the accent colour is readable with white, else the sentence refusing it. */
export function accentProblem(hex: string): string | null {
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) return "Enter the colour as #rrggbb, like #1d4ed8.";
  const ratio = contrastRatio(hex.toLowerCase(), "#ffffff");
  if (ratio >= MIN_CONTRAST) return null;
  return `${hex} is too light to read: white text on it has a contrast of ${ratio.toFixed(1)}:1, and at least ${MIN_CONTRAST}:1 is needed. Choose a darker colour.`;
}

export const ZBrandInput = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/,
      "Use 3–40 lowercase letters, digits and dashes, like my-agency.",
    ),
  name: z.string().trim().min(2, "The agency name must be at least 2 characters.").max(80),
  accentColor: z.string().trim().nullable(),
});

export async function agencyBrand(sys: SystemDb, agencyId: string) {
  const a = await globalDb(sys).agency.findUniqueOrThrow({
    where: { id: agencyId },
    select: { name: true, slug: true, accentColor: true, logoUpdatedAt: true },
  });
  return {
    name: a.name,
    slug: a.slug,
    accentColor: a.accentColor,
    logoUrl: a.slug && a.logoUpdatedAt ? logoUrl(a.slug, a.logoUpdatedAt) : null,
  };
}

const logoUrl = (slug: string, at: Date) => `/a/${slug}/logo?v=${at.getTime()}`;

export async function updateBrand(sys: SystemDb, agencyId: string, input: z.infer<typeof ZBrandInput>) {
  const fields = ZBrandInput.parse(input);
  if (fields.accentColor) {
    const problem = accentProblem(fields.accentColor);
    if (problem) throw new AppError("BAD_REQUEST", problem, "accentColor");
  }
  const taken = await globalDb(sys).agency.findFirst({
    where: { slug: fields.slug, id: { not: agencyId } },
    select: { id: true },
  });
  if (taken) throw new AppError("CONFLICT", `The address ${fields.slug} is taken: choose another.`, "slug");
  await globalDb(sys).agency.update({
    where: { id: agencyId },
    data: {
      slug: fields.slug,
      name: fields.name,
      accentColor: fields.accentColor ? fields.accentColor.toLowerCase() : null,
    },
  });
  return agencyBrand(sys, agencyId);
}

/** Pure: the image type from the file's first bytes, or null. */
export function sniffImage(bytes: Uint8Array): "image/png" | "image/jpeg" | "image/webp" | null {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return "image/png";
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (
    bytes.length > 12 &&
    String.fromCharCode(...bytes.slice(0, 4)) === "RIFF" &&
    String.fromCharCode(...bytes.slice(8, 12)) === "WEBP"
  )
    return "image/webp";
  return null;
}

export async function saveLogo(sys: SystemDb, agencyId: string, bytes: Uint8Array, now: Date = new Date()) {
  if (bytes.length === 0) throw new AppError("BAD_REQUEST", "Choose an image file for the logo.", "logo");
  if (bytes.length > MAX_LOGO_BYTES)
    throw new AppError(
      "BAD_REQUEST",
      `The logo is ${Math.ceil(bytes.length / 1024)} KB; it can be at most ${MAX_LOGO_BYTES / 1024} KB. Save it smaller and try again.`,
      "logo",
    );
  const type = sniffImage(bytes);
  if (!type) throw new AppError("BAD_REQUEST", "The logo must be a PNG, JPEG or WebP image.", "logo");
  await globalDb(sys).agency.update({
    where: { id: agencyId },
    data: { logo: Buffer.from(bytes), logoType: type, logoUpdatedAt: now },
  });
  return agencyBrand(sys, agencyId);
}

/** The logo the app serves at /a/<slug>/logo. */
export async function logoBySlug(sys: SystemDb, slug: string) {
  const a = await globalDb(sys).agency.findUnique({
    where: { slug },
    select: { logo: true, logoType: true },
  });
  return a?.logo && a.logoType ? { bytes: a.logo, type: a.logoType } : null;
}

/** The brand shown on an agency's sign-in page, or null for an unknown slug. */
export async function brandBySlug(sys: SystemDb, slug: string) {
  const a = await globalDb(sys).agency.findUnique({ where: { slug }, select: { id: true } });
  return a ? agencyBrand(sys, a.id) : null;
}

type AgencyBrandFields = {
  name: string;
  slug: string | null;
  accentColor: string | null;
  logoUpdatedAt: Date | null;
};

/** Pure: an agency's brand once it set a colour or a logo (white label is on), else null (LeadRescue's own). */
export function brandOf(a: AgencyBrandFields | null | undefined) {
  if (!a?.slug || (!a.accentColor && !a.logoUpdatedAt)) return null;
  return {
    name: a.name,
    slug: a.slug,
    accentColor: a.accentColor,
    logoUrl: a.logoUpdatedAt ? logoUrl(a.slug, a.logoUpdatedAt) : null,
  };
}

export const AGENCY_BRAND_SELECT = {
  name: true,
  slug: true,
  accentColor: true,
  logoUpdatedAt: true,
} as const;

/** The brand a business's pages, emails and public request form carry: its agency's once it set a colour or a logo, else null. */
export async function brandOfTenant(db: TenantDb, tenantId: string) {
  const t = await db.tenant.findUnique({
    where: { id: tenantId },
    select: { agency: { select: AGENCY_BRAND_SELECT } },
  });
  return brandOf(t?.agency);
}

/**
 * The agency's brand on a business's public request form (/q/<slug>): as on its pages, and its
 * colour only while it passes the contrast rule (a colour saved before the rule is left out).
 */
export async function requestFormBrand(sys: SystemDb, tenantId: string) {
  const brand = await brandOfTenant(forTenant(sys, tenantId), tenantId);
  if (!brand) return null;
  return brand.accentColor && accentProblem(brand.accentColor) ? { ...brand, accentColor: null } : brand;
}

/**
 * Pure: the name the AI gives for itself on calls — the agency's brand when the owner chose it
 * (and the agency has a brand), else null: the greeting always names the business first.
 */
export function greetingBrandOf(tenant: {
  greetingAgencyBrand: boolean;
  agency: AgencyBrandFields | null;
}): string | null {
  return tenant.greetingAgencyBrand ? (brandOf(tenant.agency)?.name ?? null) : null;
}

/** The owner's choice for the call's greeting, with the greeting as callers hear it. */
export async function callGreetingChoice(db: TenantDb, tenantId: string) {
  const t = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: {
      name: true,
      promptProfile: true,
      greetingAgencyBrand: true,
      agency: { select: AGENCY_BRAND_SELECT },
    },
  });
  const brand = brandOf(t.agency);
  const opening = SCRIPTS[t.promptProfile].opening;
  return {
    agencyBrand: brand?.name ?? null,
    on: t.greetingAgencyBrand && !!brand,
    /** The first words callers hear, each way. */
    greetingWith: brand ? opening(t.name, brand.name) : null,
    greetingWithout: opening(t.name, null),
  };
}

/** Turns the agency's brand in the call's greeting on or off (only a business whose agency has a brand can turn it on). */
export async function setCallGreetingBrand(db: TenantDb, tenantId: string, on: boolean) {
  const current = await callGreetingChoice(db, tenantId);
  if (on && !current.agencyBrand)
    throw new AppError(
      "BAD_REQUEST",
      "Your business has no agency brand to name on calls. Ask your agency to set its brand first.",
      "on",
    );
  await db.tenant.update({ where: { id: tenantId }, data: { greetingAgencyBrand: on } });
  return { ...current, on };
}
