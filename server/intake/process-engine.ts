// The process's intake engine, built once from the env (the configured model, or the local rules
// model), shared by the live call and the after-call check; tests and benchmarks swap it.
import { env } from "@/server/env";
import { createIntakeEngine, intakeConfigFromEnv, type IntakeEngine } from "@/server/intake/engine";

const g = globalThis as unknown as { __leadrescueIntake?: IntakeEngine };

export function intakeEngine(): IntakeEngine {
  g.__leadrescueIntake ??= createIntakeEngine(intakeConfigFromEnv(env), { onConfigError: "fallback" });
  return g.__leadrescueIntake;
}

/** Replaces the process's intake engine (tests, benchmarks); undefined goes back to the env's. */
export function setIntakeEngine(engine: IntakeEngine | undefined): void {
  g.__leadrescueIntake = engine;
}
