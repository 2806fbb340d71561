import { AuthShell } from "@/components/auth-shell";
import { SignOutButton } from "@/components/sign-out-button";

export default function NoBusiness() {
  return (
    <AuthShell
      title="No business yet"
      subtitle="Your account is not a member of any business. Ask an owner to invite you, or sign out and create a new account."
    >
      <SignOutButton />
    </AuthShell>
  );
}
