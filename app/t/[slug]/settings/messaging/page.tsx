import { MessagingSettings } from "@/components/messaging/messaging-settings";

export const metadata = { title: "Messaging" };

export default function MessagingSettingsPage() {
  return <MessagingSettings />;
}
