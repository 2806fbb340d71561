import { streamText } from "ai";
import { afterEach, describe, expect, it } from "vitest";
import { createIntakeEngine, intakeConfigFromEnv, IntakeConfigError } from "@/server/intake/engine";
import { extraction, type ExtractInput } from "@/server/intake/extraction";
import { buildUserPrompt, systemPrompt } from "@/server/intake/prompt-profiles";
import { extractByRules } from "@/server/intake/rules-extract";
import { createRulesModel } from "@/server/intake/rules-model";
import { chatCompletion, fakeOpenAI, type Reply } from "@/server/test/fake-openai-server";

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

async function serve(reply: Reply) {
  const server = await fakeOpenAI(reply);
  servers.push(server);
  return server;
}

describe("the intake engine on the AI SDK", () => {
  it("runs the local rules model through the AI SDK by default", async () => {
    const engine = createIntakeEngine({ provider: "local" });
    const input: ExtractInput = {
      stage: "zip",
      utterance: "it's seven eight seven oh one",
      profile: "standard",
      slotsOffered: [],
    };
    const result = await engine.extract(input);
    expect(result).toMatchObject({ modelUsed: "local:rules", fellBack: false });
    expect(result.error).toBeUndefined();
    expect(result.extraction).toEqual(extractByRules(input));
    expect(result.extraction.zip).toBe("78701");
  });

  it("streams the same answer from the rules model", async () => {
    const input: ExtractInput = {
      stage: "name",
      utterance: "this is Maria Lopez",
      profile: "standard",
      slotsOffered: [],
    };
    const stream = streamText({
      model: createRulesModel(),
      system: systemPrompt("standard"),
      prompt: buildUserPrompt(input),
    });
    expect(JSON.parse(await stream.text)).toEqual(extractByRules(input));
  });

  it("uses the configured OpenAI-compatible model when it answers in time", async () => {
    const server = await serve((res) => chatCompletion(res, JSON.stringify(MODEL_ANSWER)));
    const engine = createIntakeEngine({
      provider: "openai-compatible",
      model: "fake-llm",
      apiKey: "test-key",
      baseURL: server.baseURL,
    });
    const result = await engine.extract(ISSUE_TURN);
    expect(result).toMatchObject({ modelUsed: "openai-compatible:fake-llm", fellBack: false });
    expect(result.extraction).toEqual(MODEL_ANSWER);
    // The rules model would have said something else: the answer really came from the server.
    expect(extractByRules(ISSUE_TURN).issueSummary).not.toBe(MODEL_ANSWER.issueSummary);

    const [request] = server.seen;
    expect(server.seen).toHaveLength(1);
    expect(request!.path).toBe("/v1/chat/completions");
    expect(request!.headers.authorization).toBe("Bearer test-key");
    expect(request!.body).toMatchObject({
      model: "fake-llm",
      temperature: 0,
      response_format: { type: "json_schema" },
    });
    const messages = request!.body.messages as Array<{ role: string; content: string }>;
    expect(messages[0]).toEqual({ role: "system", content: systemPrompt("standard") });
    expect(messages[1]?.content).toBe(buildUserPrompt(ISSUE_TURN));
  });

  it("sends the safe profile's prompt for a tenant on the safe profile", async () => {
    const server = await serve((res) => chatCompletion(res, JSON.stringify(MODEL_ANSWER)));
    const engine = createIntakeEngine({
      provider: "openai-compatible",
      model: "fake-llm",
      baseURL: server.baseURL,
    });
    await engine.extract({ ...ISSUE_TURN, profile: "safe" });
    const messages = server.seen[0]!.body.messages as Array<{ role: string; content: string }>;
    expect(messages[0]?.content).toBe(systemPrompt("safe"));
    expect(systemPrompt("safe")).not.toBe(systemPrompt("standard"));
  });

  it("falls back to the rules model when the model does not answer within the turn budget", async () => {
    const server = await serve((res) =>
      server.later(5_000, () => chatCompletion(res, JSON.stringify(MODEL_ANSWER))),
    );
    const engine = createIntakeEngine({
      provider: "openai-compatible",
      model: "fake-llm",
      baseURL: server.baseURL,
      timeoutMs: 300,
    });
    const started = Date.now();
    const result = await engine.extract(ISSUE_TURN);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result).toMatchObject({
      modelUsed: "local:rules",
      fellBack: true,
      error: "openai-compatible:fake-llm did not answer within 300 ms.",
    });
    expect(result.extraction).toEqual(extractByRules(ISSUE_TURN));
    expect(server.seen).toHaveLength(1);
  });

  it("falls back to the rules model when the model answers HTTP 500", async () => {
    const server = await serve((res) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "upstream exploded", type: "server_error" } }));
    });
    const engine = createIntakeEngine({
      provider: "openai-compatible",
      model: "fake-llm",
      baseURL: server.baseURL,
    });
    const result = await engine.extract(ISSUE_TURN);
    expect(result).toMatchObject({ modelUsed: "local:rules", fellBack: true });
    expect(result.error).toMatch(/^openai-compatible:fake-llm answered HTTP 500: /);
    expect(result.extraction).toEqual(extractByRules(ISSUE_TURN));
    // No retries: a retry would not fit in the turn budget.
    expect(server.seen).toHaveLength(1);
  });

  it.each([
    ["prose instead of JSON", "Sure! The caller has a water heater problem."],
    ["JSON of the wrong shape", JSON.stringify({ zip: 78701, urgency: "very bad" })],
  ])("falls back to the rules model when the model answers %s", async (_, content) => {
    const server = await serve((res) => chatCompletion(res, content));
    const engine = createIntakeEngine({
      provider: "openai-compatible",
      model: "fake-llm",
      baseURL: server.baseURL,
    });
    const result = await engine.extract(ISSUE_TURN);
    expect(result).toMatchObject({
      modelUsed: "local:rules",
      fellBack: true,
      error: "openai-compatible:fake-llm returned an answer that is not a valid extraction.",
    });
    expect(result.extraction).toEqual(extractByRules(ISSUE_TURN));
  });

  it("falls back to the rules model when the server cannot be reached", async () => {
    const server = await fakeOpenAI(() => undefined);
    const baseURL = server.baseURL;
    await server.close();
    const engine = createIntakeEngine({ provider: "openai-compatible", model: "fake-llm", baseURL });
    const result = await engine.extract(ISSUE_TURN);
    expect(result).toMatchObject({ modelUsed: "local:rules", fellBack: true });
    expect(result.extraction).toEqual(extractByRules(ISSUE_TURN));
  });
});

describe("engine configuration", () => {
  it("refuses anthropic clearly at construction without its key", () => {
    expect(() => createIntakeEngine({ provider: "anthropic" })).toThrow(IntakeConfigError);
    expect(() => createIntakeEngine({ provider: "anthropic" })).toThrow(/needs ANTHROPIC_API_KEY/);
  });

  it.each([
    [{ provider: "openai" as const }, /needs OPENAI_API_KEY/],
    [{ provider: "openai-compatible" as const, model: "m" }, /needs AI_BASE_URL/],
    [{ provider: "openai-compatible" as const, baseURL: "http://127.0.0.1:1/v1" }, /needs AI_MODEL/],
    [{ provider: "local" as const, timeoutMs: 60_000 }, /out of range/],
  ])("explains a bad configuration: %j", (config, message) => {
    expect(() => createIntakeEngine(config)).toThrow(message);
  });

  it("can keep calls running on the rules model while reporting a bad configuration", async () => {
    const engine = createIntakeEngine({ provider: "anthropic" }, { onConfigError: "fallback" });
    expect(engine.configError).toMatch(/ANTHROPIC_API_KEY/);
    const result = await engine.extract({
      stage: "zip",
      utterance: "78701",
      profile: "standard",
      slotsOffered: [],
    });
    expect(result).toMatchObject({ modelUsed: "local:rules", fellBack: true, error: engine.configError });
    expect(result.extraction.zip).toBe("78701");
  });

  it("reads the AI settings from the environment", () => {
    expect(intakeConfigFromEnv({})).toEqual({
      provider: "local",
      model: undefined,
      baseURL: undefined,
      apiKey: undefined,
      timeoutMs: undefined,
    });
    expect(
      intakeConfigFromEnv({
        AI_PROVIDER: "openai-compatible",
        AI_MODEL: "llama",
        AI_BASE_URL: "http://127.0.0.1:8080/v1",
        AI_TIMEOUT_MS: "1800",
        OPENAI_API_KEY: "k",
      }),
    ).toEqual({
      provider: "openai-compatible",
      model: "llama",
      baseURL: "http://127.0.0.1:8080/v1",
      apiKey: "k",
      timeoutMs: 1800,
    });
    expect(
      intakeConfigFromEnv({ AI_PROVIDER: "anthropic", ANTHROPIC_API_KEY: "a", OPENAI_API_KEY: "o" }).apiKey,
    ).toBe("a");
    expect(() => intakeConfigFromEnv({ AI_PROVIDER: "gemini" })).toThrow(
      /AI_PROVIDER "gemini" is not one of local, openai, anthropic, openai-compatible/,
    );
  });
});
