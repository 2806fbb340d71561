// `npm run lint` fails on an import cycle: two modules that import each other, dropped into the
// tree, make `npm run lint:cycles` (dpdm over app, components, server, …) exit non-zero and name them.
// An integration test because it runs the real check over the whole tree (tens of seconds).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function lintCycles() {
  const res = spawnSync("npm", ["run", "--silent", "lint:cycles"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  return { status: res.status, output: `${res.stdout}${res.stderr}` };
}

describe("import cycles", () => {
  // The same on every database engine: it runs once, in the PGlite pass of the suite.
  it.skipIf(!!process.env.TEST_DATABASE_URL)(
    "the tree has none, and a cycle fails the check naming its files",
    () => {
      const clean = lintCycles();
      expect(clean.output).toMatch(/no circular dependency/);
      expect(clean.status).toBe(0);

      const dir = path.join(root, "server", "test", `cycle-probe-${process.pid}`);
      mkdirSync(dir, { recursive: true });
      try {
        writeFileSync(path.join(dir, "a.ts"), `import { b } from "./b";\nexport const a = () => b;\n`);
        writeFileSync(
          path.join(dir, "b.ts"),
          `import { a } from "@/server/test/cycle-probe-${process.pid}/a";\nexport const b = () => a;\n`,
        );
        const cyclic = lintCycles();
        expect(cyclic.status).toBe(1);
        const probe = `server/test/cycle-probe-${process.pid}`;
        expect(
          [`${probe}/a.ts -> ${probe}/b.ts`, `${probe}/b.ts -> ${probe}/a.ts`].some((line) =>
            cyclic.output.includes(line),
          ),
        ).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
