// What the spool keeps on disk: a recovered webhook's file (callers' numbers and words) is deleted
// once the database has it; files the database refused stay in failed/ for 30 days, then go.
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/server/db/system";
import { env } from "@/server/env";
import { makeTestBusiness, type TestBusiness } from "@/server/test/test-business";
import { engineName, useTestDatabase } from "@/server/test/test-db";
import {
  FAILED_DIR,
  FAILED_RETENTION_DAYS,
  pruneSpool,
  recoverSpooledCalls,
  SMS_PATHS,
  spoolWebhook,
} from "./spool";

let db: Awaited<ReturnType<typeof useTestDatabase>>;
let biz: TestBusiness;

beforeAll(async () => {
  db = await useTestDatabase();
  biz = await makeTestBusiness(db.prisma);
});
afterAll(() => db?.drop());

const DAY = 86_400_000;
const age = (file: string, days: number) => {
  const at = new Date(Date.now() - days * DAY);
  utimesSync(file, at, at);
};

describe(`spool retention (${engineName})`, () => {
  it("deletes a spooled text once it is recovered, leaving no copy of the caller's words", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lr-spool-"));
    await spoolWebhook(
      {
        path: SMS_PATHS.inbound,
        form: {
          AccountSid: env.TWILIO_ACCOUNT_SID,
          MessageSid: `SM${"5".repeat(32)}`,
          From: "+17375550199",
          To: biz.trackingNumber,
          Body: "my basement is flooding",
          NumMedia: "0",
        },
        receivedAt: new Date().toISOString(),
        error: "connection refused",
      },
      dir,
    );
    expect(await recoverSpooledCalls(systemDb(db.prisma), dir)).toMatchObject({
      recovered: 1,
      failed: 0,
      left: 0,
    });
    expect(await db.prisma.message.count({ where: { fromNumber: "+17375550199" } })).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it(`keeps failed/ files for ${FAILED_RETENTION_DAYS} days after they were moved there, and removes .done files left by earlier versions`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lr-spool-"));
    const failed = path.join(dir, FAILED_DIR);
    mkdirSync(failed);
    const put = (name: string, days: number) => {
      const file = path.join(failed, name);
      writeFileSync(file, "{}");
      age(file, days);
    };
    // Moved 31 days ago (the webhook itself is older still): deleted with its note.
    put("old.json", 40);
    put("old.json.error.txt", FAILED_RETENTION_DAYS + 1);
    // Spooled long ago but moved yesterday: kept.
    put("recent.json", 60);
    put("recent.json.error.txt", 1);
    writeFileSync(path.join(dir, "1733400000000-CAold.json.done"), "{}");
    const { deleted } = await pruneSpool(dir, new Date());
    expect(deleted).toBe(3);
    expect(readdirSync(failed).sort()).toEqual(["recent.json", "recent.json.error.txt"]);
    expect(readdirSync(dir).sort()).toEqual([FAILED_DIR]);
  });
});
