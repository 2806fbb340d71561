import { SequenceSettings } from "@/components/followups/sequence-settings";

export const metadata = { title: "Follow-up sequences" };

export default function FollowUpSequencesPage() {
  return <SequenceSettings />;
}
