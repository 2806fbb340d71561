// Where a booking link may send a caller: pure, so the settings page can show it as you type.

/** True for an absolute http(s) address: the only targets a link may send a caller to. */
export function isWebAddress(target: string): boolean {
  try {
    const url = new URL(target);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** The host a link sends callers to ("book.example.com"), or null when it is not a web address. */
export function linkTargetHost(target: string | null | undefined): string | null {
  return target && isWebAddress(target) ? new URL(target).hostname : null;
}
