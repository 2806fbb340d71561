// Integration tests run in local mode: dev defaults for every secret, no demo seed.
process.env.DEMO_SEED = "off";
process.env.NEXT_TELEMETRY_DISABLED = "1";
