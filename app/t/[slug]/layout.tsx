import { connection } from "next/server";
import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { currentUser } from "@/server/auth/session";
import { AppShell } from "@/components/app-shell";
import { CancellationBanner } from "@/components/billing/cancellation-banner";
import { can } from "@/server/auth/permissions";
import { forTenant, getSystemDb } from "@/server/db";
import { DEV_TWILIO_AUTH_TOKEN, env } from "@/server/env";
import { brandOfTenant } from "@/server/saas/branding";

// Every page of a business goes through here: signed in, and allowed into this tenant.
export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  await connection();
  const { slug } = await params;
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=/t/${encodeURIComponent(slug)}`);
  const current = user.tenants.find((t) => t.slug === slug);
  // Same page for "no such business" and "not yours": nothing to learn by guessing slugs.
  if (!current) notFound();
  const db = forTenant(await getSystemDb(), current.tenantId);
  // White label (SaaS mode): the business's agency's brand, when it has one.
  const brand = await brandOfTenant(db, current.tenantId);
  const tenant = await db.tenant.findUnique({
    where: { id: current.tenantId },
    select: { timeZone: true, cancelRequestedAt: true, detachAt: true, detachedAt: true },
  });
  const banner =
    tenant?.cancelRequestedAt && tenant.detachAt && !tenant.detachedAt ? (
      <CancellationBanner
        slug={current.slug}
        detachAt={tenant.detachAt}
        timeZone={tenant.timeZone}
        canUndo={can(current.role, "billing.manage")}
      />
    ) : null;
  return (
    <AppShell
      user={{ name: user.name, email: user.email }}
      tenants={user.tenants.map((t) => ({ slug: t.slug, name: t.name, role: t.role }))}
      current={{ slug: current.slug, name: current.name, role: current.role }}
      banner={banner}
      localMode={env.TWILIO_AUTH_TOKEN === DEV_TWILIO_AUTH_TOKEN}
      brand={brand}
    >
      {children}
    </AppShell>
  );
}
