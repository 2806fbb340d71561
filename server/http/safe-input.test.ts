import { describe, expect, it } from "vitest";
import { z } from "zod";
import { issueSentence } from "@/server/trpc/zod-sentences";
import {
  findUnsafeInput,
  isDateInBounds,
  textProblem,
  zDate,
  zDateTimeString,
  zDay,
  zMonth,
  zText,
} from "./safe-input";

const sentences = (schema: z.ZodType, input: unknown) => {
  const parsed = z.object({ field: schema }).safeParse({ field: input });
  return parsed.success ? [] : parsed.error.issues.map(issueSentence);
};

describe("safe input", () => {
  it("finds control characters and lone surrogates, and lets tabs, line breaks and emoji through", () => {
    expect(textProblem("a\u0000b")).toBe("control");
    expect(textProblem("bell\u0007")).toBe("control");
    expect(textProblem("c1\u0085")).toBe("control");
    expect(textProblem("\ud800")).toBe("surrogate");
    expect(textProblem("x\udfffy")).toBe("surrogate");
    expect(textProblem("line one\nline two\tand a tab\r\n")).toBeNull();
    expect(textProblem("a\nb", false)).toBe("line_break");
    expect(textProblem("water heater 😀 ñ 水")).toBeNull();
  });

  it("keeps dates within 2000-01-01 and 2100-12-31", () => {
    expect(isDateInBounds(new Date("2000-01-01T00:00:00Z"))).toBe(true);
    expect(isDateInBounds(new Date("2100-12-31T23:59:59Z"))).toBe(true);
    expect(isDateInBounds(new Date("1999-12-31T23:59:59Z"))).toBe(false);
    expect(isDateInBounds(new Date("9999-06-01T00:00:00Z"))).toBe(false);
    expect(isDateInBounds(new Date(Number.NaN))).toBe(false);
  });

  it("walks an input and names the first unsafe field, in words or as sent", () => {
    expect(findUnsafeInput({ leadId: "l1", notes: "ok" })).toBeNull();
    expect(findUnsafeInput({ lead: { businessName: "A\u0000" } })).toEqual({
      field: "lead.businessName",
      message: "Business name has a control character that can't be stored: remove it and try again.",
    });
    expect(findUnsafeInput({ externalJobId: "\ud83d" }, "as-sent")).toEqual({
      field: "externalJobId",
      message: "externalJobId has a broken character that can't be stored: retype it and try again.",
    });
    expect(findUnsafeInput({ dueAt: new Date("0000-01-01T00:00:00Z") })?.field).toBe("dueAt");
    expect(findUnsafeInput({ zips: ["78701", "7870\u0000"] })?.field).toBe("zips.1");
    expect(findUnsafeInput({ "\u0000": 1 })?.message).toMatch(/^A field name/);
    expect(findUnsafeInput("\u0000")?.field).toBe("input");
  });

  it("zText trims, turns pasted line breaks into spaces on one-line fields, keeps them in notes, and refuses NUL", () => {
    expect(zText(20).parse("  Smith\nPlumbing ")).toBe("Smith Plumbing");
    expect(zText(100, { multiline: true }).parse("first line\nsecond line")).toBe("first line\nsecond line");
    expect(sentences(zText(20), "Smith\u0000")).toEqual([
      "Field has a control character that can't be stored: remove it and try again.",
    ]);
    expect(sentences(zText(5, { maxMessage: "Too long for a name." }), "abcdefgh")).toEqual([
      "Too long for a name.",
    ]);
  });

  it("date types refuse years 0000 and 9999 with a sentence naming the field", () => {
    expect(sentences(zDateTimeString(), "0000-01-01T00:00:00Z")).toEqual([
      "Field must be a date between 2000-01-01 and 2100-12-31.",
    ]);
    expect(zDateTimeString().parse("2026-11-01T00:00:00+02:00")).toBe("2026-11-01T00:00:00+02:00");
    expect(sentences(zDate(), new Date("9999-06-01T00:00:00Z"))).toEqual([
      "Field must be a date between 2000-01-01 and 2100-12-31.",
    ]);
    expect(zDate().parse("2026-12-08T15:00:00Z")).toEqual(new Date("2026-12-08T15:00:00Z"));
    expect(sentences(zMonth(), "9999-12")).toHaveLength(1);
    expect(sentences(zMonth(), "2026-03")).toEqual([]);
    expect(sentences(zDay(), "2026-02-30")).toHaveLength(1);
    expect(sentences(zDay(), "0000-01-01")).toHaveLength(1);
    expect(sentences(zDay(), "2026-03-02")).toEqual([]);
  });
});
