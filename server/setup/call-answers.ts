// The business's own answers to what callers ask the AI mid-call: the price wording and the
// services it does and does not do. The AI quotes these and nothing else, so it never invents
// a price or a service.
import { z } from "zod";
import type { TenantCtx } from "@/server/db/tenant-scope";
import { AppError } from "@/server/errors";
import { DEFAULT_PRICE_ANSWER } from "@/server/voice/caller-answers";

export const MAX_SERVICES = 30;

/** Markup typed into a text the AI reads aloud would be spoken: "<b>" — so it is refused, never stored. */
export const HAS_MARKUP = /<\/?[a-z!][^>]*>|&[a-z]+;|&#\d+;/i;
const MARKUP_ERROR =
  "The AI reads this aloud to callers: remove the HTML tags (like <b> or <br>) and write plain text.";

const ZService = z
  .string()
  .trim()
  .min(1, { error: "A service can't be empty. Remove the empty line." })
  .max(60, { error: 'Keep each service under 60 characters, like "Water heaters".' })
  .refine((s) => !HAS_MARKUP.test(s), { error: MARKUP_ERROR });

/** One spoken answer: a sentence or two the AI reads out as written; empty = the question is noted for the plumber. */
const answer = (what: string) =>
  z
    .string()
    .trim()
    .max(300, { error: `Keep the ${what} answer under 300 characters: the AI says it in one breath.` })
    .refine((s) => !HAS_MARKUP.test(s), { error: MARKUP_ERROR })
    .nullish()
    .transform((s) => s || null);

/** The questions callers ask besides the price, each with its own answer (empty = noted for the plumber). */
export const OTHER_ANSWERS = [
  "licenseAnswer",
  "estimateAnswer",
  "paymentAnswer",
  "warrantyAnswer",
  "brandsAnswer",
] as const;
export type OtherAnswer = (typeof OTHER_ANSWERS)[number];

export const ZCallAnswersInput = z.object({
  priceAnswer: answer("price"),
  licenseAnswer: answer("licensed and insured"),
  estimateAnswer: answer("trip fee"),
  paymentAnswer: answer("payment"),
  warrantyAnswer: answer("warranty"),
  brandsAnswer: answer("brands"),
  servicesOffered: z.array(ZService).max(MAX_SERVICES, { error: `List at most ${MAX_SERVICES} services.` }),
  servicesNotOffered: z
    .array(ZService)
    .max(MAX_SERVICES, { error: `List at most ${MAX_SERVICES} services.` }),
});
export type CallAnswersInput = z.input<typeof ZCallAnswersInput>;

export type CallAnswers = {
  priceAnswer: string | null;
  servicesOffered: string[];
  servicesNotOffered: string[];
  defaultPriceAnswer: string;
} & Record<OtherAnswer, string | null>;

export async function getCallAnswers({ db }: Pick<TenantCtx, "db">): Promise<CallAnswers> {
  const row = await db.callAnswerSettings.findFirst({});
  return {
    priceAnswer: row?.priceAnswer ?? null,
    servicesOffered: row?.servicesOffered ?? [],
    servicesNotOffered: row?.servicesNotOffered ?? [],
    defaultPriceAnswer: DEFAULT_PRICE_ANSWER,
    licenseAnswer: row?.licenseAnswer ?? null,
    estimateAnswer: row?.estimateAnswer ?? null,
    paymentAnswer: row?.paymentAnswer ?? null,
    warrantyAnswer: row?.warrantyAnswer ?? null,
    brandsAnswer: row?.brandsAnswer ?? null,
  };
}

/** Saves the answers; a service listed as both offered and not offered is refused, naming it. */
export async function setCallAnswers(
  { db, tenantId }: Pick<TenantCtx, "db" | "tenantId">,
  input: CallAnswersInput,
): Promise<CallAnswers> {
  const data = ZCallAnswersInput.parse(input);
  const dedupe = (xs: string[]) => [...new Map(xs.map((x) => [x.toLowerCase(), x])).values()];
  const offered = dedupe(data.servicesOffered);
  const notOffered = dedupe(data.servicesNotOffered);
  const both = offered.find((s) => notOffered.some((n) => n.toLowerCase() === s.toLowerCase()));
  if (both)
    throw new AppError(
      "BAD_REQUEST",
      `"${both}" is listed as both a service you do and one you don't. Keep it in one list.`,
      "servicesNotOffered",
    );
  const values = {
    priceAnswer: data.priceAnswer,
    servicesOffered: offered,
    servicesNotOffered: notOffered,
    ...Object.fromEntries(OTHER_ANSWERS.map((k) => [k, data[k] ?? null])),
  };
  await db.callAnswerSettings.upsert({
    where: { tenantId },
    create: { tenantId, ...values },
    update: values,
  });
  return getCallAnswers({ db });
}
