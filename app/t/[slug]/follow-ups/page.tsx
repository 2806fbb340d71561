import { ApprovalQueue } from "@/components/followups/approval-queue";

export const metadata = { title: "Follow-ups" };

export default function FollowUpsPage() {
  return <ApprovalQueue />;
}
