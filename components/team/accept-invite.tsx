"use client";
// Accepting an invite: shows the business and role, creates the account (or checks the existing
// one's password), then signs in and opens the business.
import { useMutation, useQuery } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { AuthShell } from "@/components/auth-shell";
import { Button, ErrorBanner, Field, fieldErrorsFrom } from "@/components/ui/form";
import { Loading } from "@/components/ui/layout";
import { landingPath } from "@/server/leads/landing-page";

const ROLE_NAMES: Record<string, string> = {
  owner: "an owner",
  manager: "a manager (office lead)",
  staff: "staff",
};

export function AcceptInvite({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const info = useQuery(
    trpc.account.inviteInfo.queryOptions({ token }, { retry: false, staleTime: Infinity }),
  );
  const accept = useMutation(trpc.account.acceptInvite.mutationOptions());
  const [signInError, setSignInError] = useState<string | null>(null);
  const errs = fieldErrorsFrom(accept.error);

  if (info.isPending) {
    return (
      <AuthShell title="Your invite">
        <Loading label="Checking your invite…" />
      </AuthShell>
    );
  }
  if (info.error) {
    const code = (info.error as { data?: { code?: string } }).data?.code;
    // The server says which: not valid / revoked, already used, or expired.
    return (
      <AuthShell title="This invite can't be used">
        <div
          role="alert"
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {code === "BAD_REQUEST" ? "This invite link is not valid. Ask for a new one." : info.error.message}
        </div>
        <p className="mt-4 text-sm text-slate-600">
          Already a member?{" "}
          <Link
            href="/sign-in"
            className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
          >
            Sign in
          </Link>
        </p>
      </AuthShell>
    );
  }

  const invite = info.data;
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const password = String(f.get("password") ?? "");
    setSignInError(null);
    const res = await accept
      .mutateAsync({ token, password, name: invite.hasAccount ? undefined : String(f.get("name") ?? "") })
      .catch(() => null);
    if (!res) return;
    const signed = await signIn("credentials", { email: res.email, password, redirect: false });
    if (signed?.error) {
      setSignInError("You joined the business, but signing in failed. Sign in with your email and password.");
      return;
    }
    // Staff and managers start on the inbox; a new owner sees the setup overview first.
    router.replace(landingPath({ slug: res.tenantSlug, role: res.role }, false));
    router.refresh();
  }

  return (
    <AuthShell
      brand={invite.brand}
      title={`Join ${invite.tenantName}`}
      subtitle={
        <>
          You were invited to join <strong>{invite.tenantName}</strong> on{" "}
          {invite.brand?.name ?? "LeadRescue"} as <strong>{ROLE_NAMES[invite.role] ?? invite.role}</strong>.
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <ErrorBanner
          message={
            signInError ??
            (accept.error && !errs.field && !Object.keys(errs.fields).length ? errs.message : null)
          }
        />
        <Field
          label="Email"
          name="email"
          type="email"
          value={invite.email}
          readOnly
          disabled
          hint="The invite is for this address."
        />
        {invite.hasAccount ? (
          <>
            <p className="text-sm text-slate-600">
              You already have a LeadRescue account. Enter its password to join.
            </p>
            <Field
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              autoFocus
              error={errs.fields.password}
            />
          </>
        ) : (
          <>
            <Field
              label="Your name"
              name="name"
              autoComplete="name"
              required
              autoFocus
              maxLength={100}
              error={errs.fields.name}
            />
            <Field
              label="Choose a password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              hint="At least 10 characters."
              error={errs.fields.password}
            />
          </>
        )}
        <Button type="submit" busy={accept.isPending} className="w-full">
          {invite.hasAccount ? "Join and sign in" : "Create account and join"}
        </Button>
      </form>
    </AuthShell>
  );
}
