"use client";
// The business's time zone for everything below a page (lead page, inbox, notifications, Today):
// components read times through useBusinessTime() and the page names the zone once.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { businessTime, type BusinessTime } from "./format";

const Ctx = createContext<BusinessTime | null>(null);

export function BusinessTimeProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  const value = useMemo(() => businessTime(timeZone), [timeZone]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useBusinessTime(): BusinessTime {
  const v = useContext(Ctx);
  if (!v) throw new Error("useBusinessTime needs a BusinessTimeProvider with the business's time zone");
  return v;
}

/** "Times in America/Chicago (CST)" — once per page. */
export function TimeZoneNote({ className }: { className?: string }) {
  const t = useBusinessTime();
  return (
    <p className={`text-xs text-slate-500 ${className ?? ""}`} data-testid="time-zone-note">
      {t.note()}
    </p>
  );
}
