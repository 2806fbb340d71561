import { StaleLeads } from "@/components/leads/stale-leads";

export const metadata = { title: "Close stale leads" };

export default function StaleLeadsPage() {
  return <StaleLeads />;
}
