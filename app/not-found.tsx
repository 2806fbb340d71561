import Link from "next/link";
import { AuthShell } from "@/components/auth-shell";

export default function NotFound() {
  return (
    <AuthShell title="Page not found" subtitle="This page does not exist, or you do not have access to it.">
      <Link href="/" className="text-sm font-medium text-brand-600 hover:underline">
        Go to your dashboard
      </Link>
    </AuthShell>
  );
}
