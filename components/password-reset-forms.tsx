"use client";
// "Forgot password?": ask for a reset link by email (always the same answer, so the form never
// says whether an account exists), then set a new password with the link. Setting it signs the
// person out everywhere; sign-in then says why.
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "./trpc-provider";
import { Button, ErrorBanner, Field, fieldErrorsFrom } from "./ui/form";

const linkClass = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions());
  const [email, setEmail] = useState("");
  const errs = fieldErrorsFrom(request.error);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    request.mutate({ email });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {request.isSuccess ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {request.data.message}
        </p>
      ) : null}
      <ErrorBanner message={request.error && !errs.fields.email ? errs.message : null} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        hint="The email you sign in with. We'll send a link to set a new password."
        error={errs.fields.email}
      />
      <Button type="submit" busy={request.isPending} className="w-full">
        Send reset link
      </Button>
      <p className="text-center text-sm text-slate-600">
        Remembered it?{" "}
        <Link href="/sign-in" className={linkClass}>
          Back to sign in
        </Link>
      </p>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const usable = useQuery(trpc.account.passwordResetUsable.queryOptions({ token }));
  const reset = useMutation(
    trpc.account.resetPassword.mutationOptions({
      onSuccess: () => {
        router.replace("/sign-in?ended=reset");
        router.refresh();
      },
    }),
  );
  const [password, setPassword] = useState("");
  const errs = fieldErrorsFrom(reset.error);

  if (usable.isPending) return <p className="text-sm text-slate-600">Checking your link…</p>;
  if (usable.isError)
    return <ErrorBanner message="Could not check this link. Reload the page to try again." />;
  if (!usable.data.usable || errs.fields.token)
    return (
      <div className="space-y-4">
        <ErrorBanner message="This reset link has expired or was already used. Ask for a new one." />
        <p className="text-center text-sm">
          <Link href="/forgot-password" className={linkClass}>
            Ask for a new reset link
          </Link>
        </p>
      </div>
    );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        reset.mutate({ token, password });
      }}
      className="space-y-4"
      noValidate
    >
      <ErrorBanner message={reset.error && !errs.fields.password ? errs.message : null} />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        autoFocus
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        hint="At least 10 characters. Setting it signs you out on every device."
        error={errs.fields.password}
      />
      <Button type="submit" busy={reset.isPending} className="w-full">
        Set new password
      </Button>
    </form>
  );
}
