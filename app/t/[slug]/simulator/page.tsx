import { connection } from "next/server";
import { notFound } from "next/navigation";
import { currentUser } from "@/server/auth/session";
import { can } from "@/server/auth/permissions";
import { CallSimulator } from "@/components/simulator/call-simulator";
import { PageHeader } from "@/components/ui/layout";

export const metadata = { title: "Test your flow" };

// "Test your flow": a tested sample call. The tenant layout has already refused
// outsiders; here the role map decides whether this person may place test calls.
export default async function SimulatorPage({ params }: { params: Promise<{ slug: string }> }) {
  await connection();
  const { slug } = await params;
  const user = await currentUser();
  const access = user?.tenants.find((t) => t.slug === slug);
  if (!access) notFound();
  if (!can(access.role, "simulator.run")) {
    return (
      <div className="max-w-3xl">
        <PageHeader title="Test your flow" />
        <div
          role="status"
          className="rounded-lg border border-amber-200 bg-amber-50 p-5 text-sm text-amber-900"
        >
          <p className="font-medium">You don&apos;t have permission to place test calls.</p>
          <p className="mt-1">
            Owners, managers and agency operators can test the call flow. Ask one of them if you need a test
            call.
          </p>
        </div>
      </div>
    );
  }
  return <CallSimulator slug={slug} />;
}
