import type { CSSProperties, ReactNode } from "react";

/** White label: an agency's name, logo and accent colour (SaaS mode). */
export type Brand = { name: string; logoUrl: string | null; accentColor: string | null };

/** The accent colour re-themes the app's brand colours (buttons, links, focus rings) below it; it passed the contrast check with white. */
export const brandStyle = (brand?: Brand | null): CSSProperties | undefined =>
  brand?.accentColor
    ? ({
        "--brand-accent": brand.accentColor,
        "--color-brand-500": brand.accentColor,
        "--color-brand-600": brand.accentColor,
        "--color-brand-700": brand.accentColor,
      } as CSSProperties)
    : undefined;

export function BrandMark({ brand, className = "" }: { brand: Brand; className?: string }) {
  return (
    <span className={`flex items-center gap-2 ${className}`} data-testid="agency-brand">
      {brand.logoUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- served by the app, size-checked at upload
        <img src={brand.logoUrl} alt="" className="h-8 w-auto max-w-[8rem] object-contain" />
      ) : null}
      <span
        className="font-bold tracking-tight"
        style={brand.accentColor ? { color: brand.accentColor } : undefined}
      >
        {brand.name}
      </span>
    </span>
  );
}

export function AuthShell({
  title,
  subtitle,
  children,
  brand,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  brand?: Brand | null;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12" style={brandStyle(brand)}>
      <div className="w-full max-w-md">
        {brand ? (
          <BrandMark brand={brand} className="mb-6 justify-center text-lg" />
        ) : (
          <p className="mb-6 text-center text-lg font-bold tracking-tight text-brand-700">LeadRescue</p>
        )}
        <div className="rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
          <h1 className="text-xl font-semibold">{title}</h1>
          {subtitle ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
          <div className="mt-6">{children}</div>
        </div>
      </div>
    </main>
  );
}
