// A system change (an inbound text) that lost a race with another change of the same lead is
// tried again on the lead as it is now; any other failure is not.
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { retryOnConflict } from "./apply-lead-change";

const conflict = () => new AppError("CONFLICT", "Someone else changed this lead a moment ago.");

describe("retryOnConflict", () => {
  it("runs the write again when the lead changed between its read and its write", async () => {
    let calls = 0;
    const result = await retryOnConflict(async () => {
      calls += 1;
      if (calls === 1) throw conflict();
      return "written";
    });
    expect({ result, calls }).toEqual({ result: "written", calls: 2 });
  });

  it("gives up after three tries, with the writer's own refusal", async () => {
    let calls = 0;
    await expect(
      retryOnConflict(async () => {
        calls += 1;
        throw conflict();
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(calls).toBe(3);
  });

  it("never retries any other failure", async () => {
    let calls = 0;
    await expect(
      retryOnConflict(async () => {
        calls += 1;
        throw new AppError("BAD_REQUEST", "Emergency work cannot sit unowned.");
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(calls).toBe(1);
  });
});
