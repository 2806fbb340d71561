// next-auth (v5) behind one small module: email + password sign-in, JWT sessions that carry the
// user id and their session version; memberships are read fresh on every request
// (server/agency/tenant-access.ts), and so is the version: an older session is refused
// (server/auth/session-version.ts). Signing out ends every session of the person.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/server/env";
import { getSystemDb } from "@/server/db";
import { endSessions } from "./session-version";
import { verifySignInRequest } from "./verify-credentials";
import { authRedirect } from "./safe-redirect";

class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}
class Throttled extends CredentialsSignin {
  override code = "throttled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/sign-in" },
  logger: {
    // A wrong password is an expected event (it is in the audit log), not an error stack.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin")
        return;
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!email || !password) throw new InvalidCredentials();
        const result = await verifySignInRequest(await getSystemDb(), { email, password }, request);
        if (!result.ok) throw result.reason === "throttled" ? new Throttled() : new InvalidCredentials();
        const { id, email: shown, name, sessionVersion } = result.user;
        return { id, email: shown, name, sessionVersion };
      },
    }),
  ],
  callbacks: {
    redirect: authRedirect,
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = user.sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      // A cookie from before session versions counts as the first version.
      session.sessionVersion = typeof token.sv === "number" ? token.sv : 0;
      return session;
    },
  },
  events: {
    // The sign-out route: this cookie is cleared by next-auth, and every other copy of it (and
    // every other session of the person) stops counting from its next request.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (typeof token?.uid !== "string") return;
      await endSessions(await getSystemDb(), {
        userId: token.uid,
        sessionVersion: typeof token.sv === "number" ? token.sv : 0,
      });
    },
  },
});
