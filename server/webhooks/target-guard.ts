// Where a webhook may be sent. Only http(s); in production the host must resolve to public
// addresses only — never loopback, private, link-local or other internal ranges — so an endpoint
// cannot make the server call its own network. Local mode (and tests) may use a local receiver.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { env } from "@/server/env";

export type Resolve = (host: string) => Promise<string[]>;

const defaultResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** True in production unless WEBHOOK_ALLOW_PRIVATE_TARGETS=on; off in local mode. */
export function privateTargetsAllowed(): boolean {
  const flag = env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  return flag ? flag === "on" : env.NODE_ENV !== "production";
}

function ipv4Internal(ip: string): boolean {
  const [a = 0, b = 0] = ip.split(".").map(Number);
  return (
    a === 0 || // "this" network
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224 // multicast, reserved, broadcast
  );
}

/** Loopback, private, link-local, unique-local, multicast or otherwise not a public address. */
export function isInternalAddress(ip: string): boolean {
  const kind = isIP(ip);
  if (kind === 4) return ipv4Internal(ip);
  if (kind !== 6) return true;
  const v6 = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped?.[1]) return ipv4Internal(mapped[1]);
  return v6 === "::" || v6 === "::1" || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith("ff") || v6.startsWith("64:ff9b:") || v6.startsWith("2001:db8:");
}

/** Why this URL may not receive webhooks (a sentence for people), or null when it may. */
export function urlRefusal(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "The URL is not valid: use a full address like https://example.com/hooks/leadrescue.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The URL must start with https:// (or http://).";
  if (url.username || url.password) return "Leave user names and passwords out of the URL; verify the signature instead.";
  return null;
}

/** Checks the URL and, in production, every address its host resolves to. Returns a refusal or null. */
export async function targetRefusal(raw: string, opts: { allowPrivate?: boolean; resolve?: Resolve } = {}): Promise<string | null> {
  const refusal = urlRefusal(raw);
  if (refusal) return refusal;
  if (opts.allowPrivate ?? privateTargetsAllowed()) return null;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local")) return `${host} is an internal address: webhooks go to public addresses only.`;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (opts.resolve ?? defaultResolve)(host);
  } catch {
    return `${host} could not be found (DNS). Check the address.`;
  }
  if (addresses.length === 0) return `${host} could not be found (DNS). Check the address.`;
  const internal = addresses.find(isInternalAddress);
  return internal ? `${host} points to an internal address (${internal}): webhooks go to public addresses only.` : null;
}
