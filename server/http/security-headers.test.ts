import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, HSTS, isEmbeddablePath, newNonce, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("locks scripts to the response's nonce, refuses framing and eval in production", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", https: false, development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("lets any website frame the public request form, and nothing else", () => {
    expect(
      contentSecurityPolicy({ nonce: "n", https: false, development: false, embeddable: true }),
    ).toContain("frame-ancestors *");
    expect(
      securityHeaders({ nonce: "n", https: false, development: false, embeddable: true }),
    ).not.toHaveProperty("X-Frame-Options");
    expect(isEmbeddablePath("/q/demo-plumbing")).toBe(true);
    expect(isEmbeddablePath("/t/demo-plumbing/leads")).toBe(false);
  });

  it("allows eval only in development (React's dev tools need it)", () => {
    expect(contentSecurityPolicy({ nonce: "n", https: false, development: true })).toContain("'unsafe-eval'");
  });

  it("sends HSTS and upgrades requests only when the app is served over https", () => {
    expect(securityHeaders({ nonce: "n", https: true, development: false })).toMatchObject({
      "Strict-Transport-Security": HSTS,
    });
    expect(contentSecurityPolicy({ nonce: "n", https: true, development: false })).toContain(
      "upgrade-insecure-requests",
    );
    expect(securityHeaders({ nonce: "n", https: false, development: false })).not.toHaveProperty(
      "Strict-Transport-Security",
    );
  });

  it("always sends the framing, sniffing, referrer and permissions headers", () => {
    expect(securityHeaders({ nonce: "n", https: false, development: false })).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": expect.stringContaining("microphone=()"),
    });
  });

  it("makes a different 128-bit nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});
