// The default intake model: the deterministic rules (rules-extract.ts) served as an AI SDK
// LanguageModelV3, so the app runs the real SDK path offline and every real model has a fallback.
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { readUserPrompt } from "@/server/intake/prompt-profiles";
import { extractByRules } from "@/server/intake/rules-extract";
import { EMPTY_EXTRACTION } from "@/server/intake/extraction";

export const RULES_MODEL_ID = "local:rules";

const NO_USAGE: LanguageModelV3Usage = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

/** The JSON answer for a prompt built by buildUserPrompt (the last user message's INPUT line). */
export function answerPrompt(options: LanguageModelV3CallOptions): string {
  const lastUser = [...options.prompt].reverse().find((m) => m.role === "user");
  const text =
    lastUser && lastUser.role === "user"
      ? lastUser.content.map((p) => (p.type === "text" ? p.text : "")).join("\n")
      : "";
  const input = readUserPrompt(text);
  // A prompt without an INPUT line has nothing to extract; an all-null answer is the honest one.
  return JSON.stringify(input ? extractByRules(input) : EMPTY_EXTRACTION);
}

export function createRulesModel(): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: "leadrescue",
    modelId: RULES_MODEL_ID,
    supportedUrls: {},
    async doGenerate(options): Promise<LanguageModelV3GenerateResult> {
      options.abortSignal?.throwIfAborted();
      return {
        content: [{ type: "text", text: answerPrompt(options) }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: NO_USAGE,
        warnings: [],
      };
    },
    async doStream(options): Promise<LanguageModelV3StreamResult> {
      options.abortSignal?.throwIfAborted();
      const text = answerPrompt(options);
      const parts: LanguageModelV3StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "text-start", id: "0" },
        { type: "text-delta", id: "0", delta: text },
        { type: "text-end", id: "0" },
        { type: "finish", usage: NO_USAGE, finishReason: { unified: "stop", raw: "stop" } },
      ];
      return {
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  };
}
