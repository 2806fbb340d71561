// The client's address comes from the connection; X-Real-IP and X-Forwarded-For are the client's
// own words unless the deployment says how many proxies (or which) stand in front of the app.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addressLimitKey,
  clientAddress,
  parseProxyList,
  PEER_HEADER,
  stampPeerAddresses,
  type ProxyTrust,
} from "./client-address";

const NONE: ProxyTrust = { hops: 0, proxies: [] };

let server: Server;
let port: number;
let seen: Headers;

const toHeaders = (req: IncomingMessage) =>
  new Headers(
    Object.entries(req.headers).flatMap(([k, v]) =>
      v === undefined ? [] : [[k, Array.isArray(v) ? v.join(", ") : v] as [string, string]],
    ),
  );

/** Sends a request to the stamped server and returns the headers the app would see. */
function send(headers: Record<string, string>): Promise<Headers> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(seen));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  stampPeerAddresses();
  server = createServer((req, res) => {
    seen = toHeaders(req);
    res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("the client's address", () => {
  it("is the connection's by default, whatever X-Real-IP or X-Forwarded-For say", async () => {
    for (let i = 1; i <= 5; i++) {
      const headers = await send({
        "x-real-ip": `198.51.100.${i}`,
        "x-forwarded-for": `203.0.113.${i}, 192.0.2.${i}`,
      });
      expect(clientAddress(headers, NONE)).toBe("127.0.0.1");
    }
  });

  it("ignores a made-up copy of the private connection header", async () => {
    const headers = await send({ [PEER_HEADER]: "forged 203.0.113.99" });
    expect(clientAddress(headers, NONE)).toBe("127.0.0.1");
    // A request this process never stamped has no known address at all.
    expect(
      clientAddress(new Headers({ [PEER_HEADER]: "forged 203.0.113.99", "x-real-ip": "203.0.113.98" }), NONE),
    ).toBeNull();
  });

  it("behind N trusted proxy hops, takes the address the outermost one appended", async () => {
    const headers = await send({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" });
    expect(clientAddress(headers, { hops: 1, proxies: [] })).toBe("10.0.0.2");
    expect(clientAddress(headers, { hops: 2, proxies: [] })).toBe("203.0.113.7");
    // More hops than entries: the farthest entry, never beyond.
    expect(clientAddress(headers, { hops: 9, proxies: [] })).toBe("6.6.6.6");
    // One hop but no header at all: the connection.
    expect(clientAddress(await send({}), { hops: 1, proxies: [] })).toBe("127.0.0.1");
  });

  it("behind a trusted CIDR list, walks back past the listed proxies to the first address that is not one", async () => {
    const headers = await send({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.1.2.3, 10.0.0.2" });
    const trust = { hops: 0, proxies: parseProxyList("127.0.0.0/8, 10.0.0.0/8") };
    expect(clientAddress(headers, trust)).toBe("203.0.113.7");
    // A connection that is not a listed proxy: its headers are not trusted.
    expect(clientAddress(headers, { hops: 0, proxies: parseProxyList("192.168.0.0/16") })).toBe("127.0.0.1");
  });

  it("skips an entry that is not an address (a proxy never writes one)", async () => {
    const headers = await send({ "x-forwarded-for": "not-an-ip" });
    expect(clientAddress(headers, { hops: 1, proxies: [] })).toBe("127.0.0.1");
  });

  it("refuses a bad proxy list", () => {
    expect(() => parseProxyList("10.0.0.0/33")).toThrow();
    expect(parseProxyList("10.0.0.0/8, 192.168.1.5, 2001:db8::/32")).toHaveLength(3);
  });
});

describe("what a per-address limit counts under", () => {
  it("keeps an IPv4 address (also written as IPv4-mapped IPv6) and takes an IPv6 address's /64", () => {
    expect(addressLimitKey("203.0.113.9")).toBe("203.0.113.9");
    expect(addressLimitKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(addressLimitKey("2001:db8:7:7::1")).toBe("2001:db8:7:7::/64");
    expect(addressLimitKey("2001:0db8:0007:0007:ffff:1:2:3")).toBe("2001:db8:7:7::/64");
    expect(addressLimitKey("2001:db8:7:8::1")).toBe("2001:db8:7:8::/64");
    expect(addressLimitKey("unknown")).toBe("unknown");
  });
});
