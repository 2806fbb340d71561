// The tenant's texting settings with their defaults, validated for people: each refusal names the
// field and says what to write instead.
import type { MessagingSettings } from "@/server/db/generated/client";
import type { Prisma } from "@/server/db/generated/client";
import type { TenantDb } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { isE164 } from "@/server/integrations/twilio-webhook";
import { DEFAULT_WINDOW_HOURS } from "./dedupe-window";
import {
  DEFAULT_TEMPLATES,
  MAX_TEMPLATE_LENGTH,
  MESSAGE_PURPOSES,
  unknownVariables,
  type TemplatePurpose,
} from "./render-template";

type Db = Pick<TenantDb, "messagingSettings">;

export type Settings = {
  textBackEnabled: boolean;
  textTestCalls: boolean;
  remindersEnabled: boolean;
  bookingUrl: string | null;
  windowHours: number;
  quietStartMinute: number;
  quietEndMinute: number;
  contactPhone: string | null;
  /** Every purpose's template: the tenant's own or the default. */
  templates: Record<TemplatePurpose, string>;
  /** Purposes whose template the tenant changed. */
  customized: TemplatePurpose[];
};

export const DEFAULT_SETTINGS: Omit<Settings, "templates" | "customized"> = {
  textBackEnabled: true,
  textTestCalls: false,
  remindersEnabled: true,
  bookingUrl: null,
  windowHours: DEFAULT_WINDOW_HOURS,
  quietStartMinute: 21 * 60,
  quietEndMinute: 8 * 60,
  contactPhone: null,
};

export function settingsFromRow(row: MessagingSettings | null): Settings {
  const own = (row?.templates ?? {}) as Partial<Record<string, unknown>>;
  const templates = { ...DEFAULT_TEMPLATES };
  const customized: TemplatePurpose[] = [];
  for (const p of MESSAGE_PURPOSES) {
    const t = own[p];
    if (typeof t === "string" && t.trim()) {
      templates[p] = t;
      customized.push(p);
    }
  }
  if (!row) return { ...DEFAULT_SETTINGS, templates, customized };
  return {
    textBackEnabled: row.textBackEnabled,
    textTestCalls: row.textTestCalls,
    remindersEnabled: row.remindersEnabled,
    bookingUrl: row.bookingUrl,
    windowHours: row.windowHours,
    quietStartMinute: row.quietStartMinute,
    quietEndMinute: row.quietEndMinute,
    contactPhone: row.contactPhone,
    templates,
    customized,
  };
}

export async function getMessagingSettings(db: Db, tenantId: string): Promise<Settings> {
  return settingsFromRow(await db.messagingSettings.findUnique({ where: { tenantId } }));
}

export type SettingsPatch = Partial<Omit<Settings, "templates" | "customized">> & {
  templates?: Partial<Record<TemplatePurpose, string | null>>;
};

/**
 * Checks a patch; throws one AppError listing every bad field, so the form shows them all at once.
 * `bookingUrl` is the link the business will have after the save: the text-back must carry {link}
 * only when there is a link to carry (without one, the text asks for a reply instead).
 */
export function validateSettingsPatch(
  patch: SettingsPatch,
  after: { bookingUrl: string | null } = { bookingUrl: patch.bookingUrl ?? null },
): void {
  const errors: { field: string; message: string }[] = [];
  const bad = (field: string, message: string) => errors.push({ field, message });
  if (patch.bookingUrl) {
    let url: URL | null = null;
    try {
      url = new URL(patch.bookingUrl);
    } catch {
      url = null;
    }
    if (!url || !["https:", "http:"].includes(url.protocol))
      bad(
        "bookingUrl",
        `Booking link "${patch.bookingUrl.slice(0, 60)}" is not a web address. Paste the full link, starting with https://.`,
      );
  }
  if (
    patch.windowHours !== undefined &&
    (!Number.isInteger(patch.windowHours) || patch.windowHours < 1 || patch.windowHours > 24 * 14)
  ) {
    bad("windowHours", "The text-back window must be a whole number of hours between 1 and 336 (14 days).");
  }
  for (const field of ["quietStartMinute", "quietEndMinute"] as const) {
    const v = patch[field];
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v >= 24 * 60))
      bad(field, "Quiet hours must be times of day like 9:00 PM.");
  }
  if (patch.contactPhone && !isE164(patch.contactPhone)) {
    bad(
      "contactPhone",
      `Contact phone "${patch.contactPhone}" is not a full phone number. Write it with the country code, like +1 512 555 0100.`,
    );
  }
  for (const [purpose, template] of Object.entries(patch.templates ?? {})) {
    const field = `templates.${purpose}`;
    if (!(MESSAGE_PURPOSES as readonly string[]).includes(purpose)) {
      bad(field, `There is no "${purpose}" message.`);
      continue;
    }
    if (!template) continue;
    if (template.length > MAX_TEMPLATE_LENGTH)
      bad(
        field,
        `This message is ${template.length} characters; keep it under ${MAX_TEMPLATE_LENGTH} (3 texts).`,
      );
    const unknown = unknownVariables(template);
    if (unknown.length)
      bad(
        field,
        `Unknown variable ${unknown.join(", ")}. Use {business}, {name}, {link}, {appointment} or {phone}.`,
      );
    else if (purpose === "text_back" && after.bookingUrl && !template.includes("{link}"))
      bad(field, "The text-back must include {link}, the booking or quote link.");
  }
  if (errors.length)
    throw new AppError("BAD_REQUEST", errors.map((e) => e.message).join(" "), errors[0]!.field, errors);
}

export async function updateMessagingSettings(
  db: Db,
  tenantId: string,
  patch: SettingsPatch,
): Promise<Settings> {
  const current = await db.messagingSettings.findUnique({ where: { tenantId } });
  validateSettingsPatch(patch, {
    bookingUrl: patch.bookingUrl !== undefined ? patch.bookingUrl : (current?.bookingUrl ?? null),
  });
  const templates = { ...((current?.templates ?? {}) as Record<string, string>) };
  for (const [purpose, template] of Object.entries(patch.templates ?? {})) {
    if (template && template.trim() && template.trim() !== DEFAULT_TEMPLATES[purpose as TemplatePurpose])
      templates[purpose] = template.trim();
    else delete templates[purpose];
  }
  const { templates: _t, ...fields } = patch;
  void _t;
  const data = { ...fields, templates: templates as Prisma.InputJsonValue };
  const row = await db.messagingSettings.upsert({
    where: { tenantId },
    create: { tenantId, ...data },
    update: data,
  });
  return settingsFromRow(row);
}
