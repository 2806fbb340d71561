import { connection } from "next/server";
import { redirect } from "next/navigation";
import { currentUser } from "@/server/auth/session";

// Home: straight to the first business the user can open, or to sign-in.
export default async function Home() {
  await connection();
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  const first = user.tenants[0];
  if (!first) redirect("/no-business");
  redirect(`/t/${first.slug}`);
}
