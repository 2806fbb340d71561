// On phones, the lead's actions stay at the bottom of the screen: call the customer, log what
// happened, book, close. Each jumps to its card; "Call" dials.
import { phoneLabel } from "@/server/leads/labels";

export function LeadActionBar({ phone, open }: { phone: string | null; open: boolean }) {
  const link = "flex min-h-11 flex-1 items-center justify-center rounded-md px-2 text-sm font-medium";
  return (
    <nav
      aria-label="Lead actions"
      className="fixed inset-x-0 bottom-0 z-20 flex gap-2 border-t border-slate-200 bg-white p-2 shadow-[0_-2px_6px_rgba(0,0,0,0.06)] lg:hidden"
    >
      {phone ? (
        <a href={`tel:${phone}`} className={`${link} bg-brand-600 text-white`}>
          Call<span className="sr-only"> {phoneLabel(phone)}</span>
        </a>
      ) : null}
      <a href="#log-touchpoint" className={`${link} border border-slate-300 text-slate-800`}>
        Log
      </a>
      {open ? (
        <>
          <a href="#book" className={`${link} border border-slate-300 text-slate-800`}>
            Book
          </a>
          <a href="#close" className={`${link} border border-slate-300 text-slate-800`}>
            Close
          </a>
        </>
      ) : null}
    </nav>
  );
}
