import { describe, expect, it } from "vitest";
import { holdsContactDetails, MAX_REPEATED_WORDS, repeatableName, repeatableWords } from "./caller-words";

describe("a caller's words repeated in the business's texts and emails", () => {
  it("repeats a plain description, on one line", () => {
    expect(repeatableWords("  Kitchen sink\n drains slowly ")).toBe("Kitchen sink drains slowly");
    expect(repeatableWords("Water heater (40 gal.) leaks, e.g. at the valve; since 2019")).toBe(
      "Water heater (40 gal.) leaks, e.g. at the valve; since 2019",
    );
  });

  it("never repeats a link, an email address or a phone number someone typed", () => {
    for (const text of [
      "Your account is locked: verify at https://evil.example/login",
      "see www.evil.example",
      "go to bit.ly/abc123 now",
      "EVIL.EXAMPLE/claim",
      "write to help@evil.example",
      "call 512-555-0666 now",
      "call (512) 555 0666",
      "text +1 512.555.0666",
    ]) {
      expect(holdsContactDetails(text), text).toBe(true);
      expect(repeatableWords(text), text).toBeNull();
    }
  });

  it("does not repeat a description too long for one sentence", () => {
    expect(repeatableWords("a".repeat(MAX_REPEATED_WORDS))).toHaveLength(MAX_REPEATED_WORDS);
    expect(repeatableWords("a".repeat(MAX_REPEATED_WORDS + 1))).toBeNull();
    expect(repeatableWords("")).toBeNull();
    expect(repeatableWords(null)).toBeNull();
  });

  it("repeats the first word of a name only when it reads as a name", () => {
    expect(repeatableName("Ann Lee")).toBe("Ann");
    expect(repeatableName("O'Brien")).toBe("O'Brien");
    expect(repeatableName("Jean-Luc Picard")).toBe("Jean-Luc");
    expect(repeatableName("José")).toBe("José");
    expect(repeatableName("evil.example/x Lee")).toBeNull();
    expect(repeatableName("evil.example")).toBeNull();
    expect(repeatableName("5125550666")).toBeNull();
    expect(repeatableName("https://evil.example")).toBeNull();
    expect(repeatableName("a@b.co")).toBeNull();
    expect(repeatableName("   ")).toBeNull();
  });
});
