"use client";
// White label: the agency's address (sign-in page), name, logo and accent colour, with the
// contrast check as you type (the server checks again and refuses a colour that fails).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field, fieldErrorsFrom, SuccessNote } from "@/components/ui/form";
import { Card, Loading } from "@/components/ui/layout";
import { accentProblem, contrastRatio, MAX_LOGO_BYTES } from "@/server/saas/branding";

type BrandData = { name: string; slug: string | null; accentColor: string | null; logoUrl: string | null };

export function BrandCard() {
  const trpc = useTRPC();
  const brand = useQuery(trpc.saas.brand.queryOptions());
  if (brand.isPending)
    return (
      <Card title="Your brand">
        <Loading label="Loading your brand…" />
      </Card>
    );
  if (brand.error)
    return (
      <Card title="Your brand">
        <ErrorBanner message={brand.error.message} />
      </Card>
    );
  return <BrandForm initial={brand.data} />;
}

function BrandForm({ initial }: { initial: BrandData }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const brand = useQuery(trpc.saas.brand.queryOptions());
  const [slug, setSlug] = useState(initial.slug ?? "");
  const [name, setName] = useState(initial.name);
  const [accent, setAccent] = useState(initial.accentColor ?? "");
  const [done, setDone] = useState<string | null>(null);
  const [logoError, setLogoError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.saas.brand.queryKey() });
  const save = useMutation(
    trpc.saas.updateBrand.mutationOptions({
      onSuccess: async () => (setDone("Brand saved."), await refresh()),
    }),
  );
  const upload = useMutation(
    trpc.saas.uploadLogo.mutationOptions({
      onSuccess: async () => (setDone("Logo uploaded."), await refresh()),
    }),
  );
  const server = fieldErrorsFrom(save.error).fields;
  const accentCheck = accent ? accentProblem(accent) : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    if (accentCheck) return;
    save.mutate({ brand: { slug, name, accentColor: accent || null } });
  }

  async function onFile(file: File | undefined) {
    setLogoError(null);
    setDone(null);
    if (!file) return;
    if (file.size > MAX_LOGO_BYTES)
      return setLogoError(
        `The logo is ${Math.ceil(file.size / 1024)} KB; it can be at most ${MAX_LOGO_BYTES / 1024} KB.`,
      );
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    upload.mutate({ base64: btoa(binary) });
  }

  return (
    <Card
      title="Your brand"
      description="Your businesses see your name, logo and colour on their dashboard, on your sign-in page and in their invite emails."
    >
      <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-3" aria-label="Brand">
        <Field
          label="Agency name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={server.name}
        />
        <Field
          label="Address"
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
          error={server.slug}
          hint={slug ? `Your sign-in page: /a/${slug}/sign-in` : "Lowercase letters, digits and dashes."}
        />
        <div>
          <Field
            label="Accent colour"
            value={accent}
            placeholder="#1d4ed8"
            onChange={(e) => setAccent(e.target.value.trim())}
            error={accentCheck ?? server.accentColor}
            hint={
              accent && !accentCheck
                ? `Contrast with white: ${contrastRatio(accent.toLowerCase(), "#ffffff").toFixed(1)}:1 — readable.`
                : "Must be readable with white text (contrast 4.5:1 or more)."
            }
          />
          {accent && !accentCheck ? (
            <span
              aria-hidden="true"
              className="mt-1 inline-block h-5 w-12 rounded"
              style={{ background: accent }}
            />
          ) : null}
        </div>
        <div className="sm:col-span-3">
          <Button type="submit" busy={save.isPending}>
            Save brand
          </Button>
        </div>
      </form>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        {brand.data?.logoUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- the app serves it, size-checked at upload
          <img
            src={brand.data.logoUrl}
            alt={`${brand.data.name} logo`}
            className="h-10 w-auto rounded border border-slate-200"
          />
        ) : (
          <span className="text-sm text-slate-600">No logo yet.</span>
        )}
        <label className="text-sm font-medium text-slate-700">
          Upload a logo (PNG, JPEG or WebP, up to {MAX_LOGO_BYTES / 1024} KB)
          <input
            type="file"
            accept="image/png,image/jpeg,image/webp"
            className="mt-1 block w-full max-w-full text-sm"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </label>
      </div>
      <div className="mt-3" aria-live="polite">
        <ErrorBanner
          message={
            logoError ??
            upload.error?.message ??
            (save.error && !Object.keys(server).length ? save.error.message : null)
          }
        />
        <SuccessNote message={done} />
      </div>
    </Card>
  );
}
