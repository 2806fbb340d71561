// Webhook targets: http(s) only, and in production never an internal address (server-side
// request forgery), checked on every address the host resolves to.
import { describe, expect, it } from "vitest";
import { isInternalAddress, targetRefusal, urlRefusal } from "./target-guard";

const resolveTo = (addresses: string[]) => async () => addresses;

describe("webhook target guard", () => {
  it("accepts only http and https URLs without credentials", () => {
    expect(urlRefusal("https://hooks.example.com/lr")).toBeNull();
    expect(urlRefusal("http://hooks.example.com/lr")).toBeNull();
    expect(urlRefusal("ftp://hooks.example.com/lr")).toMatch(/https:\/\//);
    expect(urlRefusal("file:///etc/passwd")).toMatch(/https:\/\//);
    expect(urlRefusal("not a url")).toMatch(/not valid/);
    expect(urlRefusal("https://user:pw@hooks.example.com/")).toMatch(/passwords/);
  });

  it("knows loopback, private, link-local and other internal ranges", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "224.0.0.1",
    ]) {
      expect(isInternalAddress(ip), ip).toBe(true);
    }
    for (const ip of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111"])
      expect(isInternalAddress(ip), ip).toBe(false);
  });

  it("refuses in production a host that resolves to an internal address, even one of several", async () => {
    const opts = { allowPrivate: false };
    expect(
      await targetRefusal("https://hooks.example.com/x", { ...opts, resolve: resolveTo(["93.184.216.34"]) }),
    ).toBeNull();
    expect(
      await targetRefusal("https://sneaky.example.com/x", {
        ...opts,
        resolve: resolveTo(["93.184.216.34", "10.0.0.5"]),
      }),
    ).toMatch(/internal address \(10\.0\.0\.5\)/);
    expect(await targetRefusal("http://127.0.0.1:8080/x", opts)).toMatch(/internal address/);
    expect(await targetRefusal("http://[::1]/x", opts)).toMatch(/internal address/);
    expect(await targetRefusal("http://localhost:3000/x", opts)).toMatch(/internal address/);
    expect(
      await targetRefusal("https://gone.example.com/x", {
        ...opts,
        resolve: async () => Promise.reject(new Error("ENOTFOUND")),
      }),
    ).toMatch(/could not be found/);
  });

  it("allows a local receiver in local mode", async () => {
    expect(await targetRefusal("http://127.0.0.1:8080/x", { allowPrivate: true })).toBeNull();
  });
});
