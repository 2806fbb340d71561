import type { Metadata } from "next";
import { connection } from "next/server";
import { notFound, redirect } from "next/navigation";
import { currentUser } from "@/server/auth/session";
import { getSystemDb } from "@/server/db";
import { operatorAgencies } from "@/server/agency/agency-access";
import { AgencyShell } from "@/components/agency/agency-shell";
import { AgencyConsole } from "@/components/agency/agency-console";

export const metadata: Metadata = { title: "Agency console" };

// The agency console: operators only. Everyone else gets the same page as a missing one.
export default async function AgencyPage() {
  await connection();
  const user = await currentUser();
  if (!user) redirect("/sign-in?next=/agency");
  const agencies = await operatorAgencies(await getSystemDb(), user.id);
  if (agencies.length === 0) notFound();
  return (
    <AgencyShell user={{ name: user.name, email: user.email }}>
      <AgencyConsole />
    </AgencyShell>
  );
}
