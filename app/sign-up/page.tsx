import { AuthShell } from "@/components/auth-shell";
import { SignUpForm } from "@/components/auth-forms";

export const metadata = { title: "Create your account" };

export default function SignUpPage() {
  return (
    <AuthShell
      title="Create your account"
      subtitle="Set up your plumbing business in a few minutes. The AI answers only after setup is complete."
    >
      <SignUpForm />
    </AuthShell>
  );
}
