import { CallAnswersSettings } from "@/components/setup/call-answers-settings";
import { pageAccess } from "@/server/auth/page-access";

export const metadata = { title: "Answers for callers" };

export default async function CallAnswersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { role } = await pageAccess(params);
  return <CallAnswersSettings role={role} />;
}
