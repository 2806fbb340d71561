"use client";
// The signed-in layout: a sidebar with the business switcher and navigation, and the page.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { SignOutButton } from "./sign-out-button";
import { MAIN_CONTENT_ID, SkipLink } from "./skip-link";
import { BrandMark, brandStyle, type Brand } from "./auth-shell";
import { navSectionLabel } from "@/server/setup/overview-actions";

type TenantOption = { slug: string; name: string; role: string };

type Section = "Work" | "Setup" | "Account";
const SECTIONS: Section[] = ["Work", "Setup", "Account"];

// Entries without a section belong to "Work". Role filters come from the role map's intent.
// localOnly: tools for the local fakes (their pages say so too), hidden with real Twilio.
const NAV: { href: string; label: string; roles?: string[]; section?: Section; localOnly?: boolean }[] = [
  { href: "/leads", label: "Inbox" },
  { href: "/routines", label: "Today" },
  { href: "/follow-ups", label: "Follow-ups", roles: ["owner", "manager", "operator"] },
  { href: "/notifications", label: "Notifications" },
  { href: "/simulator", label: "Test your flow", roles: ["owner", "manager", "operator"] },
  { href: "/qa", label: "Call QA", roles: ["owner", "manager", "operator"], section: "Work" },
  { href: "/reports", label: "Reports" },
  { href: "", label: "Overview", section: "Setup" },
  { href: "/settings/phone", label: "Phone numbers", section: "Setup" },
  { href: "/settings/service-area", label: "Service area", section: "Setup" },
  { href: "/settings/hours", label: "Hours & booking slots", section: "Setup" },
  { href: "/settings/call-answers", label: "Answers for callers", section: "Setup" },
  {
    href: "/settings/request-form",
    label: "Request form",
    roles: ["owner", "manager", "operator"],
    section: "Setup",
  },
  { href: "/settings/routing", label: "Routing", roles: ["owner", "manager", "operator"], section: "Setup" },
  { href: "/settings/team", label: "Team", roles: ["owner", "manager", "operator"], section: "Setup" },
  { href: "/settings/billing", label: "Billing", roles: ["owner", "operator"], section: "Account" },
  { href: "/settings/api-keys", label: "API keys", roles: ["owner", "operator"], section: "Account" },
  { href: "/settings/webhooks", label: "Webhooks", roles: ["owner", "operator"], section: "Account" },
  { href: "/settings/calendar", label: "Calendar feed", section: "Account" },
  { href: "/settings/audit", label: "Audit log", roles: ["owner", "operator"], section: "Account" },
  { href: "/settings/business", label: "Business", roles: ["owner", "operator"], section: "Account" },
  { href: "/settings/account", label: "Your account", section: "Account" },
  {
    href: "/dev/outbox",
    label: "Local outbox",
    roles: ["owner", "operator"],
    section: "Account",
    localOnly: true,
  },
  { href: "/settings/messaging", label: "Messaging", section: "Setup" },
  { href: "/settings/follow-ups", label: "Follow-up sequences", section: "Setup" },
  {
    href: "/dev/messages",
    label: "Local text outbox",
    roles: ["owner", "operator"],
    section: "Account",
    localOnly: true,
  },
];

export function AppShell({
  user,
  tenants,
  current,
  banner,
  localMode = false,
  brand = null,
  children,
}: {
  user: { name: string; email: string };
  tenants: TenantOption[];
  current: TenantOption;
  /** A notice above every page of the business (e.g. a pending cancellation). */
  banner?: ReactNode;
  /** Running on the local fakes: show the dev pages. */
  localMode?: boolean;
  /** White label: the business's agency's name, logo and accent colour (SaaS mode). */
  brand?: Brand | null;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const base = `/t/${current.slug}`;

  const visible = NAV.filter(
    (n) => (!n.roles || n.roles.includes(current.role)) && (!n.localOnly || localMode),
  );

  const sidebar = (
    <nav aria-label="Main" className="flex h-full flex-col gap-6 p-4">
      {/* On small screens the top bar already shows the name. */}
      <Link href="/" className="hidden text-lg font-bold tracking-tight text-brand-700 md:block">
        {brand ? <BrandMark brand={brand} /> : "LeadRescue"}
      </Link>
      {tenants.some((t) => t.role === "operator") ? (
        <Link
          href="/agency"
          className="-mb-3 block rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50"
        >
          Agency console
        </Link>
      ) : null}
      <div>
        {tenants.length > 1 ? (
          <>
            <label
              htmlFor="tenant-switcher"
              className="block text-xs font-medium uppercase tracking-wide text-slate-500"
            >
              Business
            </label>
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
          </>
        ) : (
          <>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Business</p>
            <p className="mt-1 text-sm font-medium">{current.name}</p>
          </>
        )}
        <p className="mt-1 text-xs text-slate-500">Your role: {current.role}</p>
      </div>
      <div className="flex flex-col gap-5">
        {SECTIONS.map((section) => {
          const items = visible.filter((n) => (n.section ?? "Work") === section);
          if (items.length === 0) return null;
          const headingId = `nav-${section.toLowerCase()}`;
          return (
            <div key={section}>
              <h2
                id={headingId}
                className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-500"
              >
                {navSectionLabel(current.role, section)}
              </h2>
              <ul aria-labelledby={headingId} className="mt-1 flex flex-col gap-0.5">
                {items.map((n) => {
                  const href = `${base}${n.href}`;
                  const active =
                    n.href === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
                  return (
                    <li key={n.href}>
                      <Link
                        href={href}
                        aria-current={active ? "page" : undefined}
                        onClick={() => setOpen(false)}
                        className={`block rounded-md px-3 py-1.5 text-sm ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
                      >
                        {n.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </div>
      <div className="mt-auto border-t border-slate-200 pt-4 text-sm">
        <p className="font-medium">{user.name}</p>
        <p className="truncate text-xs text-slate-500">{user.email}</p>
        <SignOutButton className="mt-2 text-sm text-slate-600 hover:text-slate-900" />
      </div>
    </nav>
  );

  return (
    <div className="min-h-screen md:flex" style={brandStyle(brand)}>
      <SkipLink />
      <div className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden">
        <Link href="/" className="font-bold text-brand-700">
          {brand ? <BrandMark brand={brand} /> : "LeadRescue"}
        </Link>
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls="sidebar"
          className="rounded border border-slate-300 px-3 py-1.5 text-sm"
        >
          {open ? "Close menu" : "Menu"}
        </button>
      </div>
      <aside
        id="sidebar"
        className={`${open ? "block" : "hidden"} w-full border-r border-slate-200 bg-white md:sticky md:top-0 md:block md:h-screen md:w-64 md:shrink-0 md:overflow-y-auto`}
      >
        {sidebar}
      </aside>
      <div className="min-w-0 flex-1">
        {banner}
        <main id={MAIN_CONTENT_ID} tabIndex={-1} className="px-4 py-6 focus:outline-none md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
