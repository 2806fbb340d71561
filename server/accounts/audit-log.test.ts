// The audit log reads as sentences an owner understands, never as raw action codes or ids.
import { describe, expect, it } from "vitest";
import { describeAuditEntry } from "./audit-log";

const names: Record<string, string> = { u1: "Casey Staff" };
const who = (id: string | null) => (id ? (names[id] ?? null) : null);
const line = (action: string, target: string | null = null, data: unknown = {}) =>
  describeAuditEntry({ action, actorId: null, target, data }, who);

describe("audit log wording", () => {
  it("names the person whose role changed, and both roles", () => {
    expect(line("member.role_changed", "u1", { from: "staff", to: "manager" })).toBe(
      "Changed Casey Staff's role from staff to manager (office lead)",
    );
  });
  it("says 'a former member' when the person is gone, instead of an id", () => {
    expect(line("member.removed", "gone-id")).toBe("Removed a former member from the team");
  });
  it("says who was invited and as what", () => {
    expect(line("member.invited", "casey@example.test", { role: "staff" })).toBe(
      "Invited casey@example.test as staff",
    );
  });
  it("turns actions it does not know yet into words, not codes", () => {
    expect(line("billing.plan_changed")).toBe("Billing plan changed");
  });
  it("says why the agency paused the service", () => {
    expect(
      line("tenant.paused", "demo-plumbing", { reason: "Owner asked for a break over the holidays" }),
    ).toBe("Paused the service (the AI stopped answering): “Owner asked for a break over the holidays”");
  });
});
