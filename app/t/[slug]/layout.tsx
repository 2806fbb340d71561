import { connection } from "next/server";
import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { currentUser } from "@/server/auth/session";
import { AppShell } from "@/components/app-shell";

// Every page of a business goes through here: signed in, and allowed into this tenant.
export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  await connection();
  const { slug } = await params;
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=/t/${encodeURIComponent(slug)}`);
  const current = user.tenants.find((t) => t.slug === slug);
  // Same page for "no such business" and "not yours": nothing to learn by guessing slugs.
  if (!current) notFound();
  return (
    <AppShell user={{ name: user.name, email: user.email }} tenants={user.tenants.map((t) => ({ slug: t.slug, name: t.name, role: t.role }))} current={{ slug: current.slug, name: current.name, role: current.role }}>
      {children}
    </AppShell>
  );
}
