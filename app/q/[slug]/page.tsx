import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { RequestForm } from "@/components/request-form/request-form";
import { getSystemDb } from "@/server/db";
import { findRequestFormBusiness } from "@/server/db/cross-tenant";
import { phoneLabel } from "@/server/leads/labels";
import { formToken, PREFERRED_TIMES, smsConsentWording } from "@/server/leads/request-form";
import { accentStyle, formLook } from "@/components/request-form/look";
import { BrandMark } from "@/components/auth-shell";
import { requestFormBrand } from "@/server/saas/branding";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const business = await findRequestFormBusiness(await getSystemDb(), (await params).slug);
  return {
    title: { absolute: business ? `Request a plumber · ${business.name}` : "Request form" },
    robots: { index: false },
  };
}

export default async function RequestFormPage({ params, searchParams }: Props) {
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
        <h1 className="text-xl font-semibold text-slate-900">Request a plumber from {business.name}</h1>
        <div className="mt-4">
          <RequestForm
            slug={business.slug}
            business={business.name}
            phone={business.phone}
            phoneLabel={business.phone ? phoneLabel(business.phone) : null}
            token={formToken(business.slug)}
            consentWording={smsConsentWording(business.name)}
            preferredTimes={PREFERRED_TIMES}
            keep={look.keep}
          />
        </div>
      </div>
    </main>
  );
}
