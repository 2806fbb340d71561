import type { Metadata } from "next";
import { connection } from "next/server";
import { notFound, redirect } from "next/navigation";
import { currentUser } from "@/server/auth/session";
import { getSystemDb } from "@/server/db";
import { operatorAgencies } from "@/server/agency/agency-access";
import { AgencyShell } from "@/components/agency/agency-shell";
import { AgencyReports } from "@/components/agency/agency-reports";

export const metadata: Metadata = { title: "Agency reports" };

// The agency console's Reports tab: operators only, like the console.
export default async function AgencyReportsPage() {
  await connection();
  const user = await currentUser();
  if (!user) redirect("/sign-in?next=/agency/reports");
  const agencies = await operatorAgencies(await getSystemDb(), user.id);
  if (agencies.length === 0) notFound();
  return (
    <AgencyShell user={{ name: user.name, email: user.email }}>
      <AgencyReports />
    </AgencyShell>
  );
}
