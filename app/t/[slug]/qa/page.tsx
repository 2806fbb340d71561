import { connection } from "next/server";
import { can } from "@/server/auth/permissions";
import { pageAccess } from "@/server/auth/page-access";
import { QaDashboard } from "@/components/qa/qa-dashboard";
import { PageHeader } from "@/components/ui/layout";

export const metadata = { title: "Call QA" };

// Daily QA of AI-handled calls. The tenant layout has refused outsiders; the role
// map decides who reviews (owner, manager, operator) and who switches the prompt profile.
export default async function QaPage({ params }: { params: Promise<{ slug: string }> }) {
  await connection();
  const { slug, role } = await pageAccess(params);
  if (!can(role, "qa.review")) {
    return (
      <div className="max-w-3xl">
        <PageHeader title="Call QA" />
        <div
          role="status"
          className="rounded-lg border border-amber-200 bg-amber-50 p-5 text-sm text-amber-900"
        >
          <p className="font-medium">You don&apos;t have permission to review AI calls.</p>
          <p className="mt-1">
            Owners, managers and agency operators run the daily call QA. Ask one of them if something looks
            wrong.
          </p>
        </div>
      </div>
    );
  }
  return <QaDashboard slug={slug} canChangeProfile={can(role, "qa.profile")} />;
}
