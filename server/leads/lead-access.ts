// Who sees which leads — the one place this is decided. Owners, managers and agency operators
// see every lead of the tenant; staff see the inbox (leads nobody owns yet) and their own leads.
import type { TenantRole } from "@/server/auth/permissions";

export type Viewer = { userId: string; role: TenantRole };

export function seesAllLeads(role: TenantRole): boolean {
  return role !== "staff";
}

/** Prisma filter for the leads this viewer may see. */
export function visibleLeadsWhere(viewer: Viewer): { OR?: ({ ownerId: null } | { ownerId: string })[] } {
  return seesAllLeads(viewer.role) ? {} : { OR: [{ ownerId: null }, { ownerId: viewer.userId }] };
}

export function canSeeLead(viewer: Viewer, lead: { ownerId: string | null }): boolean {
  return seesAllLeads(viewer.role) || lead.ownerId === null || lead.ownerId === viewer.userId;
}
