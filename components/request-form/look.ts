// The business's own look on its public form: an accent color from the embed snippet (?accent=hex)
// and ?embed=1 for the plain version inside an iframe. Only a 6-digit hex color is accepted.
import type { CSSProperties } from "react";

export type FormLook = { embed: boolean; accent: string | null; keep: string };

export function formLook(search: Record<string, string | string[] | undefined>): FormLook {
  const embed = search.embed === "1";
  const raw = typeof search.accent === "string" ? search.accent.replace(/^#/, "") : "";
  const accent = /^[0-9a-fA-F]{6}$/.test(raw) ? `#${raw.toLowerCase()}` : null;
  const params = new URLSearchParams();
  if (embed) params.set("embed", "1");
  if (accent) params.set("accent", accent.slice(1));
  const qs = params.toString();
  return { embed, accent, keep: qs ? `?${qs}` : "" };
}

/** Tailwind's brand colors read these variables, so the buttons and links take the accent. */
export function accentStyle(accent: string | null): CSSProperties | undefined {
  if (!accent) return undefined;
  return {
    ["--color-brand-500" as string]: accent,
    ["--color-brand-600" as string]: accent,
    ["--color-brand-700" as string]: accent,
  } as CSSProperties;
}
