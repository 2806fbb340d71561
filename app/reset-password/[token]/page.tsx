import { AuthShell } from "@/components/auth-shell";
import { ResetPasswordForm } from "@/components/password-reset-forms";

export const metadata = { title: "Set a new password" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <AuthShell title="Set a new password" subtitle="Choose a new password for your LeadRescue account.">
      <ResetPasswordForm token={decodeURIComponent(token)} />
    </AuthShell>
  );
}
