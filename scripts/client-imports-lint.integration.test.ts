// `npm run lint` keeps server code out of the browser: a component (components/) that imports a
// node built-in, the database client or a server-only module is refused; the same imports are fine
// on the server, and a type import is erased. (The rule sees a component's own imports: data a
// component shares with the server lives in a module without server imports.) An integration test
// because ESLint loads the whole config (seconds).
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();
const refusals = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages
    .filter((m) => m.ruleId === "no-restricted-imports")
    .map((m) => m.message);

describe("no server code in components", () => {
  // The same on every database engine: it runs once, in the PGlite pass of the suite.
  it.skipIf(!!process.env.TEST_DATABASE_URL)(
    "refuses node built-ins and server-only modules in a component, not on the server",
    async () => {
      const probe = "components/qa/probe.tsx";
      const browser = /A component runs in the browser/;
      expect(
        await refusals(`import { createHash } from "node:crypto";\nexport const h = createHash;\n`, probe),
      ).toEqual([expect.stringMatching(browser)]);
      expect(
        await refusals(`import { readFileSync } from "fs";\nexport const r = readFileSync;\n`, probe),
      ).toEqual([expect.stringMatching(browser)]);
      expect(await refusals(`import { env } from "@/server/env";\nexport const e = env;\n`, probe)).toEqual([
        expect.stringMatching(browser),
      ]);
      expect(
        await refusals(
          `import { forTenant } from "@/server/db/system";\nexport const f = forTenant;\n`,
          probe,
        ),
      ).toEqual([expect.stringMatching(browser)]);
      expect(
        await refusals(
          `import { Prisma } from "@/server/db/generated/client";\nexport const p = Prisma;\n`,
          probe,
        ),
      ).toEqual([expect.stringMatching(browser)]);
      // Client-safe: the generated enums, shared data without server imports, and types.
      expect(
        await refusals(
          `import { LeadStatus } from "@/server/db/generated/enums";\nimport { HANDOFF_QUESTIONS } from "@/server/reports/handoff-questions";\nimport type { Lead } from "@/server/db/generated/client";\nexport const x = [LeadStatus, HANDOFF_QUESTIONS] as const;\nexport type L = Lead;\n`,
          probe,
        ),
      ).toEqual([]);
      // The server may.
      expect(
        await refusals(
          `import { createHash } from "node:crypto";\nimport { env } from "@/server/env";\nexport const h = [createHash, env];\n`,
          "server/reports/probe.ts",
        ),
      ).toEqual([]);
    },
    60_000,
  );
});
