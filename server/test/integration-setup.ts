// Integration tests run in local mode: dev defaults for every secret, no demo seed.
process.env.DEMO_SEED = "off";
process.env.NEXT_TELEMETRY_DISABLED = "1";
// Integration tests play the call's other steps with short scripts; the safety question has its
// own tests (state-machine-ask.test.ts, the intake eval through the real webhooks, and
// call-ask.integration.test.ts, which turns it back on). A test file may set it to "on".
process.env.INTAKE_SAFETY_QUESTION ??= "off";
