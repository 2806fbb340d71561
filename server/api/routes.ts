// Every REST API v1 route: one entry each. A new route = an `apiRoute({...})` here (or in its
// domain) + one line in API_ROUTES + `export const GET = serveApi(route)` in its app/api/v1 file.
import { z } from "zod";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  ZCreateWebhookInput,
  ZWebhookEvent,
} from "@/server/webhooks/endpoints";
import { apiRoute, type ApiRoute } from "./registry";
import { getLead, listLeads, ZListLeadsQuery } from "./list-leads";
import { ZLeadJson } from "./lead-json";
import { patchLead, ZPatchLeadInput } from "./patch-lead";
import { postLead, ZIdempotencyHeaders, ZPostLeadInput } from "./post-lead";
import { monthlyReportResponse } from "@/server/reports/monthly-report-api";
import { ZMonthlyReportQuery, ZMonthlyReportResponse } from "@/server/reports/report-schema";
import { agencyMargin, agencyMarginCsv, ZAgencyBilling, ZMonth } from "@/server/saas/margin"; // ── saas ──

const ZIdParams = z.object({ id: z.string().min(1).max(100) });

export const listLeadsRoute = apiRoute({
  method: "get",
  path: "/api/v1/leads",
  tag: "Leads",
  summary: "List leads, newest first",
  description: "Cursor pagination: pass the previous page's nextCursor as cursor.",
  scope: "leads:read",
  query: ZListLeadsQuery,
  response: {
    status: 200,
    description: "A page of leads",
    schema: z
      .object({ data: z.array(ZLeadJson), nextCursor: z.string().nullable() })
      .meta({ id: "LeadPage" }),
  },
  handle: ({ db, query }) => listLeads(db, query),
});

export const getLeadRoute = apiRoute({
  method: "get",
  path: "/api/v1/leads/{id}",
  tag: "Leads",
  summary: "Get one lead",
  scope: "leads:read",
  params: ZIdParams,
  response: { status: 200, description: "The lead", schema: z.object({ data: ZLeadJson }) },
  handle: async ({ db, params }) => ({ data: await getLead(db, params.id) }),
});

export const createLeadRoute = apiRoute({
  method: "post",
  path: "/api/v1/leads",
  tag: "Leads",
  summary: "Add a lead (marketplace, website form, referral)",
  description:
    "Send a unique Idempotency-Key per lead: a retry with the same key answers the same lead with 200; the same key with a different body answers 409. " +
    "Marketplace names (angi, thumbtack, google_lsa, homeadvisor, yelp, nextdoor) become the marketplace source, due within 5 minutes; web_form within 15 minutes; referral (with referredBy) within a day. " +
    "The lead is routed and owned like a call, and lead.created goes to the webhooks.",
  scope: "leads:write",
  headers: ZIdempotencyHeaders,
  body: ZPostLeadInput,
  response: { status: 201, description: "The new lead", schema: z.object({ data: ZLeadJson }) },
  otherResponses: {
    200: {
      description: "A retry with the same Idempotency-Key and body: the lead it created",
      schema: z.object({ data: ZLeadJson }),
    },
    409: { description: "This Idempotency-Key was already used with a different body" },
  },
  handle: ({ db, tenantId, caller, headers, body, now }) =>
    postLead({ db, tenantId, keyId: caller.keyId, now }, headers["Idempotency-Key"], body),
});

export const patchLeadRoute = apiRoute({
  method: "patch",
  path: "/api/v1/leads/{id}",
  tag: "Leads",
  summary: "Attach the external job, set the customer's email, book the visit, record its outcome",
  description:
    "callerEmail: the customer's email address for follow-up emails (null removes it). outcome: booked (with appointmentAt), showed, no_show, won (with jobValueCents), lost. Same rules as the office; recorded as this API key. The whole patch is checked before anything is written: a 400 changes nothing, and a 200 wrote every field in one transaction.",
  conflict:
    "The lead changed while this patch was being applied (someone in the office, or another request); nothing was written. Read the lead again and resend.",
  scope: "leads:write",
  params: ZIdParams,
  body: ZPatchLeadInput,
  response: { status: 200, description: "The lead after the change", schema: z.object({ data: ZLeadJson }) },
  handle: async ({ db, tenantId, caller, params, body, now }) => ({
    data: await patchLead({ db, tenantId, keyId: caller.keyId, now }, params.id, body),
  }),
});

const ZWebhookEndpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(ZWebhookEvent),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    failingSince: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "WebhookEndpoint" });

export const listWebhooksRoute = apiRoute({
  method: "get",
  path: "/api/v1/webhooks",
  tag: "Webhooks",
  summary: "List webhook endpoints",
  scope: "webhooks:manage",
  response: {
    status: 200,
    description: "The endpoints (secrets are never shown again)",
    schema: z.object({ data: z.array(ZWebhookEndpoint) }),
  },
  handle: async ({ db }) => ({ data: await listWebhookEndpoints({ db }) }),
});

export const createWebhookRoute = apiRoute({
  method: "post",
  path: "/api/v1/webhooks",
  tag: "Webhooks",
  summary: "Add a webhook endpoint",
  description: "The answer holds the signing secret (whsec_…) once: store it to verify signatures.",
  scope: "webhooks:manage",
  body: ZCreateWebhookInput.meta({ id: "WebhookCreate" }),
  response: {
    status: 201,
    description: "The endpoint and its secret",
    schema: z
      .object({
        id: z.string(),
        url: z.string(),
        events: z.array(ZWebhookEvent),
        secret: z.string().startsWith("whsec_"),
      })
      .meta({ id: "WebhookCreated" }),
  },
  handle: ({ db, tenantId, caller, body }) =>
    createWebhookEndpoint({ db, tenantId, actorId: null, via: "api", apiKeyId: caller.keyId }, body),
});

export const deleteWebhookRoute = apiRoute({
  method: "delete",
  path: "/api/v1/webhooks/{id}",
  tag: "Webhooks",
  summary: "Remove a webhook endpoint",
  scope: "webhooks:manage",
  params: ZIdParams,
  response: { status: 204, description: "Removed", schema: null },
  handle: ({ db, tenantId, params }) =>
    deleteWebhookEndpoint({ db, tenantId, actorId: null, via: "api" }, params.id),
});

export const monthlyReportRoute = apiRoute({
  method: "get",
  path: "/api/v1/reports/monthly",
  tag: "Reports",
  summary: "The month's missed-lead report and KPIs",
  description:
    "month=YYYY-MM in the business's time zone; format=csv answers text/csv with one row per figure.",
  scope: "leads:read",
  query: ZMonthlyReportQuery,
  response: {
    status: 200,
    description: "Every figure of the month, with the month before",
    schema: ZMonthlyReportResponse.meta({ id: "MonthlyReport" }),
  },
  handle: ({ db, tenantId, query, now }) => monthlyReportResponse(db, { tenantId }, query, now),
});

// ── saas ── the agency's margin table, with an agency key
export const agencyBillingRoute = apiRoute({
  method: "get",
  path: "/api/v1/agency/billing",
  tag: "Agency",
  summary: "The agency's margin table for a month (SaaS mode)",
  description:
    "Takes an agency API key (lr_agency_…, Agency console → SaaS mode → API keys); a business's key gets 403. month=YYYY-MM. Per business: revenue at the agency's price, LeadRescue's wholesale price (the application fee), margin, usage and overage, in cents. Invoiced months are Stripe's own figures; the current month is an estimate. format=csv answers text/csv.",
  scope: null,
  auth: "agency",
  query: z.object({
    month: ZMonth.meta({ description: "YYYY-MM", example: "2026-03" }),
    format: z.enum(["json", "csv"]).default("json"),
  }),
  response: {
    status: 200,
    description: "The month's margin per business, with totals",
    schema: ZAgencyBilling,
  },
  handle: async ({ sys, agencyId, query, now }) => {
    const billing = await agencyMargin(sys, agencyId!, query.month, now);
    if (query.format === "csv")
      return new Response(agencyMarginCsv(billing), {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="agency-billing-${query.month}.csv"`,
        },
      });
    return billing;
  },
});

export const API_ROUTES: ApiRoute[] = [
  listLeadsRoute,
  createLeadRoute,
  getLeadRoute,
  patchLeadRoute,
  listWebhooksRoute,
  createWebhookRoute,
  deleteWebhookRoute,
  monthlyReportRoute,
  agencyBillingRoute,
] as unknown as ApiRoute[];
