import { RequestFormSettings } from "@/components/request-form/request-form-settings";
import { pageAccess } from "@/server/auth/page-access";
import { can } from "@/server/auth/permissions";
import { env } from "@/server/env";

export const metadata = { title: "Request form" };

export default async function RequestFormSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug, role } = await pageAccess(params);
  return (
    <RequestFormSettings
      formUrl={`${env.PUBLIC_BASE_URL.replace(/\/$/, "")}/q/${slug}`}
      canEdit={can(role, "setup.write")}
    />
  );
}
