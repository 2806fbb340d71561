import { RoutingSettings } from "@/components/leads/routing-settings";

export const metadata = { title: "Routing" };

export default function RoutingPage() {
  return <RoutingSettings />;
}
