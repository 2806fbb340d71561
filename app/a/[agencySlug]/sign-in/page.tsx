import { Suspense } from "react";
import { connection } from "next/server";
import { notFound } from "next/navigation";
import { AuthShell } from "@/components/auth-shell";
import { SignInForm } from "@/components/auth-forms";
import { getSystemDb } from "@/server/db";
import { brandBySlug } from "@/server/saas/branding";

export const metadata = { title: "Sign in" };

// An agency's own sign-in page (white label): its name, logo and accent colour.
export default async function AgencySignInPage({ params }: { params: Promise<{ agencySlug: string }> }) {
  await connection();
  const { agencySlug } = await params;
  const brand = await brandBySlug(await getSystemDb(), agencySlug);
  if (!brand) notFound();
  return (
    <AuthShell title="Sign in" subtitle={`Your missed calls, rescued — by ${brand.name}.`} brand={brand}>
      <Suspense>
        <SignInForm />
      </Suspense>
    </AuthShell>
  );
}
