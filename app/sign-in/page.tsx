import { Suspense } from "react";
import { AuthShell } from "@/components/auth-shell";
import { SignInForm } from "@/components/auth-forms";

export const metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <AuthShell title="Sign in" subtitle="Your missed calls, rescued.">
      <Suspense>
        <SignInForm />
      </Suspense>
    </AuthShell>
  );
}
