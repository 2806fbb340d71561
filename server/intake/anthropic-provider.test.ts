// AI_PROVIDER=anthropic: the real @ai-sdk/anthropic provider against a local fake Messages API,
// with the same turn budget and rules-model fallback as the other providers.
import { afterEach, describe, expect, it } from "vitest";
import { createIntakeEngine, DEFAULT_ANTHROPIC_MODEL } from "@/server/intake/engine";
import { extraction, type ExtractInput } from "@/server/intake/extraction";
import { buildUserPrompt, systemPrompt } from "@/server/intake/prompt-profiles";
import { extractByRules } from "@/server/intake/rules-extract";
import {
  anthropicError,
  fakeAnthropic,
  messagesAnswer,
  type AnthropicReply,
} from "@/server/test/fake-anthropic-server";

const ISSUE_TURN: ExtractInput = {
  stage: "issue",
  utterance: "so the water heater is making a banging noise at night",
  profile: "standard",
  slotsOffered: [],
};
const MODEL_ANSWER = extraction({ issueSummary: "Water heater bangs at night", urgency: "normal" });

let servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(reply: AnthropicReply) {
  const server = await fakeAnthropic(reply);
  servers.push(server);
  return server;
}

describe("the intake engine on Anthropic", () => {
  it("uses Claude through the Messages API when it answers in time", async () => {
    const server = await serve((res, body) => messagesAnswer(res, body, MODEL_ANSWER));
    const engine = createIntakeEngine({
      provider: "anthropic",
      apiKey: "sk-ant-test",
      baseURL: server.baseURL,
    });
    expect(engine.modelId).toBe(`anthropic:${DEFAULT_ANTHROPIC_MODEL}`);
    const result = await engine.extract(ISSUE_TURN);
    expect(result).toMatchObject({ modelUsed: `anthropic:${DEFAULT_ANTHROPIC_MODEL}`, fellBack: false });
    expect(result.extraction).toEqual(MODEL_ANSWER);
    expect(extractByRules(ISSUE_TURN).issueSummary).not.toBe(MODEL_ANSWER.issueSummary);

    expect(server.seen).toHaveLength(1);
    const [request] = server.seen;
    expect(request!.path).toBe("/v1/messages");
    expect(request!.headers["x-api-key"]).toBe("sk-ant-test");
    expect(request!.headers["anthropic-version"]).toBeTruthy();
    expect(request!.body).toMatchObject({ model: DEFAULT_ANTHROPIC_MODEL, temperature: 0 });
    expect(JSON.stringify(request!.body.system)).toContain(systemPrompt("standard").slice(0, 60));
    expect(JSON.stringify(request!.body.messages)).toContain(
      JSON.stringify(buildUserPrompt(ISSUE_TURN)).slice(1, 60),
    );
  });

  it("falls back to the rules model when Claude is slower than the turn budget", async () => {
    const server = await serve((res, body) =>
      setTimeout(() => messagesAnswer(res, body, MODEL_ANSWER), 1500),
    );
    const engine = createIntakeEngine({
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      apiKey: "k",
      baseURL: server.baseURL,
      timeoutMs: 300,
    });
    const result = await engine.extract(ISSUE_TURN);
    expect(result).toMatchObject({
      modelUsed: "local:rules",
      fellBack: true,
      error: "anthropic:claude-sonnet-4-5 did not answer within 300 ms.",
    });
    expect(result.extraction).toEqual(extractByRules(ISSUE_TURN));
    expect(result.elapsedMs).toBeLessThan(1200);
  });

  it("falls back when the API answers an error or an answer that is not an extraction", async () => {
    const failing = await serve((res) => anthropicError(res, 529, "Overloaded"));
    const down = await createIntakeEngine({
      provider: "anthropic",
      apiKey: "k",
      baseURL: failing.baseURL,
    }).extract(ISSUE_TURN);
    expect(down).toMatchObject({ modelUsed: "local:rules", fellBack: true });
    expect(down.error).toMatch(/^anthropic:claude-haiku-4-5 answered HTTP 529/);

    const wrong = await serve((res, body) => messagesAnswer(res, body, { issueSummary: 42 }));
    const bad = await createIntakeEngine({
      provider: "anthropic",
      apiKey: "k",
      baseURL: wrong.baseURL,
    }).extract(ISSUE_TURN);
    expect(bad).toMatchObject({
      modelUsed: "local:rules",
      fellBack: true,
      error: `anthropic:${DEFAULT_ANTHROPIC_MODEL} returned an answer that is not a valid extraction.`,
    });
  });

  it("needs ANTHROPIC_API_KEY, and can keep calls on the rules model without it", async () => {
    expect(() => createIntakeEngine({ provider: "anthropic" })).toThrow(/needs ANTHROPIC_API_KEY/);
    const engine = createIntakeEngine({ provider: "anthropic" }, { onConfigError: "fallback" });
    expect(engine.configError).toMatch(/ANTHROPIC_API_KEY/);
    expect(
      (await engine.extract({ stage: "zip", utterance: "78701", profile: "standard", slotsOffered: [] }))
        .extraction.zip,
    ).toBe("78701");
  });
});
