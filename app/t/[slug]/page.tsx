import { SetupChecklist } from "@/components/setup/setup-checklist";

export const metadata = { title: "Overview" };

export default function Overview() {
  return <SetupChecklist />;
}
