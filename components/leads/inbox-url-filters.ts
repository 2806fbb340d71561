// Inbox filters given in the URL (a report figure links to the leads behind it):
// ?status=booked&source=phone&unowned=1&overdue=1&notACustomer=1&createdFrom=…&createdTo=…
// &figure=aiRescuedCalls (the leads behind a report figure, server/reports/definitions.ts)
// Unknown values are dropped; the server validates what is left.
import { LeadSource, LeadStatus } from "@/server/db/generated/enums";
import { LEAD_SET_KEYS, type LeadSetKey } from "@/server/reports/definitions";

export type UrlFilters = {
  status?: LeadStatus;
  source?: LeadSource;
  unowned?: boolean;
  overdue?: boolean;
  notACustomer?: boolean;
  testCalls?: boolean;
  createdFrom?: string;
  createdTo?: string;
  figure?: LeadSetKey;
};

const isIso = (s: string | null): s is string =>
  !!s && !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s);

export function inboxFiltersFromUrl(params: Pick<URLSearchParams, "get">): UrlFilters {
  const out: UrlFilters = {};
  const status = params.get("status");
  if (status && (Object.values(LeadStatus) as string[]).includes(status)) out.status = status as LeadStatus;
  const source = params.get("source");
  if (source && (Object.values(LeadSource) as string[]).includes(source)) out.source = source as LeadSource;
  if (params.get("unowned") === "1") out.unowned = true;
  if (params.get("overdue") === "1") out.overdue = true;
  if (params.get("notACustomer") === "1") out.notACustomer = true;
  if (params.get("testCalls") === "1") out.testCalls = true;
  const figure = params.get("figure");
  if (figure && (LEAD_SET_KEYS as string[]).includes(figure)) out.figure = figure as LeadSetKey;
  const from = params.get("createdFrom");
  const to = params.get("createdTo");
  if (isIso(from)) out.createdFrom = new Date(from).toISOString();
  if (isIso(to)) out.createdTo = new Date(to).toISOString();
  return out;
}

/** The inbox URL for a set of filters. */
export function inboxHref(slug: string, f: UrlFilters): string {
  const q = new URLSearchParams();
  if (f.status) q.set("status", f.status);
  if (f.source) q.set("source", f.source);
  if (f.unowned) q.set("unowned", "1");
  if (f.overdue) q.set("overdue", "1");
  if (f.notACustomer) q.set("notACustomer", "1");
  if (f.testCalls) q.set("testCalls", "1");
  if (f.createdFrom) q.set("createdFrom", f.createdFrom);
  if (f.createdTo) q.set("createdTo", f.createdTo);
  if (f.figure) q.set("figure", f.figure);
  const qs = q.toString();
  return `/t/${slug}/leads${qs ? `?${qs}` : ""}`;
}
