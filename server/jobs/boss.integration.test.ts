// pg-boss runs on the same database engine as the app (PGlite in-process, PostgreSQL in CI).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engineName } from "@/server/test/test-db";
import { createBoss, type Boss } from "./boss";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let boss: Boss;
beforeAll(async () => {
  db = await createTestDatabase();
  boss = createBoss(db, { schedule: false });
  boss.on("error", () => {});
  await boss.start();
});
afterAll(async () => {
  await boss.stop({ graceful: false });
  await db.drop();
});

describe(`jobs on ${engineName}`, () => {
  it("runs a queued job once, even when the same singleton key is sent twice", async () => {
    await boss.createQueue("test.once", { policy: "short" });
    const seen: string[] = [];
    await boss.work<{ n: string }>("test.once", { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      seen.push(job!.data.n);
    });
    const a = await boss.send("test.once", { n: "first" }, { singletonKey: "k1" });
    const b = await boss.send("test.once", { n: "second" }, { singletonKey: "k1" });
    expect(a).toBeTruthy();
    expect(b).toBeNull();
    await expect.poll(() => seen, { timeout: 15_000 }).toEqual(["first"]);
  });
});
