"use client";
// The signed-in layout: a sidebar with the business switcher and navigation, and the page.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { SignOutButton } from "./sign-out-button";

type TenantOption = { slug: string; name: string; role: string };

const NAV: { href: string; label: string; roles?: string[] }[] = [
  { href: "/leads", label: "Inbox" },
  { href: "", label: "Overview" },
  { href: "/routines", label: "Today" },
  { href: "/notifications", label: "Notifications" },
  { href: "/simulator", label: "Test your flow", roles: ["owner", "manager", "operator"] },
  { href: "/settings/phone", label: "Phone numbers" },
  { href: "/settings/service-area", label: "Service area" },
  { href: "/settings/hours", label: "Hours & booking slots" },
  { href: "/settings/routing", label: "Routing", roles: ["owner", "manager", "operator"] },
  { href: "/settings/team", label: "Team", roles: ["owner", "manager", "operator"] },
  { href: "/settings/api-keys", label: "API keys", roles: ["owner", "operator"] },
  { href: "/settings/audit", label: "Audit log", roles: ["owner", "operator"] },
  { href: "/settings/billing", label: "Billing", roles: ["owner", "operator"] },
  { href: "/settings/business", label: "Business", roles: ["owner", "operator"] },
];

export function AppShell({ user, tenants, current, children }: { user: { name: string; email: string }; tenants: TenantOption[]; current: TenantOption; children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const base = `/t/${current.slug}`;

  const sidebar = (
    <nav aria-label="Main" className="flex h-full flex-col gap-6 p-4">
      <Link href="/" className="text-lg font-bold tracking-tight text-brand-700">
        LeadRescue
      </Link>
      <div>
        <label htmlFor="tenant-switcher" className="block text-xs font-medium uppercase tracking-wide text-slate-500">
          Business
        </label>
        {tenants.length > 1 ? (
          <select
            id="tenant-switcher"
            value={current.slug}
            onChange={(e) => router.push(`/t/${e.target.value}`)}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {tenants.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        ) : (
          <p id="tenant-switcher" className="mt-1 text-sm font-medium">
            {current.name}
          </p>
        )}
        <p className="mt-1 text-xs text-slate-500">Your role: {current.role}</p>
      </div>
      <ul className="flex flex-col gap-1">
        {NAV.filter((n) => !n.roles || n.roles.includes(current.role)).map((n) => {
          const href = `${base}${n.href}`;
          const active = n.href === "" ? pathname === base : pathname.startsWith(href);
          return (
            <li key={n.href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                onClick={() => setOpen(false)}
                className={`block rounded-md px-3 py-2 text-sm ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {n.label}
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="mt-auto border-t border-slate-200 pt-4 text-sm">
        <p className="font-medium">{user.name}</p>
        <p className="truncate text-xs text-slate-500">{user.email}</p>
        <SignOutButton className="mt-2 text-sm text-slate-600 hover:text-slate-900" />
      </div>
    </nav>
  );

  return (
    <div className="min-h-screen md:flex">
      <div className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden">
        <span className="font-bold text-brand-700">LeadRescue</span>
        <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls="sidebar" className="rounded border border-slate-300 px-2 py-1 text-sm">
          Menu
        </button>
      </div>
      <aside id="sidebar" className={`${open ? "block" : "hidden"} w-full border-r border-slate-200 bg-white md:sticky md:top-0 md:block md:h-screen md:w-64 md:shrink-0 md:overflow-y-auto`}>
        {sidebar}
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8">{children}</main>
    </div>
  );
}
