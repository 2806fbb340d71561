import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-redirect";

const ORIGIN = "https://app.leadrescue.test";

describe("where sign-in sends you next", () => {
  it.each([
    ["/t/demo-plumbing/leads", "/t/demo-plumbing/leads"],
    ["/t/demo-plumbing/leads?status=missed#top", "/t/demo-plumbing/leads?status=missed#top"],
    ["/agency", "/agency"],
    [`${ORIGIN}/agency`, "/agency"],
  ])("keeps the path on this site: %s", (next, expected) => {
    expect(safeNextPath(next, ORIGIN)).toBe(expected);
  });

  it.each([
    ["//evil.example"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["https://evil.example/t/demo"],
    ["http://app.leadrescue.test/agency"],
    ["javascript:alert(1)"],
    ["data:text/html,hi"],
    ["/%2F%2Fevil.example"],
    [" //evil.example"],
    ["\t//evil.example"],
  ])("goes home instead of off-site: %s", (next) => {
    const path = safeNextPath(next, ORIGIN);
    expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
    expect(path.startsWith("//") || path.startsWith("/\\")).toBe(false);
  });

  it("never hands back a path a browser would read as another host", () => {
    expect(safeNextPath("/.//evil.example", ORIGIN)).toBe("/evil.example");
    expect(safeNextPath("/..//evil.example/x", ORIGIN)).toBe("/evil.example/x");
  });

  it("goes home when there is no next", () => {
    expect(safeNextPath(null, ORIGIN)).toBe("/");
    expect(safeNextPath("", ORIGIN)).toBe("/");
  });
});
