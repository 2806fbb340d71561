// Named prepared statements on PostgreSQL. @prisma/adapter-pg sends every statement unnamed, so
// PostgreSQL parses, analyses and plans it on every run; the first webhook's one statement (five
// inserts as CTEs) spent about as long there as executing. Given a name, pg prepares a statement
// once per connection and later sends only bind and execute, and PostgreSQL keeps its plan once a
// generic plan costs no more than the custom ones (after five runs).
//
// pg's client keeps every named statement of a connection for the connection's life, and so does
// the PostgreSQL backend (measured: 8–64 KB each, ~20 KB on average; the first webhook's is the
// 64 KB one); the adapter gives no way to DEALLOCATE one. So the rule is a cap, never an eviction:
// a database's pools name at most `cap` distinct SQL texts between them, and once all are given
// out any other text runs unnamed, as every statement did before. A connection therefore holds at
// most `cap` prepared statements (~4 MB at 200).
//
// Which texts get a name:
// - Only statements with bound parameters. A statement without any keeps the simple protocol it
//   had: BEGIN and COMMIT, and texts that hold several commands or VACUUM (seed and bench scripts).
// - Only from the second time a text runs. A text that varies (an IN list as long as its list,
//   the migration engine's bookkeeping, a one-off script) is usually run once and never takes a
//   place under the cap; the call path's statements repeat from the first calls. Texts seen once
//   (and texts refused a name) are remembered up to SEEN_ONCE_LIMIT each (a few MB of text at
//   most), then forgotten all at once: a forgotten text needs two more runs to be named, nothing
//   else changes.
// - Not a text with `*` in it (other than count(*)). A prepared statement fixes the columns it
//   returns, and PostgreSQL refuses to run it once they would change ("cached plan must not
//   change result type"). The tests cannot meet that: each file creates and migrates its database
//   before its first query, and none changes a table after. Production migrates before the new
//   release starts, but the previous release's instances are still serving on their connections:
//   a migration that adds a column to a table that `RETURNING *` or `SELECT l.*` reads would fail
//   that statement in each of them until it restarts. A statement that lists its columns (all of
//   Prisma's, and the call path's raw SQL: columns.ts) keeps its shape, and PostgreSQL plans it
//   again after the migration by itself. A migration that drops or retypes a column an older
//   release reads breaks that release with or without prepared statements.
//
// The name is the text's place in the order it was named (`lr_1`, `lr_2`, …), kept in a map from
// the text: one name per text and one text per name, so two texts can never meet under one name
// (pg refuses that) as two texts with the same hash could.
import type { SqlQuery } from "@prisma/driver-adapter-utils";

/**
 * How many distinct texts a database names. The whole integration suite on PostgreSQL runs ~1,100
 * distinct parameterised texts, ~750 of them more than once in a process, and at most ~210 in one
 * test file's process; the call path needs 3 (the first webhook's, an intake turn's two). Prisma's
 * own engine, before driver adapters, kept 100 per connection and evicted the oldest.
 */
export const NAMED_STATEMENTS = 200;
export const SEEN_ONCE_LIMIT = 1_000;

/** A text whose result columns depend on a table's shape, or that multiplies: never named. */
const STAR = /\*/;
const COUNT_STAR = /count\(\*\)/gi;

export function mayBeNamed(sql: string): boolean {
  return !STAR.test(sql.replace(COUNT_STAR, ""));
}

/**
 * The statement name generator for one pool: a name for a text from its second run, while fewer
 * than `cap` texts have one; "" (pg's unnamed statement) otherwise.
 */
export function statementNamer(cap = NAMED_STATEMENTS) {
  const names = new Map<string, string>();
  // Texts seen once, and texts refused a name: both forgotten all at once when they grow too long.
  const seenOnce = new Set<string>();
  const refused = new Set<string>();
  const remember = (set: Set<string>, sql: string) => {
    if (set.size >= SEEN_ONCE_LIMIT) set.clear();
    set.add(sql);
  };
  const name = (query: Pick<SqlQuery, "sql" | "args">): string => {
    if (query.args.length === 0) return "";
    const known = names.get(query.sql);
    if (known !== undefined) return known;
    if (names.size >= cap || refused.has(query.sql)) return "";
    if (!seenOnce.delete(query.sql)) {
      remember(seenOnce, query.sql);
      return "";
    }
    if (!mayBeNamed(query.sql)) {
      remember(refused, query.sql);
      return "";
    }
    const given = `lr_${names.size + 1}`;
    names.set(query.sql, given);
    if (names.size >= cap) {
      seenOnce.clear();
      refused.clear();
    }
    return given;
  };
  return Object.assign(name, { named: () => names.size });
}
