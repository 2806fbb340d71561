import { PhoneSettings } from "@/components/setup/phone-settings";
import { pageAccess } from "@/components/settings/page-access";

export const metadata = { title: "Phone numbers" };

export default async function PhonePage({ params }: { params: Promise<{ slug: string }> }) {
  const { role } = await pageAccess(params);
  return <PhoneSettings role={role} />;
}
