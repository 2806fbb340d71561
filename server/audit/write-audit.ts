// Audit rows for security-relevant actions: sign-in failures, role changes, invites, API keys,
// and the settings that decide where calls and leads go (numbers, phones, routing rules).

export type AuditAction =
  | "auth.sign_in_failed"
  | "auth.sign_in_throttled"
  | "auth.signed_up"
  | "auth.password_changed"
  | "auth.password_reset_requested"
  | "auth.password_reset"
  | "auth.signed_out_everywhere"
  | "member.invited"
  | "member.invite_revoked"
  | "member.joined"
  | "member.role_changed"
  | "member.removed"
  | "api_key.created"
  | "api_key.revoked"
  | "tenant.created"
  | "tenant.settings_changed"
  | "setup.call_answers_changed"
  | "setup.number_connected"
  // ── call routing: where calls ring and who new leads go to ──
  | "setup.tracking_number_added"
  | "setup.tracking_number_removed"
  | "setup.phones_changed"
  | "routing.rule_changed"
  | "call.unknown_number"
  // ── agency ──
  | "tenant.paused"
  | "tenant.resumed"
  | "tenant.plan_changed"
  // ── integrations ──
  | "webhook.created"
  | "webhook.deleted"
  | "webhook.enabled"
  | "webhook.disabled"
  | "webhook.secret_rotated"
  | "calendar_feed.created"
  | "calendar_feed.revoked";

type AuditRow = {
  tenantId: string | null;
  actorId: string | null;
  action: string;
  target: string | null;
  data: object;
};
/** Any client that can write an audit row: a tenant-scoped client or transaction, or `accountAuditLog(sys)` (server/db/cross-tenant.ts) for events that belong to no business. */
type AuditWriter = { auditLog: { create(args: { data: AuditRow }): PromiseLike<unknown> } };

export async function writeAudit(
  db: AuditWriter,
  entry: {
    tenantId?: string | null;
    actorId?: string | null;
    action: AuditAction;
    target?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await db.auditLog.create({
    data: {
      tenantId: entry.tenantId ?? null,
      actorId: entry.actorId ?? null,
      action: entry.action,
      target: entry.target ?? null,
      data: (entry.data ?? {}) as object,
    },
  });
}
