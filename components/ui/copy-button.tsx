"use client";
// Copies a value to the clipboard and says so (aria-live), with a fallback that selects the
// text when the Clipboard API is unavailable (plain-http origins, old browsers).
import { useState } from "react";
import { Button } from "./form";

export function CopyButton({
  value,
  label = "Copy",
  targetId,
}: {
  value: string;
  label?: string;
  targetId?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      const el = targetId ? document.getElementById(targetId) : null;
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
        el.select();
        setState(document.execCommand("copy") ? "copied" : "failed");
      } else setState("failed");
    }
    setTimeout(() => setState("idle"), 4000);
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant="secondary" onClick={copy}>
        {label}
      </Button>
      <span role="status" aria-live="polite" className="text-xs text-slate-600">
        {state === "copied"
          ? "Copied"
          : state === "failed"
            ? "Copy failed: select the text and copy it by hand"
            : ""}
      </span>
    </span>
  );
}
