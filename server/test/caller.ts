// tRPC callers for integration tests: the same router the app serves, with a chosen session
// and tenant, through createCaller.
import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "@/server/db/generated/client";
import { systemDb } from "@/server/db/system";
import type { SessionClaims } from "@/server/auth/session-version";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

const createCaller = createCallerFactory(appRouter);

/** `user`: a person's id (signed in with the first session version, as a new account is) or a session's claims. */
export function callerFor(
  prisma: PrismaClient,
  user: string | SessionClaims | null,
  tenantSlug: string | null = null,
) {
  return createCaller({
    sys: systemDb(prisma),
    session: typeof user === "string" ? { userId: user, sessionVersion: 0 } : user,
    tenantSlug,
    ip: "127.0.0.1",
  });
}

/** Calls a procedure by its dotted path ("setup.addZips"), for tests that walk every procedure. */
export async function callProcedure(
  caller: ReturnType<typeof callerFor>,
  path: string,
  input: unknown,
): Promise<unknown> {
  let fn: unknown = caller;
  for (const part of path.split(".")) fn = (fn as Record<string, unknown>)[part];
  return (fn as (i: unknown) => Promise<unknown>)(input);
}

/** "OK", the tRPC error code, or "THREW <message>" for anything that is not a tRPC error. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (err) {
    return err instanceof TRPCError ? err.code : `THREW ${(err as Error).message}`;
  }
}

/** The tRPC error a call ends in, with the field the message is about; fails the test if it succeeds. */
export async function rejection(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; field?: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code: string; message: string; cause?: { field?: string } };
    return { code: e.code, message: e.message, field: e.cause?.field };
  }
  throw new Error("expected a rejection");
}
