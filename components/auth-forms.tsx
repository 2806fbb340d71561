"use client";
// Sign in and sign up. Both finish by signing in through next-auth and opening the business.
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { TimeZoneSelect } from "./time-zone-select";
import { safeNextPath } from "@/server/auth/safe-redirect";
import { useTRPC } from "./trpc-provider";
import { Button, ErrorBanner, Field, fieldErrorsFrom } from "./ui/form";

/** Why the last session ended, from the account page ("Your account"). */
const ENDED: Record<string, string> = {
  password: "Your password was changed and you were signed out everywhere. Sign in with the new password.",
  everywhere: "You were signed out on every device. Sign in again here.",
  reset: "Your password was reset and you were signed out on every device. Sign in with the new password.",
};

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const next = params.get("next");
  const ended = ENDED[params.get("ended") ?? ""];
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      redirect: false,
    });
    setBusy(false);
    if (res?.error) {
      setError(
        res.code === "throttled"
          ? "Too many failed attempts. Wait a minute, then try again: each attempt before then makes the wait longer."
          : "That email and password do not match. Check them and try again.",
      );
      return;
    }
    router.replace(safeNextPath(next, window.location.origin));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {ended ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {ended}
        </p>
      ) : null}
      <ErrorBanner message={error} />
      <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <p className="-mt-2 text-right text-sm">
        <Link
          href="/forgot-password"
          className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
        >
          Forgot password?
        </Link>
      </p>
      <Button type="submit" busy={busy} className="w-full">
        Sign in
      </Button>
      <p className="text-center text-sm text-slate-600">
        New to LeadRescue?{" "}
        <Link
          href="/sign-up"
          className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
        >
          Create an account
        </Link>
      </p>
    </form>
  );
}

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const [signInError, setSignInError] = useState<string | null>(null);
  const errs = fieldErrorsFrom(signUp.error);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const input = {
      name: String(f.get("name") ?? ""),
      email: String(f.get("email") ?? ""),
      password: String(f.get("password") ?? ""),
      businessName: String(f.get("businessName") ?? ""),
      timeZone: String(f.get("timeZone") ?? ""),
    };
    const { tenantSlug } = await signUp.mutateAsync(input).catch(() => ({ tenantSlug: null }));
    if (!tenantSlug) return;
    const res = await signIn("credentials", {
      email: input.email,
      password: input.password,
      redirect: false,
    });
    if (res?.error) {
      setSignInError("Your account was created, but signing in failed. Sign in with your new password.");
      return;
    }
    router.replace(`/t/${tenantSlug}`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <ErrorBanner
        message={signInError ?? (signUp.error && !Object.keys(errs.fields).length ? errs.message : null)}
      />
      <Field label="Your name" name="name" autoComplete="name" required autoFocus error={errs.fields.name} />
      <Field
        label="Work email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={errs.fields.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
        error={errs.fields.password}
      />
      <Field
        label="Business name"
        name="businessName"
        autoComplete="organization"
        required
        hint="Up to 100 characters."
        error={errs.fields.businessName}
      />
      <TimeZoneSelect fromBrowser error={errs.fields.timeZone} />
      <Button type="submit" busy={signUp.isPending} className="w-full">
        Create account
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link
          href="/sign-in"
          className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}
