// tRPC setup: context, error shape, and the procedure kinds. `tenantProcedure` is the one tenant
// gate: it resolves the tenant from the session + requested slug, checks the procedure's
// permission (its `meta.permission`), and hands the procedure a tenant-scoped Prisma client (and
// no other: `ctx.sys` is undefined in a tenant procedure).
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { issueSentence } from "./zod-sentences";
import { logInternalError, somethingWentWrong } from "@/server/http/error-ref";
import { findUnsafeInput } from "@/server/http/safe-input";
import { forTenant, type SystemDb } from "@/server/db/system";
import { AppError } from "@/server/errors";
import { can, type Permission } from "@/server/auth/permissions";
import { resolveTenantAccess } from "@/server/agency/tenant-access";
import { resolveAgencyAccess } from "@/server/agency/agency-access";
import { personOfSession, sessionEnded, type SessionClaims } from "@/server/auth/session-version";

export type TRPCContext = {
  /** The whole database, opaque: procedures get a tenant's scoped client (`db`) from the tenant gate. */
  sys: SystemDb;
  /** What the session cookie says; whether it still counts is checked by each gate's read of the person. */
  session: SessionClaims | null;
  /** The tenant the request is for (the `x-tenant` header, from the URL the user is on). */
  tenantSlug: string | null;
  ip: string | null;
};

export type Meta = { permission?: Permission };

const t = initTRPC
  .context<TRPCContext>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, path }) {
      // An internal error's message (a database's, a library's) is never shown: it is logged
      // under a reference, and the answer carries only that reference.
      if (error.code === "INTERNAL_SERVER_ERROR") {
        const ref = logInternalError(`tRPC ${path ?? "request"}`, error.cause ?? error);
        return { ...shape, message: somethingWentWrong(ref), data: { ...shape.data, stack: undefined, ref } };
      }
      const cause = error.cause;
      const field = cause instanceof AppError ? cause.field : undefined;
      const zod =
        cause instanceof ZodError
          ? cause.issues.map((i) => ({ field: i.path.join("."), message: issueSentence(i) }))
          : cause instanceof AppError
            ? cause.fieldErrors
            : undefined;
      // Validation errors read as sentences that name the field, not JSON or validator text.
      const message = zod ? zod.map((z) => z.message).join(" ") : shape.message;
      // No stack trace in any mode: tRPC adds one whenever NODE_ENV is not "production", and
      // `npm run dev` is how the README runs the app (server paths and validator internals).
      return { ...shape, message, data: { ...shape.data, stack: undefined, field, fieldErrors: zod } };
    },
  });

/**
 * Headers every tRPC answer carries: it holds people's leads, names and numbers, read with the
 * session cookie, so no browser or proxy cache keeps it (a shared computer's back button, a CDN).
 */
export const responseMeta = () => ({ headers: new Headers({ "cache-control": "no-store" }) });

const TRPC_CODE = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
} as const;

/** Maps domain errors to tRPC errors, keeping the message people read and the field. */
const appErrors = t.middleware(async ({ next }) => {
  const res = await next();
  if (!res.ok && res.error.cause instanceof AppError) {
    const cause = res.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  return res;
});

/**
 * The safe-input boundary (server/http/safe-input.ts), before any input schema runs: text the
 * database cannot store or a date outside 2000–2100 is a 400 naming the field.
 */
const safeInput = t.middleware(async ({ getRawInput, next }) => {
  const unsafe = findUnsafeInput(await getRawInput());
  if (unsafe) throw new AppError("BAD_REQUEST", unsafe.message, unsafe.field);
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(appErrors).use(safeInput);

/** A session cookie came with the request. Each procedure kind below checks, in its own read of the person, that it still counts. */
const withSession = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

/** Signed in, as a person (not in a business): `ctx.user`, read fresh, with a session that still counts. */
export const protectedProcedure = withSession.use(async ({ ctx, next }) => {
  const user = await personOfSession(ctx.sys, ctx.session);
  if (!user) throw sessionEnded();
  return next({ ctx: { ...ctx, user } });
});

export const tenantProcedure = withSession.use(async ({ ctx, meta, next }) => {
  if (!ctx.tenantSlug) throw new TRPCError({ code: "BAD_REQUEST", message: "No business selected." });
  const access = await resolveTenantAccess(ctx.sys, ctx.session, ctx.tenantSlug);
  // Same answer for "does not exist" and "not yours": no probing for other tenants' slugs.
  if (!access)
    throw new TRPCError({ code: "FORBIDDEN", message: "You do not have access to this business." });
  if (!meta?.permission)
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Procedure has no permission set." });
  if (!can(access.role, meta.permission)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `Your role (${access.role}) cannot do this. Ask an owner.`,
    });
  }
  return next({
    ctx: {
      ...ctx,
      // A tenant procedure has this tenant's client and nothing wider: the system handle is gone
      // from its context (a cross-tenant read belongs in a webhook, a job or a named lookup).
      sys: undefined,
      tenant: access,
      tenantId: access.tenantId,
      role: access.role,
      userId: ctx.session.userId,
      db: forTenant(ctx.sys, access.tenantId),
    },
  });
});

// ── agency ──
/** The agency gate: operators only. The agency is the input's `agencyId`, else the operator's first agency. */
export const agencyProcedure = withSession.use(async ({ ctx, getRawInput, next }) => {
  const raw = await getRawInput();
  const requested =
    raw && typeof raw === "object" && "agencyId" in raw && typeof raw.agencyId === "string"
      ? raw.agencyId
      : null;
  const agency = await resolveAgencyAccess(ctx.sys, ctx.session, requested);
  return next({ ctx: { ...ctx, agency, agencyId: agency.agencyId, userId: ctx.session.userId } });
});
