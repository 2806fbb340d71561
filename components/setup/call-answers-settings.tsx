"use client";
// What the AI may say when a caller asks about price or services mid-call: the business's own
// words. The AI never invents a price or a service; what is not written here it does not claim.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, SuccessNote, fieldErrorsFrom } from "@/components/ui/form";
import { Card, PageHeader } from "@/components/ui/layout";
import { QueryState, ReadOnlyNote } from "@/components/settings/access-states";
import { can, type TenantRole } from "@/server/auth/permissions";
import type { OtherAnswer } from "@/server/setup/call-answers";

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

function TextAreaField(props: {
  label: string;
  name: string;
  hint: string;
  defaultValue: string;
  rows: number;
  maxLength?: number;
  placeholder?: string;
  error?: string;
  disabled: boolean;
}) {
  const { label, name, hint, error } = props;
  const id = `field-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {hint}
      </p>
      <textarea
        id={id}
        name={name}
        rows={props.rows}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        defaultValue={props.defaultValue}
        disabled={props.disabled}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        aria-invalid={error ? true : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-sky-600 focus:outline-none focus:ring-2 focus:ring-sky-600/30 disabled:bg-slate-50"
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function CallAnswersSettings({ role }: { role: TenantRole }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.setup.callAnswers.queryOptions());
  return (
    <div className="max-w-2xl">
      <PageHeader
        title="Answers for callers"
        description="When a caller asks the AI what it costs or whether you do a kind of job, it answers in one sentence with exactly these words, then goes on with the call."
      />
      <QueryState query={query} what="see the answers for callers">
        {() => <CallAnswersForm data={query.data!} canEdit={can(role, "setup.write")} />}
      </QueryState>
    </div>
  );
}

type Data = {
  priceAnswer: string | null;
  servicesOffered: string[];
  servicesNotOffered: string[];
  defaultPriceAnswer: string;
} & Record<OtherAnswer, string | null>;

/** What callers ask besides the price, in the office's words; an empty answer means "noted for the plumber". */
const OTHER_QUESTIONS: { name: OtherAnswer; label: string; placeholder: string }[] = [
  {
    name: "licenseAnswer",
    label: "“Are you licensed and insured?”",
    placeholder: "Yes, we're licensed and fully insured.",
  },
  {
    name: "estimateAnswer",
    label: "“Is there a trip fee? Are estimates free?”",
    placeholder: "Estimates are free; there's a $79 trip fee if no work is done.",
  },
  {
    name: "paymentAnswer",
    label: "“How can I pay?”",
    placeholder: "We take cards, checks and cash; financing is available on larger jobs.",
  },
  {
    name: "warrantyAnswer",
    label: "“Is the work guaranteed?”",
    placeholder: "Our work has a one-year warranty, and parts carry the maker's warranty.",
  },
  {
    name: "brandsAnswer",
    label: "“Which brands do you install?”",
    placeholder: "We install and service Rheem, Bradford White and Rinnai.",
  },
];

function CallAnswersForm({ data, canEdit }: { data: Data; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.setup.setCallAnswers.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.setup.callAnswers.queryKey() }),
    }),
  );
  const errs = fieldErrorsFrom(save.error);
  const listError = (name: string) =>
    Object.entries(errs.fields).find(([k]) => k === name || k.startsWith(`${name}.`))?.[1];

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setSaved(false);
    const ok = await save
      .mutateAsync({
        priceAnswer: String(f.get("priceAnswer") ?? ""),
        ...Object.fromEntries(OTHER_QUESTIONS.map((q) => [q.name, String(f.get(q.name) ?? "")])),
        servicesOffered: lines(String(f.get("servicesOffered") ?? "")),
        servicesNotOffered: lines(String(f.get("servicesNotOffered") ?? "")),
      })
      .then(
        () => true,
        () => false,
      );
    setSaved(ok);
  }

  return (
    <Card>
      {!canEdit ? <ReadOnlyNote>Only an owner or manager can change these answers.</ReadOnlyNote> : null}
      <form onSubmit={onSubmit} noValidate className="space-y-5">
        <TextAreaField
          label="When a caller asks about price"
          name="priceAnswer"
          hint={`One or two sentences. Leave it empty to say: “${data.defaultPriceAnswer}”`}
          defaultValue={data.priceAnswer ?? ""}
          rows={2}
          maxLength={300}
          placeholder={data.defaultPriceAnswer}
          error={errs.fields.priceAnswer}
          disabled={!canEdit}
        />
        <fieldset className="space-y-4">
          <legend className="text-sm font-medium text-slate-700">Other questions callers ask</legend>
          <p className="text-xs text-slate-600">
            Leave one empty and the AI says “Good question. I&apos;ll note it so the plumber can answer that
            when they call.”, then puts the question in the lead&apos;s notes.
          </p>
          {OTHER_QUESTIONS.map((q) => (
            <TextAreaField
              key={q.name}
              label={q.label}
              name={q.name}
              hint={
                data[q.name]
                  ? "One or two sentences, said exactly as written."
                  : "Empty: the AI notes this question for the plumber. One or two sentences, said exactly as written."
              }
              defaultValue={data[q.name] ?? ""}
              rows={2}
              maxLength={300}
              placeholder={`For example: ${q.placeholder}`}
              error={errs.fields[q.name]}
              disabled={!canEdit}
            />
          ))}
        </fieldset>
        <TextAreaField
          label="Services you do"
          name="servicesOffered"
          hint="One per line, e.g. Water heaters. Asked “do you do water heaters?”, the AI says “Yes, we do water heaters.”"
          defaultValue={data.servicesOffered.join("\n")}
          rows={6}
          error={listError("servicesOffered")}
          disabled={!canEdit}
        />
        <TextAreaField
          label="Services you don't do"
          name="servicesNotOffered"
          hint="One per line, e.g. Commercial buildings. The AI says so politely and still takes the call for the office. Anything on neither list is noted for the plumber (“Good question. I'll note it so the plumber can answer that when they call.”)"
          defaultValue={data.servicesNotOffered.join("\n")}
          rows={6}
          error={listError("servicesNotOffered")}
          disabled={!canEdit}
        />
        {canEdit ? (
          <div className="flex items-center gap-3" aria-live="polite">
            <Button type="submit" busy={save.isPending}>
              Save answers
            </Button>
            {saved ? <SuccessNote message="Saved. The next call uses them." /> : null}
          </div>
        ) : null}
        <ErrorBanner message={errs.field ? null : errs.message} />
      </form>
    </Card>
  );
}
