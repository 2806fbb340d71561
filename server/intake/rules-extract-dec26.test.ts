// What the twenty-sixth held-out batch (the call, part 3: hard names, emergencies in other words,
// the read-back) taught the rules, each lesson in wordings of its own.
import { describe, expect, it } from "vitest";
import { detectEmergency } from "@/server/intake/emergency-rules";
import {
  heardAsWritten,
  isPlainlyRoutine,
  joinSpelling,
  problemAtReadBack,
} from "@/server/intake/rules-extract";
import { heardAt } from "@/server/test/heard-at";
import { firstName } from "@/server/messaging/render-template";

const emergencyIn = (said: string) => detectEmergency(heardAsWritten(said));
const routine = (said: string) => isPlainlyRoutine(heardAsWritten(said));
const nameAt = (said: string) => heardAt("name", said).callerName;

describe("a water heater that sounds like gunfire", () => {
  it("is a noise, not water shooting out", () => {
    expect(
      emergencyIn("My water heater sounds like somebody's shooting a gun in my garage. Bang, bang."),
    ).toBeNull();
    expect(emergencyIn("the water heater sounds like someone shooting off fireworks in there")).toBeNull();
  });

  it("still hears water that shoots out, from a heater or a pipe", () => {
    expect(emergencyIn("the water heater is shooting water out the side")).toBe("flooding");
    expect(emergencyIn("water is shooting out of the pipe under the sink")).toBe("flooding");
  });
});

describe("a generation after the name", () => {
  it("is written as names are, however it is said", () => {
    expect(nameAt("Harold Greene Jr.")).toBe("Harold Greene Jr.");
    expect(nameAt("it's marcus webb junior")).toBe("Marcus Webb Jr.");
    expect(nameAt("Reginald Boone the Third.")).toBe("Reginald Boone III");
    expect(nameAt("this is Earl Tate the second")).toBe("Earl Tate II");
    expect(nameAt("bob smith senior")).toBe("Bob Smith Sr.");
  });

  it("is no generation when 'the third' starts something else", () => {
    expect(nameAt("It's Tom Hill, the third house on the left")).toBe("Tom Hill");
  });
});

describe("a title before a surname said alone", () => {
  it("is kept, since that is how the office will address the caller", () => {
    expect(nameAt("Mrs. Delgado.")).toBe("Mrs. Delgado");
    expect(nameAt("it's missus okafor")).toBe("Mrs. Okafor");
    expect(firstName("Mrs. Delgado")).toBe("Mrs. Delgado");
  });

  it("is dropped before a full name", () => {
    expect(nameAt("Dr. Anita Raman")).toBe("Anita Raman");
    expect(firstName("Anita Raman")).toBe("Anita");
  });
});

describe("names said with something else", () => {
  it("takes a name said alone in one sentence of the answer", () => {
    expect(nameAt("Lakshmi. Just Lakshmi is fine.")).toBe("Lakshmi");
    expect(nameAt("Okay. Susan. That's all you need.")).toBe("Susan");
    expect(nameAt("Sure. Okay.")).toBeNull();
    // A word said alone that is neither a given name nor said again is no name.
    expect(nameAt("Eh, you don't need my name, you've got my number.")).toBeNull();
    expect(nameAt("Almost — it's 4120, not 412.")).toBeNull();
  });

  it("keeps a name said first when the caller then says where they are", () => {
    expect(nameAt("dale whitcomb im the neighbor next door")).toBe("Dale Whitcomb");
  });

  it("takes the name after who the caller is to someone", () => {
    expect(nameAt("im her son raymond ortega")).toBe("Raymond Ortega");
    expect(nameAt("this is his wife, Maria Lopez")).toBe("Maria Lopez");
    expect(nameAt("I'm the neighbor, Dale Kim")).toBe("Dale Kim");
    expect(nameAt("I'm the tenant")).toBeNull();
  });

  it("takes a given name spelled before the last name is said", () => {
    expect(nameAt("my name is danae d a n a e last name holloway")).toBe("Danae Holloway");
    expect(nameAt("my name is jo j o last name pruitt")).toBe("Jo Pruitt");
  });

  it("reads 'with a K' and then the whole name spelled from that letter as one spelling", () => {
    expect(joinSpelling("no its katherine with a k k a t h e r i n e")).toMatch(/\bKatherine\b/);
    expect(joinSpelling("no its katherine with a k k a t h e r i n e")).not.toMatch(/Kkatherine/i);
    expect(joinSpelling("carl with a k k a r l")).not.toMatch(/Kkarl/i);
  });
});

describe("the problem at the read-back", () => {
  it("puts a word of the problem right", () => {
    expect(
      problemAtReadBack(
        "The downstairs toilet keeps running after you flush",
        "Yes — oh wait, sorry, it's the upstairs toilet, not the downstairs one.",
      ),
    ).toBe("The upstairs toilet keeps running after you flush");
    expect(
      problemAtReadBack("The kitchen sink is clogged", "yeah but its the bathroom sink not the kitchen sink"),
    ).toBe("The bathroom sink is clogged");
  });

  it("adds a second problem for the same visit", () => {
    expect(
      problemAtReadBack(
        "My bathroom faucet drips all night long",
        "Yep, that's right. Oh — and while he's out here, my garbage disposal is jammed too. Can he look at that?",
      ),
    ).toBe("My bathroom faucet drips all night long. Also: my garbage disposal is jammed too");
    expect(
      problemAtReadBack("The tub drains slowly", "yes. also the toilet upstairs runs all night"),
    ).toMatch(/^The tub drains slowly\. Also: the toilet upstairs runs all night/);
  });

  it("changes nothing for a yes with something else for the plumber", () => {
    expect(
      problemAtReadBack("The tub drains slowly", "Yes. We have a big dog too, so knock loud."),
    ).toBeNull();
    expect(problemAtReadBack("The tub drains slowly", "yes that's right, not a problem at all")).toBeNull();
  });
});

describe("what a careful office asks about, and what it does not", () => {
  it("asks where the water goes when a faucet, tub or shower will not turn off", () => {
    expect(routine("The faucet in my bathtub won't shut off. It just keeps running.")).toBe(false);
    expect(routine("i cant get the shower to turn off")).toBe(false);
  });

  it("still takes a running toilet and a drip caught in a cup as routine", () => {
    expect(routine("the toilet won't stop running after you flush")).toBe(true);
    expect(routine("theres a leak under the bathroom sink just a drip into a cup")).toBe(true);
    expect(routine("it's dripping into a jar under the sink")).toBe(true);
  });
});
