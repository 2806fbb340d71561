// Who is on the other end of a request, for sign-in throttling and audit rows. By default the
// address of the connection itself: a header the client can type (X-Real-IP, X-Forwarded-For) is
// ignored. Behind load balancers, TRUSTED_PROXY_HOPS=N takes the address N hops back in
// X-Forwarded-For (each proxy appends the address it saw), or TRUSTED_PROXIES (CIDR list) walks
// back past the listed proxies to the first address that is not one of them.
//
// Next.js hands route handlers a web Request without the socket, so each incoming request is
// stamped, as Node parses it, with the socket's address in a private header together with a
// per-process secret (`stampPeerAddresses`, from instrumentation.ts); a header the client made up
// never carries the secret and is ignored.
import { subscribe } from "node:diagnostics_channel";
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/server/env";

export const PEER_HEADER = "x-leadrescue-peer";

const g = globalThis as unknown as { __leadrescuePeerSecret?: string };

/** Once per process: every HTTP request this process serves carries its connection's address. */
export function stampPeerAddresses(): void {
  if (g.__leadrescuePeerSecret) return;
  const secret = randomBytes(18).toString("base64url");
  g.__leadrescuePeerSecret = secret;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = `${secret} ${socket.remoteAddress ?? ""}`;
  });
}

/** An address in one spelling (IPv4-mapped IPv6 as IPv4), or null when it is not an address. */
export function normalizeAddress(raw: string | undefined | null): string | null {
  const s = raw?.trim().replace(/^\[|\]$/g, "");
  if (!s || !ipaddr.isValid(s)) return null;
  return ipaddr.process(s.replace(/%.*$/, "")).toString();
}

/**
 * What a per-address limit counts under: an IPv4 address as it is, an IPv6 address by its /64.
 * A home line, an office or a server is handed a whole /64 and may use any address in it, so a
 * limit per IPv6 address is no limit: one client would take a fresh address for every request.
 */
export function addressLimitKey(address: string): string {
  const normal = normalizeAddress(address);
  if (!normal) return address.slice(0, 64);
  const parsed = ipaddr.parse(normal);
  if (parsed.kind() === "ipv4") return normal;
  const network = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${network.join(":")}::/64`;
}

/** The connection's address, when this process stamped the request (a forged header is ignored). */
export function peerAddress(headers: Headers): string | null {
  const secret = g.__leadrescuePeerSecret;
  const value = headers.get(PEER_HEADER);
  if (!secret || !value) return null;
  const [given = "", address] = value.split(" ");
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return normalizeAddress(address);
}

export type ProxyTrust = { hops: number; proxies: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> };

/** Parses "10.0.0.0/8, 192.168.1.5" (a bare address is a /32 or /128); throws on a bad entry. */
export function parseProxyList(list: string): ProxyTrust["proxies"] {
  return list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) =>
      entry.includes("/")
        ? ipaddr.parseCIDR(entry)
        : ((a) => [a, a.kind() === "ipv4" ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number])(
            ipaddr.parse(entry),
          ),
    );
}

let configured: ProxyTrust | undefined;
/** The deployment's setting (README "Deployment shape"): no proxy is trusted unless configured. */
export function proxyTrustFromEnv(): ProxyTrust {
  configured ??= {
    hops: env.TRUSTED_PROXY_HOPS,
    proxies: env.TRUSTED_PROXIES ? parseProxyList(env.TRUSTED_PROXIES) : [],
  };
  return configured;
}

function isTrustedProxy(address: string, proxies: ProxyTrust["proxies"]): boolean {
  const a = ipaddr.parse(address);
  return proxies.some(([range, bits]) => {
    if (a.kind() === range.kind()) return a.match([range, bits] as never);
    // An IPv4 proxy range also covers the IPv4-mapped form of its addresses, and the other way round.
    const other =
      a.kind() === "ipv6" && (a as ipaddr.IPv6).isIPv4MappedAddress()
        ? (a as ipaddr.IPv6).toIPv4Address()
        : null;
    return other !== null && other.kind() === range.kind() && other.match([range, bits] as never);
  });
}

/**
 * The client's address: the connection's, or — behind trusted proxies only — the address the
 * outermost trusted proxy saw. Null when the request was not stamped (then only per-email limits apply).
 */
export function clientAddress(headers: Headers, trust: ProxyTrust = proxyTrustFromEnv()): string | null {
  const peer = peerAddress(headers);
  if (!peer) return null;
  if (trust.hops <= 0 && trust.proxies.length === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .reverse();
  // Nearest first: the connection, then each address a proxy appended, last-appended first.
  const chain = [peer, ...forwarded];
  let index = 0;
  if (trust.proxies.length) {
    while (
      index < chain.length - 1 &&
      normalizeAddress(chain[index]) &&
      isTrustedProxy(normalizeAddress(chain[index])!, trust.proxies)
    )
      index += 1;
  } else {
    index = Math.min(trust.hops, chain.length - 1);
  }
  // An entry that is not an address was not written by a proxy: use the hop that forwarded it.
  for (let i = index; i >= 0; i--) {
    const address = normalizeAddress(chain[i]);
    if (address) return address;
  }
  return peer;
}
