"use client";
// Messaging settings: text-back on/off, booking or quote link, one-text window, quiet hours,
// reminders, test calls, and the templates per purpose with a live preview (STOP wording added).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, fieldErrorsFrom, SuccessNote } from "@/components/ui/form";
import { Card, PageHeader } from "@/components/ui/layout";
import { QueryState } from "@/components/settings/access-states";
import { clockToMinute, minuteToClock } from "@/server/messaging/quiet-hours";
import {
  MESSAGE_PURPOSES,
  PURPOSE_LABELS,
  TEMPLATE_VARIABLES,
  type TemplatePurpose,
} from "@/server/messaging/render-template";
import { Toggle } from "./settings-toggle";
import { Preview } from "./template-preview";

type Form = {
  textBackEnabled: boolean;
  textTestCalls: boolean;
  remindersEnabled: boolean;
  bookingUrl: string;
  windowHours: string;
  quietStart: string;
  quietEnd: string;
  contactPhone: string;
  templates: Record<TemplatePurpose, string>;
};

type Loaded = inferRouterOutputs<AppRouter>["messaging"]["settings"];

const formFrom = (d: Loaded): Form => ({
  textBackEnabled: d.textBackEnabled,
  textTestCalls: d.textTestCalls,
  remindersEnabled: d.remindersEnabled,
  bookingUrl: d.bookingUrl ?? "",
  windowHours: String(d.windowHours),
  quietStart: minuteToClock(d.quietStartMinute),
  quietEnd: minuteToClock(d.quietEndMinute),
  contactPhone: d.contactPhone ?? "",
  templates: d.templates,
});

export function MessagingSettings() {
  const trpc = useTRPC();
  const q = useQuery(trpc.messaging.settings.queryOptions());
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Messaging"
        description="The missed-call text-back, appointment texts and the rules they follow. Callers who reply STOP are never texted again."
      />
      <QueryState query={q} what="see the messaging settings">
        {() => (q.data ? <SettingsForm loaded={q.data} /> : null)}
      </QueryState>
    </div>
  );
}

function SettingsForm({ loaded }: { loaded: Loaded }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => formFrom(loaded));
  const save = useMutation(
    trpc.messaging.updateSettings.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.messaging.settings.queryKey() }),
    }),
  );
  // Every field's error at once (the browser's checks first, then the server's list).
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const errors = fieldErrorsFrom(save.error);
  const err = (field: string) => localErrors[field] ?? errors.fields[field];

  function submit() {
    const quietStartMinute = clockToMinute(form.quietStart);
    const quietEndMinute = clockToMinute(form.quietEnd);
    const windowHours = Number(form.windowHours);
    const local: Record<string, string> = {};
    if (quietStartMinute === null) local.quietStartMinute = `"${form.quietStart}" is not a time like 21:00.`;
    if (quietEndMinute === null) local.quietEndMinute = `"${form.quietEnd}" is not a time like 08:00.`;
    if (!Number.isInteger(windowHours)) local.windowHours = "Write a whole number of hours, like 24.";
    setLocalErrors(local);
    if (quietStartMinute === null || quietEndMinute === null || Object.keys(local).length) return;
    save.mutate({
      textBackEnabled: form.textBackEnabled,
      textTestCalls: form.textTestCalls,
      remindersEnabled: form.remindersEnabled,
      bookingUrl: form.bookingUrl.trim() || null,
      windowHours,
      quietStartMinute,
      quietEndMinute,
      contactPhone: form.contactPhone.trim() || null,
      templates: form.templates,
    });
  }

  const readOnly = !loaded.canEdit;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {readOnly ? (
        <p role="status" className="text-sm text-amber-800">
          Read-only: only an owner or manager can change messaging.
        </p>
      ) : null}
      <Card title="Text-back">
        <Toggle
          label="Text back missed calls"
          hint="One text from the tracking number within seconds of a missed call."
          checked={form.textBackEnabled}
          disabled={readOnly}
          onChange={(v) => set({ textBackEnabled: v })}
        />
        <Toggle
          label="Text back test calls"
          hint="Also text simulated calls from Test your flow, so you can see the text-back there."
          checked={form.textTestCalls}
          disabled={readOnly}
          onChange={(v) => set({ textTestCalls: v })}
        />
        <div className="mt-2 grid gap-4 sm:grid-cols-2">
          <Field
            label="Booking or quote link"
            placeholder="https://example.com/book"
            value={form.bookingUrl}
            disabled={readOnly}
            onChange={(e) => set({ bookingUrl: e.target.value })}
            error={err("bookingUrl")}
            hint="Sent as a short link through LeadRescue, so each click shows on the lead."
          />
          <Field
            label="One text per caller every (hours)"
            inputMode="numeric"
            value={form.windowHours}
            disabled={readOnly}
            onChange={(e) => set({ windowHours: e.target.value })}
            error={err("windowHours")}
            hint="Three rings never mean three texts."
          />
          <Field
            label="Quiet hours start"
            placeholder="21:00"
            value={form.quietStart}
            disabled={readOnly}
            onChange={(e) => set({ quietStart: e.target.value })}
            error={err("quietStartMinute")}
            hint="Texts due at night wait until quiet hours end, in the business's time zone."
          />
          <Field
            label="Quiet hours end"
            placeholder="08:00"
            value={form.quietEnd}
            disabled={readOnly}
            onChange={(e) => set({ quietEnd: e.target.value })}
            error={err("quietEndMinute")}
            hint="Same start and end = no quiet hours."
          />
          <Field
            label="Contact number for HELP replies"
            placeholder="+15125550100"
            value={form.contactPhone}
            disabled={readOnly}
            onChange={(e) => set({ contactPhone: e.target.value })}
            error={err("contactPhone")}
            hint="Empty = the tracking number."
          />
        </div>
      </Card>
      <Card title="Appointments">
        <Toggle
          label="Confirm bookings and send reminders"
          hint="A confirmation when a lead is booked, reminders 24 hours and 2 hours before."
          checked={form.remindersEnabled}
          disabled={readOnly}
          onChange={(v) => set({ remindersEnabled: v })}
        />
      </Card>
      <Card
        title="Templates"
        description={`Variables: ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(", ")}, and {name_prefix} (a space and the caller's first name when it is known, or nothing: "Hi{name_prefix}," becomes "Hi Maria," or "Hi,"). "Reply STOP to opt out." is added when a text has no STOP wording.`}
      >
        <div className="space-y-5">
          {MESSAGE_PURPOSES.map((p) => (
            <div key={p}>
              <label htmlFor={`template-${p}`} className="block text-sm font-medium text-slate-700">
                {PURPOSE_LABELS[p]}
              </label>
              <textarea
                id={`template-${p}`}
                rows={3}
                value={form.templates[p]}
                disabled={readOnly}
                onChange={(e) => set({ templates: { ...form.templates, [p]: e.target.value } })}
                aria-invalid={err(`templates.${p}`) ? true : undefined}
                aria-describedby={err(`templates.${p}`) ? `template-${p}-error` : undefined}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 disabled:bg-slate-50"
              />
              {err(`templates.${p}`) ? (
                <p id={`template-${p}-error`} className="mt-1 text-xs text-red-600">
                  {err(`templates.${p}`)}
                </p>
              ) : null}
              <Preview purpose={p} template={form.templates[p]} bookingUrl={form.bookingUrl} />
            </div>
          ))}
        </div>
      </Card>
      {readOnly ? null : (
        <div className="flex items-center gap-3">
          <Button type="submit" busy={save.isPending}>
            Save messaging
          </Button>
          <div aria-live="polite">
            {save.error && !errors.field ? (
              <ErrorBanner message={errors.message} />
            ) : save.error ? (
              <p className="text-sm text-red-700">Fix the highlighted field.</p>
            ) : (
              <SuccessNote message={save.isSuccess ? "Messaging saved." : null} />
            )}
          </div>
        </div>
      )}
    </form>
  );
}
