import { describe, expect, it } from "vitest";
import { temperatureBand, temperatureChangeLine, temperatureOf } from "./temperature";

const now = new Date("2026-11-20T15:00:00Z");
const ago = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe("temperature scoring", () => {
  it("scores a fresh emergency that wants a visit as extremely hot (90-100: immediate human intervention)", () => {
    const t = temperatureOf({ urgency: "emergency", status: "followup_needed", createdAt: ago(0.1) }, now);
    expect(t).toBeGreaterThanOrEqual(90);
    expect(temperatureBand(t).key).toBe("extremely_hot");
  });

  it("cools down with time: the same lead a week later is colder", () => {
    const fresh = temperatureOf({ urgency: "normal", status: "answered_by_ai", createdAt: ago(0.2) }, now);
    const old = temperatureOf({ urgency: "normal", status: "answered_by_ai", createdAt: ago(24 * 8) }, now);
    expect(fresh).toBeGreaterThan(old);
    expect(temperatureBand(old).key).toBe("cold");
  });

  it("warms up with engagement and booking intent", () => {
    const base = { urgency: "normal" as const, createdAt: ago(30) };
    const quiet = temperatureOf({ ...base, status: "not_booked" }, now);
    const engaged = temperatureOf({ ...base, status: "not_booked", touchpoints: 2 }, now);
    const booked = temperatureOf({ ...base, status: "booked", touchpoints: 2 }, now);
    expect(engaged).toBeGreaterThan(quiet);
    expect(booked).toBeGreaterThan(engaged);
  });

  it("keeps out-of-area and closed leads cold", () => {
    expect(
      temperatureBand(
        temperatureOf({ urgency: "emergency", status: "not_booked", createdAt: ago(0), inArea: false }, now),
      ).key,
    ).toBe("cold");
    expect(temperatureOf({ urgency: "emergency", status: "closed", createdAt: ago(0) }, now)).toBe(0);
  });

  it("uses the temperature bands: 90-100, 70-89, 50-69, 30-49, 0-29", () => {
    expect([100, 90, 89, 70, 69, 50, 49, 30, 29, 0].map((s) => temperatureBand(s).key)).toEqual([
      "extremely_hot",
      "extremely_hot",
      "hot",
      "hot",
      "warm",
      "warm",
      "cool",
      "cool",
      "cold",
      "cold",
    ]);
  });

  it("a new temperature goes on the timeline, with why, only when its band changes", () => {
    expect(temperatureChangeLine(50, 75, "the caller replied")).toEqual({
      type: "lead.temperature_changed",
      data: { from: 50, to: 75, band: "Hot", why: "the caller replied" },
    });
    expect(temperatureChangeLine(50, 65, "the caller replied")).toBeNull();
  });
});
