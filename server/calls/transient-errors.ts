// Which failures mean "the database is not answering well right now" (wait and retry) rather
// than "the database refuses this data" (poisoned). A database that answers `SELECT 1` can still
// time out a connection, run out of pool slots, cancel a statement or abort a transaction on a
// deadlock; moving such a file to failed/ would lose its salvage to a race (ADR 0004).
import { AppError } from "@/server/errors";

/** Prisma's codes for an unreachable, slow or busy database, a closed transaction, a write conflict. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2034"]);
/** The driver adapters' kinds for the same. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionAlreadyClosed",
  "TransactionWriteConflict",
  "TlsConnectionError",
]);
/**
 * PostgreSQL SQLSTATE classes: 08 connection exception, 40 transaction rollback (serialization,
 * deadlock), 53 insufficient resources, 57 operator intervention (statement timeout, shutdown),
 * 55P03 lock not available, 25P03 idle-in-transaction timeout.
 */
const SQLSTATE = /^(08|40|53|57)|^55P03$|^25P03$/;
const MESSAGE =
  /time(d)? ?out|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EHOSTUNREACH|connection (terminated|closed|refused|reset|ended)|Connection terminated|too many (clients|connections)|connection pool|Unable to start a transaction|Transaction already closed|Transaction not found|no answer within|deadline passed/i;

function codesOf(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== "object" || depth > 5) return [];
  const e = err as {
    code?: unknown;
    kind?: unknown;
    originalCode?: unknown;
    meta?: { driverAdapterError?: unknown };
    cause?: unknown;
  };
  const own = [e.code, e.kind, e.originalCode].filter((v): v is string => typeof v === "string");
  return [...own, ...codesOf(e.meta?.driverAdapterError, depth + 1), ...codesOf(e.cause, depth + 1)];
}

function messagesOf(err: unknown, depth = 0): string[] {
  if (!err || depth > 5) return [];
  const message = err instanceof Error ? err.message : typeof err === "string" ? err : "";
  return [message, ...messagesOf((err as { cause?: unknown }).cause, depth + 1)];
}

/** True when retrying later can succeed: the database (or the way to it) was busy, slow or away. */
export function isTransientDatabaseError(err: unknown): boolean {
  // The office changed the lead in the same instant: the writer's optimistic check.
  if (err instanceof AppError) return err.code === "CONFLICT";
  if (codesOf(err).some((c) => PRISMA_CODES.has(c) || ADAPTER_KINDS.has(c) || SQLSTATE.test(c))) return true;
  return messagesOf(err).some((m) => MESSAGE.test(m));
}
