import { ApiKeysSettings } from "@/components/settings/api-keys-settings";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ slug: string }> }) {
  const { role, timeZone } = await pageAccess(params);
  return <ApiKeysSettings role={role} timeZone={timeZone} />;
}
