// "Connect your phone number": how a plumbing business gets calls into LeadRescue — buy or port
// a Twilio number, point its voice and messaging webhooks here (URLs with Copy buttons), and
// forward the existing business line to that tracking number.
import { CopyableValue } from "@/components/ui/copyable-value";

function UrlRow({ id, label, url }: { id: string; label: string; url: string }) {
  return (
    <div className="mt-2">
      <CopyableValue id={id} label={label} value={url} copyLabel={`Copy ${label.toLowerCase()}`} />
    </div>
  );
}

export function ConnectNumberGuide({ voiceUrl, smsUrl }: { voiceUrl: string; smsUrl: string }) {
  return (
    <section
      aria-labelledby="connect-guide-title"
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="connect-guide-title" className="text-base font-semibold">
        Connect your phone number
      </h2>
      <ol className="mt-3 list-decimal space-y-3 pl-5 text-sm text-slate-800">
        <li>
          <strong>Get a number in Twilio.</strong> Buy a local number in your area code (Twilio Console →
          Phone Numbers → Buy a number), or port your existing business number to Twilio.
        </li>
        <li>
          <strong>Point it at LeadRescue.</strong> In the number&apos;s settings, set “A call comes in” and “A
          message comes in” to <em>Webhook</em>, method <em>HTTP POST</em>, with these URLs:
          <UrlRow id="voice-webhook-url" label="Voice webhook URL" url={voiceUrl} />
          <UrlRow id="sms-webhook-url" label="Messaging webhook URL" url={smsUrl} />
        </li>
        <li>
          <strong>Add it above as a tracking number</strong>, so calls to it find your business.
        </li>
        <li>
          <strong>Keeping your old number?</strong> Ask your phone company to forward it to the tracking
          number (often “call forwarding” or “forward when busy / no answer”). Your plumber&apos;s phone still
          rings first on every call.
        </li>
      </ol>
    </section>
  );
}
