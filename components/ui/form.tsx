"use client";
// Form building blocks: labelled inputs with inline errors (aria-describedby), buttons with a
// busy state, and a banner for errors that belong to no single field.
import { useId, type ComponentProps, type ReactNode } from "react";

export function fieldErrorsFrom(error: unknown): {
  field?: string;
  message?: string;
  fields: Record<string, string>;
} {
  const e = error as {
    message?: string;
    data?: { field?: string; fieldErrors?: { field: string; message: string }[] };
  } | null;
  if (!e) return { fields: {} };
  const fields: Record<string, string> = {};
  for (const fe of e.data?.fieldErrors ?? []) fields[fe.field] ??= fe.message;
  if (e.data?.field) fields[e.data.field] = e.message ?? "Invalid value.";
  const message = e.data?.fieldErrors?.length ? "Please fix the highlighted fields." : e.message;
  return { field: e.data?.field, message, fields };
}

type FieldProps = { label: string; error?: string; hint?: ReactNode } & ComponentProps<"input">;

export function Field({ label, error, hint, className, ...input }: FieldProps) {
  const id = useId();
  const describedBy =
    [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 ${error ? "border-red-500" : "border-slate-300"}`}
        {...input}
      />
      {hint && !error ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type SelectProps = { label: string; error?: string; children: ReactNode } & ComponentProps<"select">;

export function Select({ label, error, children, className, ...select }: SelectProps) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 ${error ? "border-red-500" : "border-slate-300"}`}
        {...select}
      >
        {children}
      </select>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type ButtonProps = {
  busy?: boolean;
  variant?: "primary" | "secondary" | "danger";
} & ComponentProps<"button">;

export function Button({ busy, variant = "primary", children, className, disabled, ...rest }: ButtonProps) {
  const styles = {
    primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-500/60",
    secondary: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 disabled:text-slate-400",
    danger: "border border-red-200 bg-white text-red-700 hover:bg-red-50 disabled:text-red-300",
  }[variant];
  return (
    <button
      className={`inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium shadow-sm transition ${styles} ${className ?? ""}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? (
        <span
          className="size-3 animate-spin rounded-full border-2 border-current border-t-transparent"
          aria-hidden
        />
      ) : null}
      {children}
    </button>
  );
}

export function ErrorBanner({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </div>
  );
}

export function SuccessNote({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="status" className="text-sm text-green-700">
      {message}
    </p>
  );
}
