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
  "simulator.run": ["owner", "manager", "operator"],
  // ── leads ──
  /** Routing rule settings and bulk-closing stale leads (staff work one lead at a time). */
  "leads.manage": ["owner", "manager", "operator"],
  /** The dev outbox: every SMS/email the app would send in local mode. */
  "outbox.read": ["owner", "operator"],
  // ── billing ──
  // ── messaging ──
  /** Text-back, templates, quiet hours, reminders. */
  "messaging.settings": ["owner", "manager", "operator"],
  // ── qa ──
  /** Daily QA of AI-handled calls: read the samples, override verdicts, run today's sample. */
  "qa.review": ["owner", "manager", "operator"],
  /** Switching the prompt profile back to standard after a prompt review (QA moves it to safe above 5 % daily failures). */
  "qa.profile": ["owner", "operator"],
  // ── reports ──
  /** The reports page; staff see their own leads' numbers only (server/reports/query-report.ts). */
  "reports.read": ["owner", "manager", "staff", "operator"],
  // ── integrations ──
  /** Webhook endpoints and the business's calendar feed. */
  "integrations.manage": ["owner", "operator"],
  // ── follow-ups ──
  /** The approval queue: approve, edit, skip or approve all follow-up texts. */
  "followups.approve": ["owner", "manager", "operator"],
  /** The follow-up sequences and each source's auto-send switch. */
  "followups.settings": ["owner", "operator"],
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
