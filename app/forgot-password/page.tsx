import { AuthShell } from "@/components/auth-shell";
import { ForgotPasswordForm } from "@/components/password-reset-forms";

export const metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <AuthShell
      title="Forgot your password?"
      subtitle="Enter your email and we'll send you a link to set a new one."
    >
      <ForgotPasswordForm />
    </AuthShell>
  );
}
