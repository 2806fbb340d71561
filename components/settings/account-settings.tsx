"use client";
// The person's own account, whatever their role: a new password, and signing out on every device
// (a lost phone, a shared computer). Both end every session of theirs, this one included, so the
// page then goes to sign-in.
import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, fieldErrorsFrom } from "@/components/ui/form";
import { Card, PageHeader } from "@/components/ui/layout";

/** After either change this browser's session no longer counts: it is cleared and sign-in opens. */
const toSignIn = (why: string) => signOut({ callbackUrl: `/sign-in?ended=${why}` });

export function AccountSettings() {
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Your account" description="Your password, and where you are signed in." />
      <ChangePasswordForm />
      <SignOutEverywhere />
    </div>
  );
}

function ChangePasswordForm() {
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const errs = fieldErrorsFrom(change.error);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const ok = await change
      .mutateAsync({
        currentPassword: String(f.get("currentPassword") ?? ""),
        newPassword: String(f.get("newPassword") ?? ""),
      })
      .then(
        () => true,
        () => false,
      );
    if (ok) await toSignIn("password");
  }

  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">Change your password</h2>
      <p className="mt-1 text-sm text-slate-600">
        You will be signed out everywhere, this device included, and sign in again with the new password.
      </p>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errs.fields.currentPassword}
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          error={errs.fields.newPassword}
          hint="At least 10 characters, and not a common password."
        />
        <div className="flex items-center gap-3" aria-live="polite">
          <Button type="submit" busy={change.isPending}>
            Change password
          </Button>
          {change.error && !Object.keys(errs.fields).length ? <ErrorBanner message={errs.message} /> : null}
        </div>
      </form>
    </Card>
  );
}

function SignOutEverywhere() {
  const trpc = useTRPC();
  const [sure, setSure] = useState(false);
  const end = useMutation(
    trpc.account.signOutEverywhere.mutationOptions({ onSuccess: () => toSignIn("everywhere") }),
  );
  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">Sign out everywhere</h2>
      <p className="mt-1 text-sm text-slate-600">
        Ends every session of yours — another computer, a lost phone, this device too. Use it if you signed in
        somewhere you no longer trust.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-3" aria-live="polite">
        {sure ? (
          <>
            <Button type="button" busy={end.isPending} onClick={() => end.mutate()}>
              Yes, sign me out everywhere
            </Button>
            <button
              type="button"
              className="text-sm font-medium text-slate-600 hover:text-slate-900"
              onClick={() => setSure(false)}
            >
              Cancel
            </button>
          </>
        ) : (
          <Button type="button" onClick={() => setSure(true)}>
            Sign out everywhere…
          </Button>
        )}
        {end.error ? <ErrorBanner message={fieldErrorsFrom(end.error).message} /> : null}
      </div>
    </Card>
  );
}
