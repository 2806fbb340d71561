import { connection } from "next/server";
import { redirect } from "next/navigation";
import { currentUser } from "@/server/auth/session";
import { forTenant, getSystemDb } from "@/server/db";
import { setupChecklist } from "@/server/setup/checklist";
import { landingPath } from "@/server/leads/landing-page";
import { operatorAgencies } from "@/server/agency/agency-access";
import { ProductPage } from "@/components/product-page";

// Home: a visitor sees what LeadRescue does and the way in (Start free / Sign in). Signed in,
// agency operators start in the agency console; everyone else goes straight to the first
// business they can open (its inbox; owners see the setup overview first while setup is
// incomplete).
export default async function Home() {
  await connection();
  const user = await currentUser();
  if (!user) return <ProductPage />;
  if ((await operatorAgencies(await getSystemDb(), user.id)).length) redirect("/agency");
  const first = user.tenants[0];
  if (!first) redirect("/no-business");
  const setsUp = first.role === "owner" || first.role === "operator";
  const complete = setsUp
    ? (await setupChecklist(forTenant(await getSystemDb(), first.tenantId), first.tenantId)).complete
    : true;
  redirect(landingPath(first, complete));
}
