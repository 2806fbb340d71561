// The environment of the built app run locally for tests (`next start` and `npm run worker`): the
// e2e server and the processes of `npm run test:multi` get the same settings from here.

/** Env for a production build at `baseUrl` (what Twilio and Stripe call) on the published dev secrets. */
export function localAppEnv(baseUrl: string): Record<string, string> {
  return {
    PUBLIC_BASE_URL: baseUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    LOCAL_MODE: "1", // a production build with the published development secrets
    ESCALATION_TIME_SCALE: "0.02", // the 5-minute emergency timer fires after 6 s, the 15-minute one after 18 s
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "on", // integrations.spec: the test receiver is on 127.0.0.1
  };
}
