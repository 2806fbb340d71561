"use client";
// A destructive action that asks once more inline (no browser dialog): "Remove" → "Yes, remove" / "Cancel".
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "./form";

type Props = {
  children: ReactNode;
  /** Accessible name of the first button when the visible text is not enough, e.g. "Remove +15125550100". */
  label?: string;
  confirmText?: string;
  onConfirm: () => void;
  busy?: boolean;
  disabled?: boolean;
};

export function ConfirmButton({
  children,
  label,
  confirmText = "Yes, remove",
  onConfirm,
  busy,
  disabled,
}: Props) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <Button
        type="button"
        variant="danger"
        aria-label={label}
        busy={busy}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {children}
      </Button>
    );
  }
  return (
    <span className="inline-flex gap-2" role="group" aria-label={label ? `Confirm: ${label}` : "Confirm"}>
      <Button
        ref={confirmRef}
        type="button"
        variant="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmText}
      </Button>
      <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </span>
  );
}
