// A text cut at a limit keeps whole characters: an emoji is never split into half a surrogate pair.
import { describe, expect, it } from "vitest";
import { cutText } from "./cut-text";

describe("cutting texts by characters", () => {
  it("keeps an emoji that ends exactly at the limit whole", () => {
    const text = `${"x".repeat(1599)}😀`;
    expect(text.length).toBe(1601);
    expect(cutText(text, 1600)).toBe(text);
    expect(text.slice(0, 1600)).not.toBe(text); // what a UTF-16 cut does: half an emoji
  });

  it("leaves out an emoji past the limit instead of storing half of it", () => {
    const cut = cutText(`${"x".repeat(1600)}😀`, 1600);
    expect(cut).toBe("x".repeat(1600));
    expect(cutText("😀😀😀", 2)).toBe("😀😀");
    expect(cutText("short", 10)).toBe("short");
  });
});
