// The call after what the twenty-seventh held-out batch taught: the address said after the name
// once an emergency is flagged (with no street type), a mess that is over is not escalated, the ZIP
// put right at the read-back (never read as a house number), and a spelled name fixed at the
// read-back. Each lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import { conversation, last, MONDAY_MORNING } from "@/server/test/call-conversation";
import type { CallState } from "@/server/voice/state-machine";

const CTX = MONDAY_MORNING;
const { converse, hear, afterTransferFailed } = conversation(CTX);

/** A routine visit booked for Thursday, at its read-back. */
function atReadBack(name = "Oscar Villanueva"): CallState {
  const r = last(
    converse([
      "78701",
      "the outside spigot leaks from the handle",
      name,
      "yes, come take a look",
      "5806 Berkman Drive",
      "Thursday morning",
    ]),
  );
  expect(r.state.stage).toBe("confirm");
  return r.state;
}

describe("the address said after the name, once an emergency is flagged", () => {
  it("is kept with no street type, and not asked for again", () => {
    const state = afterTransferFailed(
      "water is gushing out of the ground in my front yard and running into the street",
    );
    for (const [said, address] of [
      ["Gilbert Navarro, I'm at 1510 Alta Vista, the corner house.", "1510 Alta Vista"],
      ["its gilbert navarro im at fifteen ten alta vista", "1510 Alta Vista"],
      ["Rosa Quiroz, 902 Oltorf.", "902 Oltorf"],
    ] as const) {
      const r = hear(state, said);
      expect(r.state.fields.address, said).toBe(address);
      expect(r.state.stage, said).toBe("ended");
      expect(r.say, said).not.toMatch(/what's the address/i);
    }
  });

  it("is not a time said at the visit offer", () => {
    for (const said of ["yes, can he come at 10 tomorrow", "sure, send someone, at 11 or so works"]) {
      const r = last(converse(["78701", "my kitchen sink is clogged", "Dana Ruiz", said]));
      expect(r.state.fields.address, said).toBeUndefined();
      expect(r.say, said).toMatch(/What's the street address/);
    }
    const r = last(
      converse([
        "78701",
        "my kitchen sink is clogged",
        "Dana Ruiz",
        "yeah send someone, I'm at 12 Oaks Drive",
      ]),
    );
    expect(r.state.fields.address).toBe("12 Oaks Drive");
  });

  it("is not made of a number that is no house number", () => {
    const state = afterTransferFailed(
      "water is gushing out of the ground in my front yard and running into the street",
    );
    const r = hear(state, "Gilbert Navarro, I've been waiting 20 minutes already");
    expect(r.state.fields.callerName).toBe("Gilbert Navarro");
    expect(r.state.fields.address).toBeUndefined();
    expect(r.state.stage).toBe("address");
  });
});

describe("an overflow that is over", () => {
  it("is a visit, not a transfer, when the caller stopped it at the valve and mopped up", () => {
    const r = last(
      converse([
        "78701",
        "my son flushed a toy and the toilet went everywhere, I turned the knob behind it and it stopped and we mopped it all up, now it won't flush",
      ]),
    );
    expect(r.state.stage).not.toBe("transferring");
    expect(r.state.fields.urgency).not.toBe("emergency");
  });
});

describe("the ZIP put right at the read-back", () => {
  it("changes the ZIP and says it back, and leaves the house number alone", () => {
    const r = hear(atReadBack(), "yes but I gave you the wrong zip, it's 78702, not 78701");
    expect(r.state.fields.zip).toBe("78702");
    expect(r.state.fields.address).toBe("5806 Berkman Drive");
    expect(r.say).toMatch(/changed the ZIP code to 7 8 7 0 2/);
    expect(r.say).not.toMatch(/house number/);
  });

  it("takes the ZIP that is not the one taken when both are said", () => {
    const r = hear(atReadBack(), "yes, oh and my zip is 78702, I said 78701 by mistake");
    expect(r.state.fields.zip).toBe("78702");
    expect(r.state.fields.address).toBe("5806 Berkman Drive");
  });

  it("changes nothing when the ZIP said is the one taken", () => {
    const r = hear(atReadBack(), "yes that's right, zip is 78701");
    expect(r.state.fields.zip).toBe("78701");
    expect(r.state.fields.address).toBe("5806 Berkman Drive");
    expect(r.state.stage).toBe("ended");
  });

  it("hears the ZIP said digit by digit", () => {
    const r = hear(atReadBack(), "the zip code is actually seven eight seven oh two");
    expect(r.state.fields.zip).toBe("78702");
  });

  it("keeps a ZIP the business does not serve off the lead, and notes it for the office to confirm", () => {
    const r = hear(atReadBack(), "oh and the zip is wrong, it should be 78756");
    expect(r.state.fields.zip).toBe("78701");
    expect(r.state.fields.address).toBe("5806 Berkman Drive");
    expect(r.state.fields.notes).toMatch(/78756.*outside the service area/);
  });
});

describe("a spelled name fixed at the read-back", () => {
  it("puts two heard words together and leaves out the letter it is not", () => {
    const r = hear(
      atReadBack("mary sol kintanilla"),
      "no its marisol one word m a r i s o l and the last name starts with a q not a k q u i n t a n i l l a",
    );
    expect(r.state.fields.callerName).toBe("Marisol Quintanilla");
  });
});
