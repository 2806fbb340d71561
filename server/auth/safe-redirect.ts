// Where to go after signing in: only a path on this site. `?next=` comes from the address bar, so
// anything that resolves to another origin (`//evil.example`, `/\evil.example`, `https://…`,
// `javascript:`) falls back to the home page.

/** The same-origin path (with query and hash) that `next` points to, or "/" when it leaves the site. */
export function safeNextPath(next: string | null | undefined, origin: string): string {
  if (!next) return "/";
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(next, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as another host.
  const path = url.pathname.replace(/^[/\\]+/, "/");
  return `${path}${url.search}${url.hash}`;
}

/**
 * next-auth's `redirect` callback (sign-in and sign-out's `callbackUrl`): the same rule, so the
 * browser only ever goes to a path on this site. next-auth's own check let `//evil.example`
 * through as a path and threw on an address it could not parse (`http://host:3000.evil.example/`),
 * logging a stack trace and showing its error page.
 */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  return `${baseUrl}${safeNextPath(url, baseUrl)}`;
}
