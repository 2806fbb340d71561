// Signs in and out through next-auth's own route handlers (/api/auth/…), as the browser does: the
// CSRF cookie and token, the credentials form, the session cookie it sets, and what next-auth
// reads from that cookie.
import { handlers } from "@/server/auth/config";
import type { SessionClaims } from "@/server/auth/session-version";

const ORIGIN = "http://localhost:3000";
export const SESSION_COOKIE = "authjs.session-token";

/** Cookies as a browser keeps them: name → value. */
type Jar = Map<string, string>;

function keep(jar: Jar, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
}

const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function csrf(jar: Jar): Promise<string> {
  const res = await handlers.GET(
    new Request(`${ORIGIN}/api/auth/csrf`, { headers: { cookie: cookieHeader(jar) } }) as never,
  );
  keep(jar, res);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

async function post(jar: Jar, path: string, form: Record<string, string>): Promise<Response> {
  // The CSRF cookie goes into the jar first: the form's token is checked against it.
  const csrfToken = await csrf(jar);
  const res = await handlers.POST(
    new Request(`${ORIGIN}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
      body: new URLSearchParams({ ...form, csrfToken }).toString(),
    }) as never,
  );
  keep(jar, res);
  return res;
}

/** Signs in with the sign-in form: the session cookie's value, or null when sign-in was refused. */
export async function signInCookie(email: string, password: string): Promise<string | null> {
  const jar: Jar = new Map();
  await post(jar, "/api/auth/callback/credentials", { email, password, callbackUrl: `${ORIGIN}/` });
  return jar.get(SESSION_COOKIE) || null;
}

/** Presses "Sign out" with this session cookie. */
export async function signOutWith(sessionCookie: string): Promise<void> {
  const jar: Jar = new Map([[SESSION_COOKIE, sessionCookie]]);
  await post(jar, "/api/auth/signout", { callbackUrl: `${ORIGIN}/sign-in` });
  if (jar.get(SESSION_COOKIE)) throw new Error("sign-out left the session cookie in place");
}

/** What a session cookie says, as `auth()` reads it for the app (server/auth/session.ts): next-auth's own session answer. */
export async function claimsOf(sessionCookie: string): Promise<SessionClaims> {
  const res = await handlers.GET(
    new Request(`${ORIGIN}/api/auth/session`, {
      headers: { cookie: `${SESSION_COOKIE}=${sessionCookie}` },
    }) as never,
  );
  const session = (await res.json()) as { user?: { id?: string }; sessionVersion?: number } | null;
  if (!session?.user?.id || session.sessionVersion === undefined) throw new Error("not a session cookie");
  return { userId: session.user.id, sessionVersion: session.sessionVersion };
}
