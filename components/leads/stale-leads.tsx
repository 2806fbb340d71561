"use client";
// Stale leads are closed with a reason code: open leads idle past a threshold, picked
// in bulk and closed with one reason.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, fieldErrorsFrom, Select, SuccessNote } from "@/components/ui/form";
import { Card, EmptyState, LoadError, Loading, PageHeader } from "@/components/ui/layout";
import { isForbidden, NoPermission } from "@/components/settings/access-states";
import { CLOSE_REASONS, type CloseReasonCode } from "@/server/leads/close-reasons";
import { StatusBadge, TestBadge, UrgencyBadge } from "./badges";
import { relativeTime } from "./format";
import { callerLabel } from "@/server/leads/labels";

export function StaleLeads() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useParams<{ slug: string }>();
  const [idleDays, setIdleDays] = useState(14);
  const [cursor, setCursor] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState("");
  const [attempts, setAttempts] = useState("");
  const [note, setNote] = useState("");
  const [result, setResult] = useState<string | null>(null);
  const q = useQuery(trpc.leads.stale.queryOptions({ idleDays, cursor, limit: 50 }));
  const close = useMutation(
    trpc.leads.closeStale.mutationOptions({
      onSuccess: async (r) => {
        setResult(
          `${r.closed} lead${r.closed === 1 ? "" : "s"} closed.${r.failed.length ? ` ${r.failed.length} could not be closed: ${r.failed.map((f) => f.message).join(" ")}` : ""}`,
        );
        setSelected(new Set());
        await queryClient.invalidateQueries({ queryKey: trpc.leads.pathKey() });
      },
    }),
  );
  const errors = fieldErrorsFrom(close.error);
  const items = q.data?.items ?? [];
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });

  if (q.error && isForbidden(q.error)) {
    return (
      <div className="max-w-5xl">
        <PageHeader
          title="Close stale leads"
          description="Open leads with no movement for a while, closed in bulk with one reason code."
        />
        <NoPermission what="close stale leads" who="an owner or manager" />
      </div>
    );
  }

  return (
    <div className="max-w-5xl">
      <p className="mb-2 text-sm">
        <Link
          href={`/t/${slug}/leads`}
          className="tap text-brand-700 underline underline-offset-2 hover:text-brand-600"
        >
          ← Inbox
        </Link>
      </p>
      <PageHeader
        title="Close stale leads"
        description="Open leads with no movement for a while. Pick the ones that are done and close them with one reason code."
      />
      <Card className="mb-4">
        <label className="flex items-center gap-2 text-sm">
          Idle for more than
          <input
            type="number"
            min={1}
            max={365}
            value={idleDays}
            onChange={(e) => {
              setIdleDays(Math.max(1, Number(e.target.value) || 1));
              setCursor(null);
            }}
            className="w-20 rounded-md border border-slate-300 px-2 py-1"
          />
          days
        </label>
      </Card>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <LoadError error={q.error} retry={() => q.refetch()} />
      ) : !items.length ? (
        <EmptyState title="No stale leads.">Every open lead moved within {idleDays} days.</EmptyState>
      ) : (
        <Card title={`${q.data!.total} stale lead${q.data!.total === 1 ? "" : "s"}`}>
          <label className="mb-2 flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={items.every((i) => selected.has(i.id))}
              onChange={(e) => items.forEach((i) => toggle(i.id, e.target.checked))}
            />{" "}
            Select all on this page
          </label>
          <ul className="divide-y divide-slate-100" aria-label="Stale leads">
            {items.map((l) => (
              <li key={l.id} className="flex items-center gap-3 py-2 text-sm">
                <input
                  type="checkbox"
                  aria-label={`Select ${callerLabel(l)}`}
                  checked={selected.has(l.id)}
                  onChange={(e) => toggle(l.id, e.target.checked)}
                />
                <Link href={`/t/${slug}/leads/${l.id}`} className="font-medium hover:underline">
                  {callerLabel(l)}
                </Link>
                <UrgencyBadge urgency={l.urgency} />
                <StatusBadge status={l.status} />
                {l.isTest ? <TestBadge /> : null}
                <span className="ml-auto text-slate-500">
                  {l.ownerName ?? "Unowned"} · last activity {relativeTime(l.lastActivityAt)}
                </span>
              </li>
            ))}
          </ul>
          <div className="mt-3 flex gap-2">
            {cursor ? (
              <Button variant="secondary" onClick={() => setCursor(null)}>
                First page
              </Button>
            ) : null}
            {q.data?.nextCursor ? (
              <Button variant="secondary" onClick={() => setCursor(q.data!.nextCursor)}>
                Next page
              </Button>
            ) : null}
          </div>
          <form
            className="mt-4 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-3"
            onSubmit={(e) => {
              e.preventDefault();
              setResult(null);
              close.mutate({
                leadIds: [...selected],
                reason: reason as CloseReasonCode,
                attempts: attempts ? Number(attempts) : null,
                note: note || null,
              });
            }}
          >
            <Select
              label="Close reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={errors.fields.reason}
            >
              <option value="">Choose…</option>
              {CLOSE_REASONS.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.label}
                </option>
              ))}
            </Select>
            {reason === "no_answer_after_attempts" ? (
              <Field
                label="Attempts made"
                type="number"
                min={1}
                value={attempts}
                onChange={(e) => setAttempts(e.target.value)}
                error={errors.fields.attempts}
              />
            ) : null}
            <Field
              label="Note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              error={errors.fields.note}
            />
            <div className="sm:col-span-3">
              <Button
                type="submit"
                variant="danger"
                busy={close.isPending}
                disabled={!selected.size || !reason}
              >
                Close {selected.size} selected
              </Button>
              <div aria-live="polite" className="mt-2">
                {close.error ? <ErrorBanner message={errors.message} /> : <SuccessNote message={result} />}
              </div>
            </div>
          </form>
        </Card>
      )}
    </div>
  );
}
