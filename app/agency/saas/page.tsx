import type { Metadata } from "next";
import { connection } from "next/server";
import { notFound, redirect } from "next/navigation";
import { currentUser } from "@/server/auth/session";
import { getSystemDb } from "@/server/db";
import { operatorAgencies } from "@/server/agency/agency-access";
import { AgencyShell } from "@/components/agency/agency-shell";
import { SaasConsole } from "@/components/saas/saas-console";

export const metadata: Metadata = { title: "SaaS mode — Agency console" };

// SaaS mode in the agency console (Stripe, plans, margin, API keys, brand): operators only.
export default async function AgencySaasPage() {
  await connection();
  const user = await currentUser();
  if (!user) redirect("/sign-in?next=/agency/saas");
  const agencies = await operatorAgencies(await getSystemDb(), user.id);
  if (agencies.length === 0) notFound();
  return (
    <AgencyShell user={{ name: user.name, email: user.email }}>
      <SaasConsole />
    </AgencyShell>
  );
}
