// `npm run lint` fails on unformatted code: the format check (Prettier, with the project's
// .prettierrc.json and .prettierignore) passes on the tree as committed, and a file written by hand
// with the wrong wrapping, dropped into the tree, makes it exit non-zero and name that file.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function formatCheck() {
  const res = spawnSync("npm", ["run", "--silent", "format:check"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  return { status: res.status, output: `${res.stdout}${res.stderr}` };
}

describe("one formatter", () => {
  // The same on every database engine: it runs once, in the PGlite pass of the suite.
  it.skipIf(!!process.env.TEST_DATABASE_URL)(
    "the tree is formatted, and an unformatted file fails the check naming it",
    () => {
      const clean = formatCheck();
      expect(clean.output).toBe("");
      expect(clean.status).toBe(0);

      const probe = path.join("server", "test", `format-probe-${process.pid}.ts`);
      writeFileSync(path.join(root, probe), `export const a = {b:1,\n  c:   2}\n`);
      try {
        const unformatted = formatCheck();
        expect(unformatted.status).not.toBe(0);
        expect(unformatted.output).toContain(probe);
      } finally {
        rmSync(path.join(root, probe), { force: true });
      }
    },
    180_000,
  );
});
