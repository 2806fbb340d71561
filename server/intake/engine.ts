// The intake engine: one `extract` call per caller utterance, through the Vercel AI SDK with the
// configured model, inside a per-turn time budget; any timeout or error falls back to the rules model.
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import {
  APICallError,
  generateText,
  JSONParseError,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  Output,
  TypeValidationError,
} from "ai";
import { AppError } from "@/server/errors";
import {
  EMPTY_EXTRACTION,
  ZExtraction,
  type Extraction,
  type ExtractInput,
} from "@/server/intake/extraction";
import { buildUserPrompt, systemPrompt } from "@/server/intake/prompt-profiles";
import { createRulesModel, RULES_MODEL_ID } from "@/server/intake/rules-model";
import { extractByRules } from "@/server/intake/rules-extract";
import { URGENCIES, type IntakeStage } from "@/server/intake/extraction";

export const AI_PROVIDERS = ["local", "openai", "anthropic", "openai-compatible"] as const;
export type AiProvider = (typeof AI_PROVIDERS)[number];

export type IntakeModelConfig = {
  provider: AiProvider;
  model?: string;
  apiKey?: string;
  baseURL?: string;
  /** Per-turn budget for the configured model; Twilio gives the whole webhook 15 s. */
  timeoutMs?: number;
};

export const DEFAULT_TURN_BUDGET_MS = 2500;
export const MAX_TURN_BUDGET_MS = 10_000;
export const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
export const DEFAULT_ANTHROPIC_MODEL = "claude-haiku-4-5";

export type ExtractResult = {
  extraction: Extraction;
  /** "local:rules", "openai:gpt-4o-mini", … — the model whose answer was used. */
  modelUsed: string;
  fellBack: boolean;
  /** The configured model was asked this turn (false when the rules were sure and no model call was made). */
  modelCalled?: boolean;
  /** Why the configured model's answer was not used (for logs and QA), when it fell back. */
  error?: string;
  elapsedMs: number;
};

export interface IntakeEngine {
  /** The configured model ("local:rules" in local mode). */
  readonly modelId: string;
  /** Set when the engine was built with onConfigError "fallback" from a bad configuration. */
  readonly configError: string | null;
  extract(input: ExtractInput): Promise<ExtractResult>;
}

export class IntakeConfigError extends AppError {
  constructor(message: string, field: string) {
    super("PRECONDITION_FAILED", message, field);
    this.name = "IntakeConfigError";
  }
}

type EnvLike = {
  AI_PROVIDER?: string;
  AI_MODEL?: string;
  AI_BASE_URL?: string;
  AI_TIMEOUT_MS?: number | string;
  OPENAI_API_KEY?: string;
  ANTHROPIC_API_KEY?: string;
};

/** Maps the validated env (server/env.ts) to an engine config; takes a plain object so tests need no env. */
export function intakeConfigFromEnv(source: EnvLike): IntakeModelConfig {
  const provider = (source.AI_PROVIDER || "local") as AiProvider;
  if (!AI_PROVIDERS.includes(provider)) {
    throw new IntakeConfigError(
      `AI_PROVIDER "${source.AI_PROVIDER}" is not one of ${AI_PROVIDERS.join(", ")}.`,
      "AI_PROVIDER",
    );
  }
  const timeout =
    source.AI_TIMEOUT_MS === undefined || source.AI_TIMEOUT_MS === ""
      ? undefined
      : Number(source.AI_TIMEOUT_MS);
  return {
    provider,
    model: source.AI_MODEL || undefined,
    baseURL: source.AI_BASE_URL || undefined,
    apiKey: (provider === "anthropic" ? source.ANTHROPIC_API_KEY : source.OPENAI_API_KEY) || undefined,
    timeoutMs: timeout,
  };
}

type ResolvedModel = { model: LanguageModelV3; id: string; budgetMs: number };

/** The configured provider's model (also used by the follow-up drafts, server/followups/draft-writer.ts). */
export function resolveModel(config: IntakeModelConfig): ResolvedModel {
  const budgetMs = config.timeoutMs ?? DEFAULT_TURN_BUDGET_MS;
  if (!Number.isFinite(budgetMs) || budgetMs < 100 || budgetMs > MAX_TURN_BUDGET_MS) {
    throw new IntakeConfigError(
      `AI_TIMEOUT_MS ${config.timeoutMs} is out of range: use 100 to ${MAX_TURN_BUDGET_MS} ms so a turn stays inside Twilio's 15 s limit.`,
      "AI_TIMEOUT_MS",
    );
  }
  switch (config.provider) {
    case "local":
      return { model: createRulesModel(), id: RULES_MODEL_ID, budgetMs };
    case "openai": {
      if (!config.apiKey)
        throw new IntakeConfigError(
          "AI_PROVIDER=openai needs OPENAI_API_KEY. Set it, or use AI_PROVIDER=local.",
          "OPENAI_API_KEY",
        );
      const model = config.model ?? DEFAULT_OPENAI_MODEL;
      const openai = createOpenAI({ apiKey: config.apiKey, baseURL: config.baseURL });
      return { model: openai.chat(model), id: `openai:${model}`, budgetMs };
    }
    case "openai-compatible": {
      if (!config.baseURL) {
        throw new IntakeConfigError(
          "AI_PROVIDER=openai-compatible needs AI_BASE_URL, the server's OpenAI-style /v1 URL (e.g. http://127.0.0.1:8080/v1).",
          "AI_BASE_URL",
        );
      }
      if (!config.model)
        throw new IntakeConfigError(
          "AI_PROVIDER=openai-compatible needs AI_MODEL, the model name that server expects.",
          "AI_MODEL",
        );
      // Many self-hosted servers need no key, but the SDK insists on one.
      const provider = createOpenAI({
        name: "openai-compatible",
        apiKey: config.apiKey ?? "not-needed",
        baseURL: config.baseURL,
      });
      return { model: provider.chat(config.model), id: `openai-compatible:${config.model}`, budgetMs };
    }
    case "anthropic": {
      if (!config.apiKey)
        throw new IntakeConfigError(
          "AI_PROVIDER=anthropic needs ANTHROPIC_API_KEY. Set it, or use AI_PROVIDER=local.",
          "ANTHROPIC_API_KEY",
        );
      const model = config.model ?? DEFAULT_ANTHROPIC_MODEL;
      // AI_BASE_URL, when set, is the Messages API's base (…/v1), e.g. a proxy.
      const anthropic = createAnthropic({ apiKey: config.apiKey, baseURL: config.baseURL });
      return { model: anthropic(model), id: `anthropic:${model}`, budgetMs };
    }
  }
}

/**
 * When the deterministic rules have a clear answer to the question asked (a ZIP, a yes or no, a
 * slot, a name, an address), or the caller described an emergency or asked for a person or
 * asked a question, the configured model is not called: those turns cost no model latency and
 * cannot be misread. The problem description is where a model understands more, so it is asked.
 */
export function rulesAreSure(stage: IntakeStage, x: Extraction): boolean {
  if (x.emergency || x.wantsHuman || x.notCustomer) return true;
  switch (stage) {
    case "zip":
      return x.zip !== null || x.question !== null;
    case "issue":
      return false;
    case "name":
      return x.callerName !== null || x.declined || x.question !== null || x.bookingIntent === "callback";
    case "booking_offer":
      return x.bookingIntent !== null || x.question !== null;
    case "address":
      return x.address !== null || x.declined || x.question !== null || x.bookingIntent === "callback";
    case "slot":
      return (
        x.slotNumber !== null ||
        x.declined ||
        x.slotUnavailable !== null ||
        x.bookingIntent !== null ||
        x.question !== null
      );
    case "safety":
      return x.yesNo !== null || x.question !== null || x.bookingIntent === "callback";
    // The state machine reads the number itself.
    case "phone":
      return true;
    case "confirm":
      return (
        x.yesNo !== null ||
        x.callerName !== null ||
        x.address !== null ||
        x.slotNumber !== null ||
        x.question !== null
      );
  }
}

const severity = (u: Extraction["urgency"]) => (u ? URGENCIES.length - URGENCIES.indexOf(u) : 0);

/** The model's reading where the rules had none; the more urgent reading and any emergency either saw. */
export function mergeExtractions(rules: Extraction, model: Extraction): Extraction {
  const merged: Extraction = { ...model };
  for (const key of Object.keys(rules) as (keyof Extraction)[]) {
    const r = rules[key];
    if (r !== null && r !== false && (merged[key] === null || merged[key] === false))
      (merged as Record<string, unknown>)[key] = r;
  }
  merged.emergency = rules.emergency ?? model.emergency;
  merged.urgency = severity(rules.urgency) >= severity(model.urgency) ? rules.urgency : model.urgency;
  if (merged.emergency) merged.urgency = "emergency";
  merged.wantsHuman = rules.wantsHuman || model.wantsHuman;
  // A caller the rules hear as a customer with a plumbing problem stays one.
  if (!rules.notCustomer && (rules.emergency || rules.issueSummary)) merged.notCustomer = null;
  return merged;
}

class TurnBudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`no answer within ${budgetMs} ms`);
    this.name = "TurnBudgetExceeded";
  }
}

/**
 * The structured output every turn asks for. Made once: building it turns the schema into JSON
 * Schema, which is the same for every turn (and cost more than the local model's own work).
 */
const EXTRACTION_OUTPUT = Output.object({
  schema: ZExtraction,
  name: "extraction",
  description: "What the caller said, field by field",
});

async function runModel(
  model: LanguageModelV3,
  input: ExtractInput,
  abortSignal?: AbortSignal,
): Promise<Extraction> {
  const { output } = await generateText({
    model,
    system: systemPrompt(input.profile),
    prompt: buildUserPrompt(input),
    output: EXTRACTION_OUTPUT,
    temperature: 0,
    // A retry would not fit in the turn budget; the rules model is the retry.
    maxRetries: 0,
    abortSignal,
  });
  return output;
}

async function withinBudget<T>(budgetMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The race also covers a provider that ignores the abort signal.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new TurnBudgetExceeded(budgetMs);
      controller.abort(err);
      reject(err);
    }, budgetMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function describeFailure(modelId: string, err: unknown): string {
  if (err instanceof TurnBudgetExceeded) return `${modelId} did not answer within ${err.budgetMs} ms.`;
  if (APICallError.isInstance(err))
    return `${modelId} answered HTTP ${err.statusCode ?? "error"}: ${err.message.slice(0, 200)}`;
  if (
    NoOutputGeneratedError.isInstance(err) ||
    NoObjectGeneratedError.isInstance(err) ||
    TypeValidationError.isInstance(err) ||
    JSONParseError.isInstance(err)
  ) {
    return `${modelId} returned an answer that is not a valid extraction.`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `${modelId} failed: ${message.slice(0, 200)}`;
}

/**
 * Builds the engine. A bad configuration throws IntakeConfigError by default (check it at
 * start); with onConfigError "fallback" the engine answers with the rules model and reports why.
 */
export function createIntakeEngine(
  config: IntakeModelConfig,
  options: { onConfigError?: "throw" | "fallback" } = {},
): IntakeEngine {
  const rules = createRulesModel();
  let resolved: ResolvedModel;
  let configError: string | null = null;
  try {
    resolved = resolveModel(config);
  } catch (err) {
    if (options.onConfigError !== "fallback" || !(err instanceof IntakeConfigError)) throw err;
    configError = err.message;
    resolved = { model: rules, id: RULES_MODEL_ID, budgetMs: DEFAULT_TURN_BUDGET_MS };
  }
  const primary = resolved;

  async function fallback(input: ExtractInput, started: number, error: string): Promise<ExtractResult> {
    try {
      return {
        extraction: await runModel(rules, input),
        modelUsed: RULES_MODEL_ID,
        fellBack: true,
        modelCalled: !configError,
        error,
        elapsedMs: Date.now() - started,
      };
    } catch (err) {
      // The rules model cannot time out; if it ever throws, an empty answer makes the call re-ask.
      return {
        extraction: { ...EMPTY_EXTRACTION },
        modelUsed: RULES_MODEL_ID,
        fellBack: true,
        modelCalled: !configError,
        error: `${error} ${describeFailure(RULES_MODEL_ID, err)}`,
        elapsedMs: Date.now() - started,
      };
    }
  }

  return {
    modelId: primary.id,
    configError,
    async extract(input) {
      const started = Date.now();
      if (configError) return fallback(input, started, configError);
      if (primary.id === RULES_MODEL_ID) {
        return {
          extraction: await runModel(primary.model, input),
          modelUsed: primary.id,
          fellBack: false,
          modelCalled: false,
          elapsedMs: Date.now() - started,
        };
      }
      const ruled = extractByRules(input);
      if (rulesAreSure(input.stage, ruled))
        return {
          extraction: ruled,
          modelUsed: RULES_MODEL_ID,
          fellBack: false,
          modelCalled: false,
          elapsedMs: Date.now() - started,
        };
      try {
        const extraction = mergeExtractions(
          ruled,
          await withinBudget(primary.budgetMs, (signal) => runModel(primary.model, input, signal)),
        );
        return {
          extraction,
          modelUsed: primary.id,
          fellBack: false,
          modelCalled: true,
          elapsedMs: Date.now() - started,
        };
      } catch (err) {
        return fallback(input, started, describeFailure(primary.id, err));
      }
    },
  };
}
