// Every background job the worker runs. Add a domain's jobs here (one line per domain).
import type { JobDefinition } from "./define-job";
import { BILLING_JOBS } from "@/server/billing/jobs";
import { CALL_JOBS } from "@/server/calls/jobs";
import { ESCALATION_JOBS } from "@/server/leads/escalation-jobs";
import { MESSAGING_JOBS } from "@/server/messaging/jobs";
import { QA_JOBS } from "@/server/qa/jobs";
import { REPORT_JOBS } from "@/server/reports/jobs";
import { WEBHOOK_JOBS } from "@/server/webhooks/jobs";
import { FOLLOWUP_JOBS } from "@/server/followups/jobs";

export const ALL_JOBS: JobDefinition<never>[] = [
  // ── calls ──
  ...(CALL_JOBS as JobDefinition<never>[]),
  // ── leads ──
  ...(ESCALATION_JOBS as JobDefinition<never>[]),
  // ── billing ──
  ...(BILLING_JOBS as JobDefinition<never>[]),
  // ── messaging ──
  ...(MESSAGING_JOBS as JobDefinition<never>[]),
  // ── qa ──
  ...(QA_JOBS as JobDefinition<never>[]),
  // ── reports ──
  ...(REPORT_JOBS as JobDefinition<never>[]),
  // ── webhooks ──
  ...WEBHOOK_JOBS,
  // ── follow-ups ──
  ...(FOLLOWUP_JOBS as JobDefinition<never>[]),
];
