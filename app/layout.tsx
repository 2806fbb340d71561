import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppProviders } from "@/components/trpc-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "LeadRescue", template: "%s · LeadRescue" },
  description: "Missed-call rescue for plumbing businesses.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry that response's CSP nonce (proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <AppProviders>{children}</AppProviders>
      </body>
    </html>
  );
}
