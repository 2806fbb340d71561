// Where a webhook may be sent. Only http(s); in production every address the host stands for must
// be public — never loopback, private, link-local, carrier NAT, multicast or reserved — so an
// endpoint cannot make the server call its own network. Addresses are classified with ipaddr.js
// after unwrapping the IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4),
// and the same check runs again on the address the delivery actually connects to (see
// `guardedLookup`), so a name that resolves elsewhere at delivery (DNS rebinding) gets nothing.
// Local mode (and tests) may use a local receiver.
import { lookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/server/env";

export type Resolve = (host: string) => Promise<string[]>;

const defaultResolve: Resolve = (host) =>
  new Promise((resolve, reject) =>
    lookup(host, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses.map((a) => a.address)),
    ),
  );

/** True in production unless WEBHOOK_ALLOW_PRIVATE_TARGETS=on; off in local mode. */
export function privateTargetsAllowed(): boolean {
  const flag = env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  return flag ? flag === "on" : env.NODE_ENV !== "production";
}

const v4FromWords = (hi: number, lo: number) =>
  ipaddr.IPv4.parse(`${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`);

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), or null. */
function embeddedIpv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = v6.parts;
  const zeroPrefix = p.slice(0, 5).every((x) => x === 0);
  if (zeroPrefix && p[5] === 0xffff) return v4FromWords(p[6]!, p[7]!); // ::ffff:a.b.c.d (mapped)
  if (zeroPrefix && p[5] === 0 && (p[6] !== 0 || p[7]! > 1)) return v4FromWords(p[6]!, p[7]!); // ::a.b.c.d (compatible, deprecated)
  if (p[0] === 0x64 && p[1] === 0xff9b) return v4FromWords(p[6]!, p[7]!); // 64:ff9b::/96 and 64:ff9b:1::/48 (NAT64)
  if (p[0] === 0x2002) return v4FromWords(p[1]!, p[2]!); // 2002:AABB:CCDD::/16 (6to4)
  return null;
}

/** Loopback, private, link-local, unique-local, multicast or otherwise not a public address. */
export function isInternalAddress(ip: string): boolean {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(ip.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  } catch {
    return true; // not an address: never treat it as public
  }
  if (addr.kind() === "ipv6") {
    const v6 = addr as ipaddr.IPv6;
    const v4 = embeddedIpv4(v6);
    // Local-use NAT64 (64:ff9b:1::/48) and Teredo (client address hidden) are refused outright.
    if (v6.parts[0] === 0x64 && v6.parts[1] === 0xff9b && v6.parts[2] === 1) return true;
    if (v4) return v4.range() !== "unicast";
    return v6.range() !== "unicast";
  }
  return addr.range() !== "unicast";
}

/** Why this URL may not receive webhooks (a sentence for people), or null when it may. */
export function urlRefusal(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "The URL is not valid: use a full address like https://example.com/hooks/leadrescue.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return "The URL must start with https:// (or http://).";
  if (url.username || url.password)
    return "Leave user names and passwords out of the URL; verify the signature instead.";
  return null;
}

const internalRefusal = (host: string, address: string) =>
  `${host} points to an internal address (${address}): webhooks go to public addresses only.`;

/** The URL's host without IPv6 brackets; an IP literal is returned as written by the URL parser. */
export const targetHost = (raw: string) => new URL(raw).hostname.replace(/^\[|\]$/g, "");

/** A name that can only be internal, refused without asking DNS. */
function internalName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost") || h.endsWith(".internal") || h.endsWith(".local");
}

/** Checks the URL and, in production, every address its host resolves to. Returns a refusal or null. */
export async function targetRefusal(
  raw: string,
  opts: { allowPrivate?: boolean; resolve?: Resolve } = {},
): Promise<string | null> {
  const refusal = urlRefusal(raw);
  if (refusal) return refusal;
  if (opts.allowPrivate ?? privateTargetsAllowed()) return null;
  const host = targetHost(raw);
  if (internalName(host)) return `${host} is an internal address: webhooks go to public addresses only.`;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (opts.resolve ?? defaultResolve)(host);
  } catch {
    return `${host} could not be found (DNS). Check the address.`;
  }
  if (addresses.length === 0) return `${host} could not be found (DNS). Check the address.`;
  const internal = addresses.find(isInternalAddress);
  return internal ? internalRefusal(host, internal) : null;
}

/** Raised by `guardedLookup` (and the connect check) when a delivery would reach an internal address. */
export class InternalTargetError extends Error {
  readonly code = "EINTERNALTARGET";
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for node:http(s) that resolves the host and refuses, before any connection is made,
 * when one of its addresses is internal; the socket then connects only to the addresses checked
 * here, so there is no gap between the check and the connection for DNS to change its answer in.
 */
export function guardedLookup(opts: { allowPrivate: boolean; resolve?: Resolve }) {
  const resolve = opts.resolve ?? defaultResolve;
  return (hostname: string, options: { all?: boolean } | number | undefined, callback: LookupCallback) => {
    const all = typeof options === "object" && options?.all === true;
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0)
          return callback(
            Object.assign(new Error(`${hostname} could not be found (DNS).`), { code: "ENOTFOUND" }),
            "",
          );
        const internal = opts.allowPrivate
          ? undefined
          : internalName(hostname)
            ? hostname
            : addresses.find(isInternalAddress);
        if (internal !== undefined)
          return callback(new InternalTargetError(internalRefusal(hostname, internal)), "");
        const list = addresses.map((address) => ({ address, family: isIP(address) || 4 }));
        if (all) return callback(null, list);
        callback(null, list[0]!.address, list[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ""),
    );
  };
}
