// Where a person lands after sign-in. The inbox is the daily work for everyone; owners (and agency
// operators, who work with owner rights) see the setup checklist first while setup is incomplete.
import type { TenantRole } from "@/server/auth/permissions";

export function landingPath(tenant: { slug: string; role: TenantRole }, setupComplete: boolean): string {
  const base = `/t/${tenant.slug}`;
  const setsUp = tenant.role === "owner" || tenant.role === "operator";
  return setsUp && !setupComplete ? base : `${base}/leads`;
}
