// What the overview and the menu offer each role: billing is the owner's, setup pages are changed
// by those with setup rights; everyone else may look but is never sent to a page that refuses them.
import { PERMISSIONS, type TenantRole } from "@/server/auth/permissions";

function may(role: TenantRole | string, permission: keyof typeof PERMISSIONS): boolean {
  return (PERMISSIONS[permission] as readonly string[]).includes(role);
}

/** Whether this role may change what the page at `href` (relative to the business) holds. */
export function canChangePage(role: TenantRole | string, href: string): boolean {
  if (href.startsWith("settings/billing")) return may(role, "billing.manage");
  return may(role, "setup.write");
}

/** The overview's call to action, or none when it leads to a page this role may not use. */
export function actionFor<A extends { href: string }>(role: TenantRole | string, action: A | null): A | null {
  return action && canChangePage(role, action.href) ? action : null;
}

/** A setup checklist link: "Edit" / "Set up" for those who can change it, "View" for the rest. */
export function checklistLinkLabel(role: TenantRole | string, item: { href: string; done: boolean }): string {
  if (!canChangePage(role, item.href)) return "View";
  return item.done ? "Edit" : "Set up";
}

/** The menu's section heading: Setup says it is view only to those who cannot change it. */
export function navSectionLabel(role: TenantRole | string, section: string): string {
  return section === "Setup" && !may(role, "setup.write") ? "Setup (view only)" : section;
}
