"use client";
// The time zone picker: every US zone by name, defaulting to the browser's zone (read after
// hydration, so the server's own zone never becomes the default by accident).
import { useState, useSyncExternalStore } from "react";
import { timeZoneLabel, US_TIME_ZONES } from "@/server/tenants/us-time-zones";
import { Select } from "./ui/form";

export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

const noSubscription = () => () => {};

export function TimeZoneSelect({
  name = "timeZone",
  value,
  onChange,
  error,
  fallback = "America/Chicago",
  fromBrowser = false,
  showAll = false,
}: {
  name?: string;
  value?: string;
  onChange?: (zone: string) => void;
  error?: string;
  fallback?: string;
  /** Start from the browser's zone (sign-up). */
  fromBrowser?: boolean;
  /** Also offer every zone in the world (business settings). */
  showAll?: boolean;
}) {
  const browser = useSyncExternalStore(noSubscription, browserTimeZone, () => null);
  const [picked, setPicked] = useState<string | null>(null);
  const current = value ?? picked ?? (fromBrowser ? browser : null) ?? fallback;
  const us = US_TIME_ZONES.map((z) => z.zone);
  const all =
    showAll && typeof Intl.supportedValuesOf === "function"
      ? Intl.supportedValuesOf("timeZone").filter((z) => !us.includes(z))
      : [];
  const extra = !us.includes(current) && !all.includes(current) ? [current] : [];
  return (
    <Select
      label="Time zone"
      name={name}
      value={current}
      error={error}
      onChange={(e) => {
        setPicked(e.target.value);
        onChange?.(e.target.value);
      }}
    >
      {extra.map((z) => (
        <option key={z} value={z}>
          {timeZoneLabel(z)}
        </option>
      ))}
      <optgroup label="United States">
        {US_TIME_ZONES.map((z) => (
          <option key={z.zone} value={z.zone}>
            {z.label}
          </option>
        ))}
      </optgroup>
      {all.length ? (
        <optgroup label="All time zones">
          {all.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, " ")}
            </option>
          ))}
        </optgroup>
      ) : null}
    </Select>
  );
}
