// The audit log as an owner reads it: newest first, page by page, each row a sentence naming
// who did what ("Pat invited casey@example.test as staff"), not raw action codes and ids.
import type { TenantCtx } from "@/server/db/tenant-scope";
import { tenantPeople } from "@/server/db/tenant-people";
import { phoneLabel } from "@/server/leads/labels";
import type { RoutingKind } from "@/server/leads/routing";
import { ROUTING_LABELS } from "@/server/leads/routing-settings";
import { timeZoneLabel } from "@/server/tenants/us-time-zones";

type Person = { name: string; email: string };
export type AuditEntry = { action: string; actorId: string | null; target: string | null; data: unknown };

const ROLE_WORDS: Record<string, string> = {
  owner: "owner",
  manager: "manager (office lead)",
  staff: "staff",
  operator: "agency operator",
};
const role = (r: unknown) => (typeof r === "string" ? (ROLE_WORDS[r] ?? r) : "an unknown role");
const invitesWithdrawn = (data: Record<string, unknown>) =>
  [
    typeof data.invitesWithdrawn === "number" && data.invitesWithdrawn > 0
      ? `withdrew the ${data.invitesWithdrawn === 1 ? "invite" : `${data.invitesWithdrawn} invites`} they had sent`
      : null,
    typeof data.apiKeysRevoked === "number" && data.apiKeysRevoked > 0
      ? `revoked the ${data.apiKeysRevoked === 1 ? "API key" : `${data.apiKeysRevoked} API keys`} they had made`
      : null,
    typeof data.calendarLinksEnded === "number" && data.calendarLinksEnded > 0
      ? "turned off the business's calendar link they had made"
      : null,
  ]
    .filter(Boolean)
    .map((part) => `, and ${part}`)
    .join("");

/** One readable line per audit action. `who` is the person the target id names, if it is a user. */
export function describeAuditEntry(entry: AuditEntry, who: (id: string | null) => string | null): string {
  const data = (entry.data && typeof entry.data === "object" ? entry.data : {}) as Record<string, unknown>;
  const target = entry.target ?? "";
  const person = who(entry.target) ?? "a former member";
  switch (entry.action) {
    case "auth.signed_up":
      return `Created the account ${target} and this business`;
    case "auth.sign_in_failed":
      return `Failed sign-in for ${target}`;
    case "auth.sign_in_throttled":
      return `Sign-in blocked for ${target} after too many failed attempts`;
    case "tenant.created":
      return "Created this business";
    case "setup.call_answers_changed":
      return "Changed the answers the AI gives callers (price and services)";
    case "setup.number_connected":
      return `Pointed ${target} at LeadRescue in Twilio`;
    case "setup.tracking_number_added":
      return `Added the tracking number ${phoneLabel(target)}`;
    case "setup.tracking_number_removed":
      return `Removed the tracking number ${phoneLabel(target)}`;
    case "setup.phones_changed":
      return `Changed the phones calls ring: the plumber's phone ${data.plumberPhone ? phoneLabel(data.plumberPhone) : "(none)"}, the on-call phone ${data.onCallPhone ? phoneLabel(data.onCallPhone) : "(none)"}`;
    case "routing.rule_changed": {
      const kind = ROUTING_LABELS[data.kind as RoutingKind]?.label ?? "Leads";
      return entry.target
        ? `Routed ${kind.toLowerCase()} to ${person}`
        : `Cleared the routing rule for ${kind.toLowerCase()} (${data.kind === "fallback" ? "the business owner" : "the fallback rule"} takes them)`;
    }
    case "tenant.settings_changed":
      return `Changed the business settings${typeof data.name === "string" ? ` (name "${data.name}", time zone ${timeZoneLabel(String(data.timeZone))})` : ""}`;
    case "member.invited":
      return `Invited ${target} as ${role(data.role)}`;
    case "member.invite_revoked":
      return "Revoked an invite";
    case "member.joined":
      return `${target} accepted the invite and joined as ${role(data.role)}`;
    case "member.role_changed":
      return `Changed ${person}'s role from ${role(data.from)} to ${role(data.to)}${invitesWithdrawn(data)}`;
    case "member.removed":
      return `Removed ${person} from the team${invitesWithdrawn(data)}`;
    case "api_key.created":
      return `Created the API key "${typeof data.name === "string" ? data.name : "unnamed"}"`;
    case "api_key.revoked":
      return "Revoked an API key";
    case "call.unknown_number":
      return "A call came in on a number that belongs to no business";
    case "tenant.paused":
      return `Paused the service (the AI stopped answering)${typeof data.reason === "string" && data.reason ? `: “${data.reason}”` : ""}`;
    case "tenant.resumed":
      return `Resumed the service (the AI answers again)${typeof data.reason === "string" && data.reason ? `: “${data.reason}”` : ""}`;
    case "billing.cancellation_requested":
      return "Cancelled the service (the AI stops answering 24 hours later)";
    case "billing.cancellation_undone":
      return "Undid the cancellation";
    case "billing.detached":
      return "The service was detached after the cancellation";
    default:
      // Actions other areas add later still read as words, not codes.
      return entry.action.replace(/[._]/g, " ").replace(/^\w/, (c) => c.toUpperCase());
  }
}

export async function listAuditLog(
  { db }: Pick<TenantCtx, "db">,
  input: { cursor?: string | null; limit: number },
) {
  const rows = await db.auditLog.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  // Actors and targeted members are people: members, the agency's operators, or people this
  // business's own audit log names (a removed member keeps their name here): tenantPeople.
  const users = await tenantPeople(
    db,
    page.flatMap((r) => [r.actorId, r.target]),
  );
  const byId = new Map<string, Person>(users.map((u) => [u.id, { name: u.name, email: u.email }]));
  const who = (id: string | null) => (id ? (byId.get(id)?.name ?? null) : null);
  return {
    items: page.map((r) => ({
      id: r.id,
      action: r.action,
      summary: describeAuditEntry(r, who),
      actor: r.actorId ? (byId.get(r.actorId) ?? { name: "A former user", email: "" }) : null,
      createdAt: r.createdAt,
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
