// A call step that committed after its webhook had already answered the caller's apology: the
// database stalled and acknowledged the COMMIT only after the deadline (the one round trip the
// in-transaction deadline check cannot cover, ADR 0004). What the agent said in that step was
// never heard: its lines are marked so on the transcript, the lead's timeline says so, and the
// call's stored answer becomes the apology the caller did hear. The spool recovery still gives
// the call its urgent callback.
import { forTenant, type SystemDb } from "@/server/db/system";
import { callOfSid } from "@/server/db/cross-tenant";
import { writeLeadChange } from "@/server/leads/apply-lead-change";
import { CALL_TRANSACTION } from "./record-call";

export const UNHEARD_PREFIX = "(Not heard by the caller: our system was down.) ";

export async function markAnswerUndelivered(
  sys: SystemDb,
  callSid: string,
  webhook: { path: string; heardTwiml: string },
  now = new Date(),
): Promise<number> {
  const call = await callOfSid(sys, callSid);
  if (!call) return 0;
  return forTenant(sys, call.tenantId).$transaction(async (tx) => {
    const turns = await tx.callTurn.findMany({ where: { callId: call.id }, orderBy: { seq: "asc" } });
    // Each turn is the caller's words, then the agent's answer: the answer after the last words is the one not heard.
    const lastCaller = Math.max(-1, ...turns.filter((t) => t.speaker === "caller").map((t) => t.seq));
    const unheard = turns.filter(
      (t) => t.seq > lastCaller && t.speaker === "agent" && !t.text.startsWith(UNHEARD_PREFIX),
    );
    for (const turn of unheard)
      await tx.callTurn.updateMany({
        where: { id: turn.id },
        data: { text: `${UNHEARD_PREFIX}${turn.text}` },
      });
    await tx.call.updateMany({ where: { id: call.id }, data: { lastTwiml: webhook.heardTwiml } });
    const lead = call.leadId ? await tx.lead.findFirst({ where: { id: call.leadId } }) : null;
    if (lead) {
      const excerpt = unheard.reduce(
        (text, turn) => text.replace(`AI: ${turn.text}`, `AI: ${UNHEARD_PREFIX}${turn.text}`),
        lead.transcriptExcerpt ?? "",
      );
      await writeLeadChange(
        tx,
        { tenantId: call.tenantId, actorId: null, now, onRefusal: "flag", webhooks: false },
        lead,
        {
          patch: lead.transcriptExcerpt === null ? {} : { transcriptExcerpt: excerpt },
          events: [
            {
              type: "call.answer_undelivered",
              data: { webhook: webhook.path, callSid, lines: unheard.map((t) => t.text) },
            },
          ],
        },
      );
    }
    return unheard.length;
  }, CALL_TRANSACTION);
}
