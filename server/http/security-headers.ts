// The security headers every response carries, decided in one place (applied by proxy.ts).
// Scripts run only with this response's nonce ('strict-dynamic' lets Next's own bootstrap load
// its chunks); inline style attributes stay allowed because React renders `style={…}` as
// attributes, which a nonce cannot cover. 'unsafe-eval' only in development (React's dev tools
// need it). HSTS and upgrade-insecure-requests only when the app is served over https.

export type SecurityHeaderOptions = {
  /** A fresh random value per response. */
  nonce: string;
  /** PUBLIC_BASE_URL is https. */
  https: boolean;
  /** `next dev`. */
  development: boolean;
  /** The public request form (`/q/…`): any website may show it in an iframe (its embed snippet). */
  embeddable?: boolean;
};

/** Paths any website may frame: the public request form and its confirmation page. */
export const isEmbeddablePath = (pathname: string) => pathname.startsWith("/q/");

/** Two years, subdomains included: browsers never try plain http again once they saw this. */
export const HSTS = "max-age=63072000; includeSubDomains";

export const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

export function contentSecurityPolicy({
  nonce,
  https,
  development,
  embeddable,
}: SecurityHeaderOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    embeddable ? "frame-ancestors *" : "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(opts: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(opts),
    ...(opts.embeddable ? {} : { "X-Frame-Options": "DENY" }),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    ...(opts.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/** A nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
