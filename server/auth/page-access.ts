// Server-side: the signed-in user's role in the business a settings page is for. The tenant
// layout has already refused outsiders; pages pass the role down so forms can show read-only
// or "no permission" states from the one role map instead of waiting for a FORBIDDEN.
import { notFound, redirect } from "next/navigation";
import { currentUser } from "@/server/auth/session";
import type { TenantRole } from "@/server/auth/permissions";

export async function pageAccess(
  params: Promise<{ slug: string }>,
): Promise<{ slug: string; tenantId: string; role: TenantRole; userId: string; timeZone: string }> {
  const { slug } = await params;
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=/t/${encodeURIComponent(slug)}`);
  const access = user.tenants.find((t) => t.slug === slug);
  if (!access) notFound();
  return { slug, tenantId: access.tenantId, role: access.role, userId: user.id, timeZone: access.timeZone };
}
