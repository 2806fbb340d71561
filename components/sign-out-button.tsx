"use client";
import { signOut } from "next-auth/react";

export function SignOutButton({ className }: { className?: string }) {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/sign-in" })}
      className={className ?? "text-sm font-medium text-slate-600 hover:text-slate-900"}
    >
      Sign out
    </button>
  );
}
