"use client";
// The public request form: phone first (one column, big targets), every error next to its
// field, and a refusal never clears what the visitor typed.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button, ErrorBanner, Field } from "@/components/ui/form";

export type RequestFormProps = {
  slug: string;
  business: string;
  phone: string | null;
  phoneLabel: string | null;
  token: string;
  consentWording: string;
  preferredTimes: readonly string[];
  /** Query string kept on the confirmation page (embed, accent). */
  keep: string;
};

type Values = {
  name: string;
  phone: string;
  email: string;
  zip: string;
  problem: string;
  preferredTime: string;
  smsConsent: boolean;
  website: string;
};
const EMPTY: Values = {
  name: "",
  phone: "",
  email: "",
  zip: "",
  problem: "",
  preferredTime: "As soon as possible",
  smsConsent: false,
  website: "",
};
const inputClass =
  "mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500";

export function RequestForm(props: RequestFormProps) {
  const router = useRouter();
  const [values, setValues] = useState<Values>(EMPTY);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [declined, setDeclined] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One token sends one request; the server hands a new one when a corrected request may follow.
  const [token, setToken] = useState(props.token);
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setBanner(null);
    setFields({});
    setDeclined(null);
    try {
      const res = await fetch(`/api/q/${encodeURIComponent(props.slug)}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...values, token }),
      });
      const body = (await res.json().catch(() => null)) as {
        outcome?: string;
        message?: string;
        token?: string;
        error?: { message: string; field?: string };
      } | null;
      if (body?.token) setToken(body.token);
      if (res.ok && body?.outcome === "received") {
        router.push(`/q/${props.slug}/sent${props.keep}`);
        return;
      }
      if (res.ok && body?.outcome === "out_of_area") {
        setDeclined(body.message ?? "We don't cover that ZIP code.");
        return;
      }
      const error = body?.error;
      if (error?.field) setFields({ [error.field]: error.message });
      else setBanner(error?.message ?? "Your request could not be sent. Please try again.");
    } catch {
      setBanner(
        `Your request could not be sent: check your connection and press Send request again${props.phoneLabel ? `, or call ${props.phoneLabel}` : ""}.`,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-describedby="form-intro">
      <p id="form-intro" className="text-sm text-slate-600">
        Tell us what is going on and how to reach you. Every field is required unless it says optional.
      </p>
      <ErrorBanner message={banner} />
      {declined ? (
        <div
          role="alert"
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <p>{declined}</p>
          <p className="mt-1">Typed the ZIP code wrong? Fix it below and press Send request again.</p>
        </div>
      ) : null}
      <Field
        label="Your name"
        name="name"
        autoComplete="name"
        value={values.name}
        onChange={(e) => set({ name: e.target.value })}
        error={fields.name}
        required
      />
      <Field
        label="Phone number"
        name="phone"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        value={values.phone}
        onChange={(e) => set({ phone: e.target.value })}
        error={fields.phone}
        hint="We call or text you back at this number."
        required
      />
      <Field
        label="Email (optional)"
        name="email"
        type="email"
        autoComplete="email"
        value={values.email}
        onChange={(e) => set({ email: e.target.value })}
        error={fields.email}
      />
      <Field
        label="ZIP code"
        name="zip"
        autoComplete="postal-code"
        inputMode="numeric"
        maxLength={10}
        value={values.zip}
        onChange={(e) => set({ zip: e.target.value })}
        error={fields.zip}
        required
      />
      <div>
        <label htmlFor="problem" className="block text-sm font-medium text-slate-700">
          What&apos;s the problem?
        </label>
        <textarea
          id="problem"
          name="problem"
          rows={4}
          value={values.problem}
          onChange={(e) => set({ problem: e.target.value })}
          aria-invalid={fields.problem ? true : undefined}
          aria-describedby={fields.problem ? "problem-error" : "problem-hint"}
          className={`${inputClass} ${fields.problem ? "border-red-500" : "border-slate-300"}`}
          required
        />
        {fields.problem ? (
          <p id="problem-error" className="mt-1 text-xs text-red-600">
            {fields.problem}
          </p>
        ) : (
          <p id="problem-hint" className="mt-1 text-xs text-slate-500">
            For example: &ldquo;Water heater leaking in the garage&rdquo;.
          </p>
        )}
      </div>
      <div>
        <label htmlFor="preferredTime" className="block text-sm font-medium text-slate-700">
          Preferred time
        </label>
        <select
          id="preferredTime"
          name="preferredTime"
          value={values.preferredTime}
          onChange={(e) => set({ preferredTime: e.target.value })}
          className={`${inputClass} border-slate-300`}
        >
          {props.preferredTimes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        {fields.preferredTime ? <p className="mt-1 text-xs text-red-600">{fields.preferredTime}</p> : null}
      </div>
      <div className="flex items-start gap-3">
        <input
          id="smsConsent"
          name="smsConsent"
          type="checkbox"
          checked={values.smsConsent}
          onChange={(e) => set({ smsConsent: e.target.checked })}
          className="mt-1 size-5 shrink-0"
        />
        <label htmlFor="smsConsent" className="text-sm text-slate-700">
          {props.consentWording} <span className="text-slate-500">(Optional.)</span>
        </label>
      </div>
      {/* Hidden from people (and screen readers); scripts that fill every field fill this one. */}
      <div aria-hidden="true" className="absolute -left-[10000px] top-auto h-px w-px overflow-hidden">
        <label htmlFor="website">Leave this field empty</label>
        <input
          id="website"
          name="website"
          type="text"
          tabIndex={-1}
          autoComplete="off"
          value={values.website}
          onChange={(e) => set({ website: e.target.value })}
        />
      </div>
      <Button type="submit" busy={busy} className="w-full py-3 text-base">
        Send request
      </Button>
      {props.phone ? (
        <p className="text-center text-sm text-slate-600">
          An emergency (water you can&apos;t stop, a gas smell)? Call{" "}
          <a className="font-medium text-brand-700 underline" href={`tel:${props.phone}`}>
            {props.phoneLabel}
          </a>{" "}
          now.
        </p>
      ) : null}
    </form>
  );
}
