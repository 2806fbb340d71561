// A phone number you can tap to call and an address you can open in a map search — on the lead
// page, the inbox and anywhere else a customer's contact shows.
import { phoneLabel } from "@/server/leads/labels";

export function PhoneLink({ phone, className }: { phone: string | null | undefined; className?: string }) {
  if (!phone) return <span className="text-slate-500">—</span>;
  return (
    <a
      href={`tel:${phone}`}
      className={`tap ${className ?? "font-medium text-brand-700 underline underline-offset-2"}`}
    >
      {phoneLabel(phone)}
    </a>
  );
}

export const mapSearchUrl = (address: string) =>
  `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;

export function AddressLink({ address, zip }: { address: string | null | undefined; zip?: string | null }) {
  if (!address) return <span className="text-slate-500">—</span>;
  const full = zip && !address.includes(zip) ? `${address} ${zip}` : address;
  return (
    <a
      href={mapSearchUrl(full)}
      target="_blank"
      rel="noreferrer"
      className="tap font-medium text-brand-700 underline underline-offset-2"
    >
      {address}
      <span className="sr-only"> (open in a map, new tab)</span>
    </a>
  );
}
