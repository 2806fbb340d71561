// Runs before every request: the security headers for every response (server/http/security-headers.ts).
// The CSP also goes on the request, which is where Next reads this response's nonce from and puts
// it on its own scripts; so every page renders per request (the root layout reads the headers).
import { NextResponse, type NextRequest } from "next/server";
import { isEmbeddablePath, newNonce, securityHeaders } from "@/server/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    https: (process.env.PUBLIC_BASE_URL ?? "").startsWith("https://"),
    development: process.env.NODE_ENV === "development",
    embeddable: isEmbeddablePath(request.nextUrl.pathname),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
