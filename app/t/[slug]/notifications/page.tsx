import { NotificationList } from "@/components/notifications/notification-list";

export const metadata = { title: "Notifications" };

export default function NotificationsPage() {
  return <NotificationList />;
}
