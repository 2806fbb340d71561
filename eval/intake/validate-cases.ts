// Checks every case file against the format: `npx tsx eval/intake/validate-cases.ts`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ZEvalFile } from "./case-schema";

const ids = new Set<string>();
let count = 0;
let bad = 0;
for (const dir of ["cases", "held-out"]) {
  const folder = path.join(import.meta.dirname, dir);
  for (const file of readdirSync(folder).filter((f) => f.endsWith(".json"))) {
    const parsed = ZEvalFile.safeParse(JSON.parse(readFileSync(path.join(folder, file), "utf8")));
    if (!parsed.success) {
      bad++;
      console.error(
        `${dir}/${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
      continue;
    }
    for (const c of parsed.data) {
      if (ids.has(c.id)) {
        bad++;
        console.error(`${dir}/${file}: duplicate id ${c.id}`);
      }
      ids.add(c.id);
      count++;
    }
  }
}
console.log(`${count} cases, ${bad} problems`);
process.exit(bad ? 1 : 0);
