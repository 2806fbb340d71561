import { PhoneSettings } from "@/components/setup/phone-settings";
import { pageAccess } from "@/server/auth/page-access";
import { publicUrl } from "@/server/integrations/twilio-webhook";

export const metadata = { title: "Phone numbers" };

export default async function PhonePage({ params }: { params: Promise<{ slug: string }> }) {
  const { role } = await pageAccess(params);
  return (
    <PhoneSettings
      role={role}
      webhooks={{ voiceUrl: publicUrl("/api/twilio/voice"), smsUrl: publicUrl("/api/twilio/sms") }}
    />
  );
}
