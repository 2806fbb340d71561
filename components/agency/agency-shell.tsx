// The agency console's frame: a top bar (no tenant sidebar: the console sits above the businesses).
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/sign-out-button";
import { MAIN_CONTENT_ID, SkipLink } from "@/components/skip-link";

export function AgencyShell({
  user,
  children,
}: {
  user: { name: string; email: string };
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <SkipLink />
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3 md:px-8">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <Link href="/agency" className="font-bold tracking-tight text-brand-700">
            LeadRescue
          </Link>
          <span className="text-sm text-slate-500">Agency console</span>
          <nav aria-label="Agency" className="flex gap-3 text-sm">
            <Link href="/agency" className="text-brand-700 hover:underline">
              Businesses
            </Link>
            <Link href="/agency/reports" className="text-brand-700 hover:underline">
              Reports
            </Link>
            <Link href="/agency/saas" className="text-brand-700 hover:underline">
              SaaS mode
            </Link>
          </nav>
        </div>
        <div className="flex items-center gap-4 text-sm">
          <span className="hidden text-slate-600 sm:inline" title={user.email}>
            {user.name}
          </span>
          <SignOutButton />
        </div>
      </header>
      <main
        id={MAIN_CONTENT_ID}
        tabIndex={-1}
        className="mx-auto max-w-6xl px-4 py-6 focus:outline-none md:px-8"
      >
        {children}
      </main>
    </div>
  );
}
