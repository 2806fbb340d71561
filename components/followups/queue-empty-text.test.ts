import { describe, expect, it } from "vitest";
import { queueEmptyText } from "./queue-empty-text";

const missed = { name: "Missed call", enabled: true, autoSend: false };
const web = { name: "Web form", enabled: true, autoSend: false };

describe("the empty approval queue", () => {
  it("says what follow-ups are and when a draft appears here", () => {
    const t = queueEmptyText([missed, web]);
    expect(t.title).toBe("No follow-ups to approve");
    expect(t.body).toMatch(/has not booked/);
    expect(t.body).toMatch(/waits here until you approve, edit or skip it/);
    expect(t.body).not.toMatch(/without approval/);
  });

  it("names the sequences whose drafts never wait here", () => {
    expect(queueEmptyText([missed, { ...web, autoSend: true }]).body).toMatch(
      /Web form sends without approval, so its drafts never wait here\./,
    );
    expect(
      queueEmptyText([
        missed,
        { ...web, autoSend: true },
        { name: "Marketplace", enabled: true, autoSend: true },
      ]).body,
    ).toMatch(/Web form and Marketplace send without approval, so their drafts never wait here\./);
  });

  it("promises no drafts when every sequence is off or sends on its own", () => {
    const t = queueEmptyText([
      { ...missed, enabled: false },
      { ...web, autoSend: true },
    ]);
    expect(t.body).toMatch(/no drafts will wait here/);
    expect(t.body).not.toMatch(/waits here until you approve/);
  });
});
