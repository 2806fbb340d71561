// Dates on the billing pages, in the business's time zone ("Mar 3, 2026", or with the time).
export function dateFormatter(timeZone: string) {
  return (d: Date | string | null | undefined, withTime = false) =>
    d
      ? new Intl.DateTimeFormat("en-US", {
          timeZone,
          year: "numeric",
          month: "short",
          day: "numeric",
          ...(withTime ? { hour: "numeric", minute: "2-digit", timeZoneName: "short" } : {}),
        }).format(new Date(d))
      : "—";
}

export type Fmt = ReturnType<typeof dateFormatter>;
