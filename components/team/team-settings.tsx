"use client";
// The team: members and their roles, invites by email with a role, the invite link to copy,
// and pending invites. What each role may do comes from the one role map.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, Select, SuccessNote, fieldErrorsFrom } from "@/components/ui/form";
import { Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { CopyableValue } from "@/components/ui/copyable-value";
import { NoPermission, QueryState } from "@/components/settings/access-states";
import { can, canGrantRole, type TenantRole } from "@/server/auth/permissions";
import { dayLabel } from "@/server/text/day-label";

type MemberRole = "owner" | "manager" | "staff";
const ROLES: { role: MemberRole; name: string; does: string }[] = [
  { role: "owner", name: "Owner", does: "everything, including the team, billing and API keys" },
  {
    role: "manager",
    name: "Manager (office lead)",
    does: "the inbox and the business setup; can invite staff",
  },
  { role: "staff", name: "Staff", does: "the lead inbox and their own work" },
];
const roleName = (r: string) => ROLES.find((x) => x.role === r)?.name ?? r;

/** `timeZone`: the business's, for the day an invite expires. */
export function TeamSettings({
  role,
  userId,
  timeZone,
}: {
  role: TenantRole;
  userId: string;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const allowed = can(role, "members.read");
  const team = useQuery(trpc.team.members.queryOptions(undefined, { enabled: allowed }));
  if (!allowed) {
    return (
      <div className="max-w-3xl">
        <PageHeader title="Team" />
        <NoPermission what="see or manage the team" />
      </div>
    );
  }
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader title="Team" description="Who works in this business and what they may do." />
      <QueryState query={team} what="see or manage the team">
        {() => (
          <>
            <Members members={team.data!.members} role={role} userId={userId} />
            {can(role, "members.invite") ? <InviteForm role={role} /> : null}
            <PendingInvites
              invites={team.data!.invites}
              canRevoke={can(role, "members.invite")}
              timeZone={timeZone}
            />
          </>
        )}
      </QueryState>
    </div>
  );
}

function useInvalidateTeam() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.team.pathKey() });
}

type Member = { userId: string; name: string; email: string; role: MemberRole; since: Date };

function Members({ members, role, userId }: { members: Member[]; role: TenantRole; userId: string }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateTeam();
  const [note, setNote] = useState<string | null>(null);
  const manage = can(role, "members.manage");
  const change = useMutation(trpc.team.changeRole.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.team.removeMember.mutationOptions({ onSuccess: invalidate }));
  const error = change.error ?? remove.error;

  return (
    <Card
      title="Members"
      description={manage ? undefined : "Only an owner can change roles or remove members."}
    >
      {members.length === 0 ? (
        <>
          <EmptyState title="Nobody works in this business yet">
            Invite the owner and the office staff below.
          </EmptyState>
          <p className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <strong>Warning:</strong> routing and escalations have nobody to reach until someone is invited
            and joins — new leads cannot be assigned to anyone.
          </p>
        </>
      ) : (
        // A list, not a table: on a phone each member stacks; from `sm` up the rows line up as columns.
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Team members">
          {members.map((m) => (
            <li
              key={m.userId}
              className="grid gap-x-3 gap-y-1.5 py-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_auto_auto] sm:items-center sm:py-2"
            >
              <p className="font-medium">
                {m.name}
                {m.userId === userId ? (
                  <span className="ml-1 text-xs font-normal text-slate-500">(you)</span>
                ) : null}
              </p>
              <p className="break-all text-slate-600">{m.email}</p>
              <div>
                {manage ? (
                  <>
                    <label className="sr-only" htmlFor={`role-${m.userId}`}>
                      {`Role of ${m.name}`}
                    </label>
                    <select
                      id={`role-${m.userId}`}
                      value={m.role}
                      disabled={change.isPending}
                      onChange={(e) => {
                        const next = e.target.value as MemberRole;
                        setNote(null);
                        change.mutate(
                          { userId: m.userId, role: next },
                          { onSuccess: () => setNote(`${m.name} is now ${roleName(next)}.`) },
                        );
                      }}
                      className="w-full max-w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm sm:w-auto"
                    >
                      {ROLES.filter((r) => r.role === m.role || canGrantRole(role, r.role)).map((r) => (
                        <option key={r.role} value={r.role}>
                          {r.name}
                        </option>
                      ))}
                    </select>
                  </>
                ) : (
                  <span className="text-slate-700">{roleName(m.role)}</span>
                )}
              </div>
              {manage ? (
                <div className="sm:text-right">
                  <ConfirmButton
                    label={`Remove ${m.name}`}
                    busy={remove.isPending && remove.variables?.userId === m.userId}
                    onConfirm={() =>
                      remove.mutate(
                        { userId: m.userId },
                        { onSuccess: () => setNote(`${m.name} was removed.`) },
                      )
                    }
                  >
                    Remove
                  </ConfirmButton>
                </div>
              ) : (
                <span aria-hidden className="hidden sm:block" />
              )}
            </li>
          ))}
        </ul>
      )}
      <div aria-live="polite" className="mt-3">
        <ErrorBanner message={error?.message} />
        <SuccessNote message={error ? null : note} />
      </div>
    </Card>
  );
}

function InviteForm({ role }: { role: TenantRole }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateTeam();
  const linkId = useId();
  const invite = useMutation(trpc.team.invite.mutationOptions({ onSuccess: invalidate }));
  const errs = fieldErrorsFrom(invite.error);
  const grantable = ROLES.filter((r) => canGrantRole(role, r.role));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const res = await invite
      .mutateAsync({ email: String(f.get("email") ?? ""), role: String(f.get("role")) as MemberRole })
      .catch(() => null);
    if (res) form.reset();
  }

  const sent = invite.data;
  return (
    <Card
      title="Invite someone"
      description="They get a link that works once, for 7 days. Accepting it creates their account in this business."
    >
      <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-start">
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          required
          placeholder="casey@yourbusiness.com"
          error={errs.fields.email}
        />
        <Select label="Role" name="role" defaultValue="staff" error={errs.fields.role}>
          {grantable.map((r) => (
            <option key={r.role} value={r.role}>
              {r.name}
            </option>
          ))}
        </Select>
        <Button type="submit" busy={invite.isPending} className="sm:mt-6">
          Send invite
        </Button>
      </form>
      <ul className="mt-3 space-y-0.5 text-xs text-slate-500">
        {grantable.map((r) => (
          <li key={r.role}>
            <span className="font-medium text-slate-600">{r.name}:</span> {r.does}
          </li>
        ))}
      </ul>
      <div aria-live="polite" className="mt-4 space-y-2">
        {invite.error && !errs.field ? <ErrorBanner message={errs.message} /> : null}
        {sent ? (
          <div role="status" className="rounded-md border border-green-200 bg-green-50 p-4 text-sm">
            <p className="font-medium text-green-800">
              {sent.emailed ? `Invite emailed to ${sent.email}.` : `Invite created for ${sent.email}.`}{" "}
              <span className="font-normal text-green-900">
                {sent.emailed
                  ? "You can also share the link yourself:"
                  : "Email is not set up, so send them this link yourself:"}
              </span>
            </p>
            <div className="mt-2">
              <CopyableValue
                id={linkId}
                label="Invite link"
                labelHidden
                value={sent.link}
                copyLabel="Copy link"
              />
            </div>
          </div>
        ) : null}
      </div>
    </Card>
  );
}

type PendingInvite = { id: string; email: string; role: MemberRole; expiresAt: Date; createdAt: Date };

function PendingInvites({
  invites,
  canRevoke,
  timeZone,
}: {
  invites: PendingInvite[];
  canRevoke: boolean;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateTeam();
  const revoke = useMutation(trpc.team.revokeInvite.mutationOptions({ onSuccess: invalidate }));
  const [now] = useState(() => Date.now());
  return (
    <Card title="Pending invites">
      {invites.length === 0 ? (
        <EmptyState title="No pending invites" />
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Pending invites">
          {invites.map((i) => {
            const expired = new Date(i.expiresAt).getTime() < now;
            return (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <div className="text-sm">
                  <p className="font-medium">{i.email}</p>
                  <p className="text-xs text-slate-500">
                    {roleName(i.role)} ·{" "}
                    {expired ? (
                      <span className="text-amber-700">expired — invite again for a new link</span>
                    ) : (
                      `expires ${dayLabel(i.expiresAt, timeZone)}`
                    )}
                  </p>
                </div>
                {canRevoke ? (
                  <ConfirmButton
                    label={`Revoke invite for ${i.email}`}
                    confirmText="Yes, revoke"
                    busy={revoke.isPending && revoke.variables?.id === i.id}
                    onConfirm={() => revoke.mutate({ id: i.id })}
                  >
                    Revoke
                  </ConfirmButton>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <ErrorBanner message={revoke.error?.message} />
    </Card>
  );
}
