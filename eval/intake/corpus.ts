// The intake corpus: loading the case files and playing one case as a real caller would, through
// the simulator's driver. The intake eval plays them in process; `npm run test:multi` plays them
// over HTTP against two app instances — the same calls, the same driver.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { answerDial, hangUp, say, startCall, type Post, type SimCall } from "@/server/simulator/call-driver";
import { isReadBack, isSafetyQuestion } from "@/server/voice/scripts";
import { ZEvalFile, type EvalCase } from "./case-schema";

/** A case and the file (batch) it came from: each held-out batch is reported on its own. */
export type BatchedCase = EvalCase & { batch: string };

/** The cases of `eval/intake/cases` (tuned against) or `eval/intake/held-out` (never tuned against). */
export function loadCases(dir: "cases" | "held-out"): BatchedCase[] {
  const folder = path.join(import.meta.dirname, dir);
  return readdirSync(folder)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .flatMap((f) => {
      const parsed = ZEvalFile.safeParse(JSON.parse(readFileSync(path.join(folder, f), "utf8")));
      if (!parsed.success)
        throw new Error(
          `${dir}/${f}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
        );
      return parsed.data.map((c) => ({ ...c, batch: f.replace(/\.json$/, "") }));
    });
}

/** What the agent said since the caller last spoke. */
function agentSinceCaller(call: SimCall): string {
  const lines: string[] = [];
  for (let i = call.lines.length - 1; i >= 0; i--) {
    const line = call.lines[i]!;
    if (line.who === "caller") break;
    if (line.who === "agent") lines.unshift(line.text);
  }
  return lines.join(" ");
}

/**
 * One case, webhook by webhook: the call rings the plumber, who does not answer; the caller says
 * the case's turns one per question; the safety question and the read-backs get the case's own
 * answers (`safetyAnswer`, `readBackReplies`) without using up a turn; a warm transfer is
 * answered or not as the case says; then the caller hangs up. `call` keeps every line even when
 * a step fails (`error`).
 */
export async function playCase(
  post: Post,
  c: EvalCase,
  line: { from: string; to: string },
): Promise<{ call: SimCall; error: string | null }> {
  let call = await startCall(post, { from: line.from, to: line.to, isTest: false });
  try {
    call = await answerDial(post, call, "no-answer");
    const turns = [...c.turns];
    const readBacks = [...(c.readBackReplies ?? [])];
    let safetyAnswered = false;
    for (let guard = 0; guard < 60; guard++) {
      const pending = call.pending;
      if (pending.kind === "ended") break;
      if (pending.kind === "dial") {
        if (turns.length === 0 && c.transfer !== "answered") break;
        call = await answerDial(post, call, c.transfer === "answered" ? "answer" : "no-answer");
        continue;
      }
      const asked = agentSinceCaller(call);
      if (isSafetyQuestion(asked) && !safetyAnswered) {
        safetyAnswered = true;
        call = await say(post, call, c.safetyAnswer ?? "No, nothing like that.");
        continue;
      }
      if (isReadBack(asked)) {
        call = await say(post, call, readBacks.shift() ?? "Yes, that's right.");
        continue;
      }
      if (turns.length === 0) break;
      call = await say(post, call, turns.shift()!);
    }
    call = await hangUp(post, call);
    return { call, error: null };
  } catch (err) {
    return { call, error: (err as Error).message.slice(0, 300) };
  }
}
