// Follow-up drafts through the AI SDK: the configured provider (AI_PROVIDER, the same selection
// as the call's intake engine) writes each text from the lead's own fields, the business's answers
// and its real booking slots. In local mode a small "template model" fills the step's template,
// so everything works offline through the same SDK path. Whatever the model writes is checked:
// a price, a time or a promise that is not in the settings or the real slots refuses the draft,
// and the filled template is used instead (as it is when the model errs or is slow).
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { generateText } from "ai";
import { intakeConfigFromEnv, resolveModel, type IntakeModelConfig } from "@/server/intake/engine";
import {
  fillTemplate,
  inventedDetail,
  refusalSentence,
  type GroundingFacts,
  type TemplateVars,
} from "./rules";

export const TEMPLATE_MODEL_ID = "local:template";

/** `channel`: a text (one short line) or an email to the caller (a few short paragraphs). */
export type DraftInput = {
  template: string;
  vars: TemplateVars;
  facts: GroundingFacts;
  channel?: "text" | "email";
};
export type WrittenDraft = {
  body: string;
  writtenBy: "ai" | "template";
  modelUsed: string;
  refusedReason: string | null;
};
export type DraftWriter = (input: DraftInput) => Promise<WrittenDraft>;

const NO_USAGE: LanguageModelV3Usage = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

const RULES = [
  "Use only the facts given: the customer's name and problem, the business name and phone, the booking times listed and the business's own answers.",
  "Never mention a price, a time, a day, a discount or a promise that is not written in the facts.",
];
const SYSTEM = {
  text: [
    "You write one short SMS follow-up for a plumbing business to a customer who has not booked yet.",
    ...RULES,
    "Under 300 characters. No links. Plain text only.",
  ].join(" "),
  email: [
    "You write one short follow-up email body for a plumbing business to a customer who has not booked yet.",
    ...RULES,
    "Two or three short paragraphs, under 1,200 characters. No subject line, no links. Plain text only.",
  ].join(" "),
};
const MAX_WRITTEN = { text: 480, email: 1500 };

/**
 * The prompt carries the template and its values one per line (an email's line breaks written as
 * \n), so the local model can read them back.
 */
export function buildDraftPrompt(input: DraftInput): string {
  return [
    `TEMPLATE: ${input.template.replace(/\n/g, "\\n")}`,
    `VALUES: ${JSON.stringify(input.vars)}`,
    `BOOKING TIMES: ${input.facts.slotLabels.join("; ") || "none listed"}`,
    `BUSINESS ANSWERS: ${input.facts.settingsText || "none"}`,
    `Write the ${input.channel === "email" ? "email" : "text"} now, following the template's intent.`,
  ].join("\n");
}

function readPrompt(options: LanguageModelV3CallOptions): string {
  const lastUser = [...options.prompt].reverse().find((m) => m.role === "user");
  const text =
    lastUser && lastUser.role === "user"
      ? lastUser.content.map((p) => (p.type === "text" ? p.text : "")).join("\n")
      : "";
  const template = (/^TEMPLATE: (.*)$/m.exec(text)?.[1] ?? "").replace(/\\n/g, "\n");
  let vars: TemplateVars = { name: null, business: "", problem: null, slot: null, phone: null };
  try {
    vars = JSON.parse(/^VALUES: (.*)$/m.exec(text)?.[1] ?? "{}") as TemplateVars;
  } catch {
    // an unreadable prompt fills the template with stand-ins
  }
  return fillTemplate(template, vars);
}

/** The offline model: fills the template from the prompt, through the real AI SDK path. */
export function createTemplateModel(): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: "leadrescue",
    modelId: TEMPLATE_MODEL_ID,
    supportedUrls: {},
    async doGenerate(options): Promise<LanguageModelV3GenerateResult> {
      options.abortSignal?.throwIfAborted();
      return {
        content: [{ type: "text", text: readPrompt(options) }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: NO_USAGE,
        warnings: [],
      };
    },
    async doStream(options): Promise<LanguageModelV3StreamResult> {
      const text = readPrompt(options);
      return {
        stream: new ReadableStream({
          start(c) {
            c.enqueue({ type: "stream-start", warnings: [] });
            c.enqueue({ type: "text-start", id: "0" });
            c.enqueue({ type: "text-delta", id: "0", delta: text });
            c.enqueue({ type: "text-end", id: "0" });
            c.enqueue({ type: "finish", usage: NO_USAGE, finishReason: { unified: "stop", raw: "stop" } });
            c.close();
          },
        }),
      };
    },
  };
}

/** A writer over any AI SDK model (tests pass a model that invents a price). */
export function draftWriterFor(model: LanguageModelV3, modelId: string, timeoutMs = 8000): DraftWriter {
  return async (input) => {
    const template = fillTemplate(input.template, input.vars);
    const channel = input.channel ?? "text";
    let text: string;
    try {
      const res = await generateText({
        model,
        system: SYSTEM[channel],
        prompt: buildDraftPrompt(input),
        temperature: 0.3,
        maxRetries: 0,
        abortSignal: AbortSignal.timeout(timeoutMs),
      });
      const written =
        channel === "email" ? res.text.replace(/[^\S\n]+/g, " ") : res.text.replace(/\s+/g, " ");
      text = written.trim().slice(0, MAX_WRITTEN[channel]);
    } catch (err) {
      return {
        body: template,
        writtenBy: "template",
        modelUsed: modelId,
        refusedReason: `The AI did not answer (${(err as Error).message.slice(0, 120)}), so the template was used.`,
      };
    }
    if (!text)
      return {
        body: template,
        writtenBy: "template",
        modelUsed: modelId,
        refusedReason: "The AI wrote nothing, so the template was used.",
      };
    const problem = inventedDetail(text, input.facts);
    if (problem)
      return {
        body: template,
        writtenBy: "template",
        modelUsed: modelId,
        refusedReason: refusalSentence(problem),
      };
    return { body: text, writtenBy: "ai", modelUsed: modelId, refusedReason: null };
  };
}

/** The writer for this process's AI_PROVIDER; local (and any misconfiguration) → the template model. */
export function draftWriterFromConfig(config: IntakeModelConfig): DraftWriter {
  if (config.provider === "local") return draftWriterFor(createTemplateModel(), TEMPLATE_MODEL_ID);
  try {
    const { model, id } = resolveModel({ ...config, timeoutMs: undefined });
    return draftWriterFor(model, id);
  } catch (err) {
    console.error(`Follow-up drafts use the template: ${(err as Error).message}`);
    return draftWriterFor(createTemplateModel(), TEMPLATE_MODEL_ID);
  }
}

let cached: DraftWriter | null = null;
export async function defaultDraftWriter(): Promise<DraftWriter> {
  if (!cached) {
    const { env } = await import("@/server/env");
    cached = draftWriterFromConfig(intakeConfigFromEnv(env));
  }
  return cached;
}
