import { AccountSettings } from "@/components/settings/account-settings";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Your account" };

export default async function AccountPage({ params }: { params: Promise<{ slug: string }> }) {
  await pageAccess(params);
  return <AccountSettings />;
}
