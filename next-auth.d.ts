import "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string; name?: string | null; email?: string | null };
    /** The person's session version when they signed in (server/auth/session-version.ts). */
    sessionVersion: number;
  }
  interface User {
    sessionVersion?: number;
  }
}
