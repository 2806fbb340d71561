import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppProviders } from "@/components/trpc-provider";
import { env } from "@/server/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "LeadRescue", template: "%s · LeadRescue" },
  description: "Missed-call rescue for plumbing businesses.",
  // Static assets in public/: the favicon and the social image.
  metadataBase: new URL(env.PUBLIC_BASE_URL),
  icons: { icon: "/favicon.svg" },
  openGraph: {
    title: "LeadRescue",
    description: "Every missed call becomes a booked job.",
    images: [{ url: "/og-image.png", width: 1200, height: 630, alt: "LeadRescue" }],
  },
  twitter: { card: "summary_large_image", images: ["/og-image.png"] },
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
