import { WebhooksSettings } from "@/components/integrations/webhooks-settings";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ slug: string }> }) {
  const { role, timeZone } = await pageAccess(params);
  return <WebhooksSettings role={role} timeZone={timeZone} />;
}
