// Where next-auth's own routes send the browser after signing out (and in): its real handlers,
// with the callbackUrl an attacker would put in a link. Only paths on this site; an address that
// cannot be parsed goes home instead of throwing (a logged stack trace and an error page).
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { handlers } from "./config";

const BASE = "http://localhost:3000";

async function signOutTo(callbackUrl: string): Promise<{ status: number; location: string | null }> {
  const csrf = await handlers.GET(new NextRequest(`${BASE}/api/auth/csrf`));
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await handlers.POST(
    new NextRequest(`${BASE}/api/auth/signout`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl }).toString(),
    }),
  );
  return { status: res.status, location: res.headers.get("location") };
}

describe("next-auth's callbackUrl", () => {
  it.each([
    ["http://localhost:3000.evil.example/"],
    ["//evil.example/"],
    ["/\\evil.example"],
    ["https://evil.example/t/demo"],
    ["http://localhost:3000@evil.example/"],
  ])("sends the browser home, on this site, for %s", async (callbackUrl) => {
    expect(await signOutTo(callbackUrl)).toEqual({ status: 302, location: `${BASE}/` });
  });

  it("keeps a path on this site (the account page's 'sign in again' reason)", async () => {
    expect(await signOutTo("/sign-in?ended=password")).toEqual({
      status: 302,
      location: `${BASE}/sign-in?ended=password`,
    });
    expect(await signOutTo(`${BASE}/agency`)).toEqual({ status: 302, location: `${BASE}/agency` });
  });
});
