import { describe, expect, it } from "vitest";
import { mayBeNamed, NAMED_STATEMENTS, SEEN_ONCE_LIMIT, statementNamer } from "./statement-names";

const q = (sql: string, args: unknown[] = [1]) => ({ sql, args });

describe("which statements are prepared by name", () => {
  it("names a text from its second run, one name per text and one text per name", () => {
    const name = statementNamer();
    expect(name(q("SELECT $1 AS a"))).toBe("");
    const a = name(q("SELECT $1 AS a"));
    expect(a).not.toBe("");
    expect(name(q("SELECT $1 AS a"))).toBe(a);
    name(q("SELECT $1 AS b"));
    const b = name(q("SELECT $1 AS b"));
    expect(b).not.toBe("");
    expect(b).not.toBe(a);
    expect(name(q("SELECT $1 AS a"))).toBe(a);
  });

  it("leaves statements without parameters on the simple protocol (BEGIN, several commands, VACUUM)", () => {
    const name = statementNamer();
    for (let i = 0; i < 3; i++) {
      expect(name(q("BEGIN", []))).toBe("");
      expect(name(q(`CREATE TABLE x (a int); INSERT INTO x VALUES (1)`, []))).toBe("");
    }
  });

  it("never names a text whose columns come from a table's shape (* other than count(*))", () => {
    expect(mayBeNamed(`SELECT count(*) FROM "Lead" WHERE "tenantId" = $1`)).toBe(true);
    expect(mayBeNamed(`SELECT COUNT(*)::int AS n FROM "Lead" WHERE "tenantId" = $1`)).toBe(true);
    expect(mayBeNamed(`UPDATE "Call" SET "turn" = $1 RETURNING *`)).toBe(false);
    expect(mayBeNamed(`WITH f AS (UPDATE "Lead" l SET x = $1 RETURNING l.*) SELECT * FROM f`)).toBe(false);
    expect(mayBeNamed(`SELECT "a" * $1 FROM t`)).toBe(false);
    const name = statementNamer();
    for (let i = 0; i < 4; i++) expect(name(q(`UPDATE "Call" SET "turn" = $1 RETURNING *`))).toBe("");
  });

  it("names at most `cap` texts; any other text runs unnamed, and the named keep their names", () => {
    const name = statementNamer(3);
    const names = new Map<string, string>();
    for (let i = 0; i < 50; i++) {
      const sql = `SELECT $1 AS c${i}`;
      name(q(sql));
      names.set(sql, name(q(sql)));
    }
    const given = [...names.values()].filter(Boolean);
    expect(given).toEqual(["lr_1", "lr_2", "lr_3"]);
    expect(name.named()).toBe(3);
    for (const [sql, n] of names) expect(name(q(sql))).toBe(n);
    expect(NAMED_STATEMENTS).toBeGreaterThan(0);
  });

  it("a text that varies with its arguments (an IN list) is named only once it repeats", () => {
    const name = statementNamer(10);
    // One run each of IN lists of 1 to 200 items: none takes a place under the cap.
    for (let n = 1; n <= 200; n++) {
      const list = Array.from({ length: n }, (_, i) => `$${i + 1}`).join(", ");
      expect(name(q(`SELECT "id" FROM "Lead" WHERE "id" IN (${list})`))).toBe("");
    }
    expect(name.named()).toBe(0);
  });

  it("remembers at most SEEN_ONCE_LIMIT texts seen once: past it a text needs two more runs", () => {
    const name = statementNamer();
    name(q("SELECT $1 AS early"));
    for (let i = 0; i < SEEN_ONCE_LIMIT; i++) name(q(`SELECT $1 AS once${i}`));
    expect(name(q("SELECT $1 AS early"))).toBe("");
    expect(name(q("SELECT $1 AS early"))).not.toBe("");
  });
});
