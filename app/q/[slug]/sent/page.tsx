import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getSystemDb } from "@/server/db";
import { findRequestFormBusiness } from "@/server/db/cross-tenant";
import { phoneLabel } from "@/server/leads/labels";
import { accentStyle, formLook } from "@/components/request-form/look";
import { BrandMark } from "@/components/auth-shell";
import { requestFormBrand } from "@/server/saas/branding";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: { absolute: "Request sent" }, robots: { index: false } };

export default async function RequestSentPage({ params, searchParams }: Props) {
  await connection();
  const business = await findRequestFormBusiness(await getSystemDb(), (await params).slug);
  if (!business) notFound();
  const look = formLook(await searchParams);
  // White label: the agency's brand heads the form; embedded, the form takes the business's own site's look.
  const brand = look.embed ? null : await requestFormBrand(await getSystemDb(), business.id);
  return (
    <main
      className={`mx-auto w-full max-w-lg px-4 ${look.embed ? "py-4" : "py-8"}`}
      style={accentStyle(look.accent ?? brand?.accentColor ?? null)}
    >
      {brand ? <BrandMark brand={brand} className="mb-4 justify-center text-lg" /> : null}
      <div className={look.embed ? "" : "rounded-xl border border-slate-200 bg-white p-5 shadow-sm"}>
        <h1 className="text-xl font-semibold text-slate-900">Thank you — your request was sent</h1>
        <p className="mt-3 text-slate-700" role="status">
          {business.name} has your request and will contact you at the phone number you gave us. You
          don&apos;t need to do anything else.
        </p>
        {business.phone ? (
          <p className="mt-3 text-sm text-slate-600">
            An emergency (water you can&apos;t stop, a gas smell)? Don&apos;t wait: call{" "}
            <a className="font-medium text-brand-700 underline" href={`tel:${business.phone}`}>
              {phoneLabel(business.phone)}
            </a>{" "}
            now.
          </p>
        ) : null}
        <p className="mt-4 text-sm">
          <Link className="text-brand-700 underline" href={`/q/${business.slug}${look.keep}`}>
            Send another request
          </Link>
        </p>
      </div>
    </main>
  );
}
