"use client";
// Settings → Request form: the business's public form link, and the snippet that puts the form
// on the business's own website (an iframe), in its own accent color, with a live preview.
import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { CopyableValue } from "@/components/ui/copyable-value";
import { Card, PageHeader } from "@/components/ui/layout";

const DEFAULT_ACCENT = "#1f5ad6";

export function embedSnippet(formUrl: string, accent: string): string {
  const qs = new URLSearchParams({
    embed: "1",
    ...(accent.toLowerCase() !== DEFAULT_ACCENT ? { accent: accent.replace(/^#/, "") } : {}),
  });
  return `<iframe src="${formUrl}?${qs}" title="Request a plumber" style="width:100%;max-width:520px;height:860px;border:0" loading="lazy"></iframe>`;
}

export function RequestFormSettings({ formUrl, canEdit }: { formUrl: string; canEdit: boolean }) {
  const [accent, setAccent] = useState(DEFAULT_ACCENT);
  const snippet = embedSnippet(formUrl, accent);
  const previewUrl = `${formUrl}?${new URLSearchParams({ accent: accent.replace(/^#/, "") })}`;
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Request form"
        description="A page where customers ask for a plumber without calling. Each request becomes a web form lead in the inbox, due within 15 minutes, routed like a call."
      />
      {!canEdit ? (
        <p className="text-sm text-slate-600">
          Only owners and managers share the form; you can still open it.
        </p>
      ) : null}
      <Card
        title="Your form's link"
        description="Put it on your website, your Google Business Profile, social media or an email signature."
      >
        <CopyableValue
          id="request-form-url"
          label="Request form link"
          labelHidden
          value={formUrl}
          copyLabel="Copy link"
        >
          <a
            href={previewUrl}
            target="_blank"
            rel="noreferrer"
            className="text-sm font-medium text-brand-700 underline underline-offset-2"
          >
            Open the form
          </a>
        </CopyableValue>
      </Card>
      <Card
        title="Put the form on your website"
        description="Paste this snippet into your website where the form should appear. It shows the form without our page around it, in your color."
      >
        <div className="mb-3 flex flex-wrap items-center gap-3">
          <label htmlFor="accent" className="text-sm font-medium text-slate-700">
            Button and link color
          </label>
          <input
            id="accent"
            type="color"
            value={accent}
            onChange={(e) => setAccent(e.target.value)}
            className="h-9 w-14 rounded border border-slate-300"
          />
          <span className="font-mono text-sm text-slate-600" aria-live="polite">
            {accent}
          </span>
        </div>
        <label htmlFor="embed-snippet" className="block text-sm font-medium text-slate-700">
          Embed snippet
        </label>
        <textarea
          id="embed-snippet"
          readOnly
          rows={4}
          value={snippet}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
        />
        <div className="mt-2">
          <CopyButton value={snippet} targetId="embed-snippet" label="Copy snippet" />
        </div>
      </Card>
      <Card title="What the form asks, and how it stops spam" description={null}>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>
            Name, phone, ZIP code, the problem and a preferred time. A ZIP outside your service area gets the
            same polite answer the AI gives on a call.
          </li>
          <li>
            A box to agree to text messages, unticked until the customer ticks it. The exact words they agreed
            to are kept with the lead.
          </li>
          <li>
            Spam is refused without outside services: a hidden field only programs fill in, a minimum time to
            fill in the form, and at most 10 requests an hour from one connection and 3 from one phone number.
            A refused visitor is told what to do and keeps what they typed.
          </li>
        </ul>
      </Card>
    </div>
  );
}
