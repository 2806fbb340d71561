// "Test your flow": the browser call simulator. Thin: every step goes to server/simulator, which
// re-checks the call against this tenant and drives the real, signed voice webhooks.
import { z } from "zod";
import {
  answerSimulatedDial,
  hangUpSimulated,
  saySimulated,
  simulatedLead,
  simulatorContext,
  startSimulatedCall,
  ZDialAnswer,
  ZSimState,
} from "@/server/simulator/simulate-call";
import { router, tenantProcedure } from "../init";

const run = tenantProcedure.meta({ permission: "simulator.run" });

export const simulatorRouter = router({
  context: run.query(({ ctx }) => simulatorContext(ctx)),
  start: run
    .input(z.object({ from: z.string().max(40), to: z.string().max(40) }))
    .mutation(({ ctx, input }) => startSimulatedCall(ctx, input)),
  answerDial: run
    .input(z.object({ state: ZSimState, how: ZDialAnswer }))
    .mutation(({ ctx, input }) => answerSimulatedDial(ctx, input.state, input.how)),
  say: run
    .input(
      z.object({
        state: ZSimState,
        text: z.string().max(1000, "Keep what the caller says under 1,000 characters."),
      }),
    )
    .mutation(({ ctx, input }) => saySimulated(ctx, input.state, input.text)),
  hangUp: run
    .input(z.object({ state: ZSimState }))
    .mutation(({ ctx, input }) => hangUpSimulated(ctx, input.state)),
  lead: run
    .input(z.object({ callSid: z.string().max(64) }))
    .query(({ ctx, input }) => simulatedLead(ctx, input.callSid)),
});
