import { AddLeadForm } from "@/components/leads/add-lead-form";

export const metadata = { title: "Add lead" };

export default function AddLeadPage() {
  return <AddLeadForm />;
}
