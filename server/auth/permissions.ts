// Who may do what, in one place. Roles are the tenant roles plus the agency operator, who works
// inside any tenant of their agency with an owner's rights.
export type TenantRole = "owner" | "manager" | "staff" | "operator";

export const PERMISSIONS = {
  "leads.read": ["owner", "manager", "staff", "operator"],
  "leads.work": ["owner", "manager", "staff", "operator"],
  "setup.read": ["owner", "manager", "staff", "operator"],
  "setup.write": ["owner", "manager", "operator"],
  "members.read": ["owner", "manager", "operator"],
  "members.invite": ["owner", "manager", "operator"],
  "members.manage": ["owner", "operator"],
  "apiKeys.manage": ["owner", "operator"],
  "audit.read": ["owner", "operator"],
  "billing.manage": ["owner", "operator"],
  "tenant.settings": ["owner", "operator"],
  // ── calls ──
  // ── leads ──
  // ── billing ──
} as const satisfies Record<string, readonly TenantRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: TenantRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly TenantRole[]).includes(role);
}

/** Roles a member may hand out: a manager may invite staff, only owners make owners/managers. */
export function canGrantRole(actor: TenantRole, role: "owner" | "manager" | "staff"): boolean {
  if (actor === "owner" || actor === "operator") return true;
  if (actor === "manager") return role === "staff";
  return false;
}
