// Production refuses the published development secrets, naming them in one line; LOCAL_MODE=1
// (the e2e run, `npm run start:local`) allows them. A bad proxy setting stops the start too.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  DEV_AUTH_SECRET,
  DEV_STRIPE_CONNECT_WEBHOOK_SECRET,
  DEV_STRIPE_WEBHOOK_SECRET,
  DEV_TWILIO_AUTH_TOKEN,
  publishedDevSecrets,
} from "./env";

const OWN = {
  AUTH_SECRET: "a-real-secret-of-at-least-thirty-two-chars",
  TWILIO_AUTH_TOKEN: "real-twilio-token",
  STRIPE_WEBHOOK_SECRET: "whsec_real",
};

function start(env: Record<string, string>) {
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "-e",
      'const { refusePublishedSecretsInProduction } = await import("./server/env.ts"); refusePublishedSecretsInProduction(); console.log("started")',
    ],
    {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...env },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.trim() };
}

describe("published development secrets", () => {
  it("names each secret still at its README default", () => {
    expect(publishedDevSecrets(OWN)).toEqual([]);
    expect(
      publishedDevSecrets({
        ...OWN,
        AUTH_SECRET: DEV_AUTH_SECRET,
        STRIPE_WEBHOOK_SECRET: DEV_STRIPE_WEBHOOK_SECRET,
      }),
    ).toEqual(["AUTH_SECRET", "STRIPE_WEBHOOK_SECRET"]);
    expect(publishedDevSecrets({ ...OWN, TWILIO_AUTH_TOKEN: DEV_TWILIO_AUTH_TOKEN })).toEqual([
      "TWILIO_AUTH_TOKEN",
    ]);
    // The Connect endpoint's secret is needed only in SaaS mode; set to the published value, it is refused too.
    expect(
      publishedDevSecrets({ ...OWN, STRIPE_CONNECT_WEBHOOK_SECRET: DEV_STRIPE_CONNECT_WEBHOOK_SECRET }),
    ).toEqual(["STRIPE_CONNECT_WEBHOOK_SECRET"]);
  });

  it("refuses a wholesale price that is not whole cents, naming it", { timeout: 60_000 }, () => {
    const run = start({
      ...OWN,
      WHOLESALE_MONTHLY_CENTS: "49.50",
      WHOLESALE_PER_CALL_CENTS: "-1",
      STRIPE_CONNECT_WEBHOOK_SECRET: "not-a-secret",
    });
    expect(run.code).not.toBe(0);
    expect(run.stdout).not.toContain("started");
    expect(run.stderr).toMatch(
      /WHOLESALE_MONTHLY_CENTS: must be the wholesale price per business per month in whole cents, e\.g\. 4900/,
    );
    expect(run.stderr).toMatch(/WHOLESALE_PER_CALL_CENTS: must be 0 or more/);
    expect(run.stderr).toMatch(/STRIPE_CONNECT_WEBHOOK_SECRET: must start with whsec_/);
  });

  it("stops a production start with one line naming them", { timeout: 60_000 }, () => {
    const run = start({ TWILIO_AUTH_TOKEN: OWN.TWILIO_AUTH_TOKEN });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain("started");
    expect(run.stderr.split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^LeadRescue cannot start: AUTH_SECRET, STRIPE_WEBHOOK_SECRET are the published development default/,
    );
  });

  it(
    "refuses a proxy setting that is not a count or a list of addresses, naming it",
    { timeout: 60_000 },
    () => {
      const run = start({ ...OWN, TRUSTED_PROXY_HOPS: "one", TRUSTED_PROXIES: "10.0.0.0/33, office" });
      expect(run.code).not.toBe(0);
      expect(run.stdout).not.toContain("started");
      expect(run.stderr).toMatch(/TRUSTED_PROXY_HOPS: must be the number of proxies in front of the app/);
      expect(run.stderr).toMatch(
        /TRUSTED_PROXIES: must be a comma-separated list of addresses or CIDR ranges/,
      );
      expect(
        start({ ...OWN, TRUSTED_PROXY_HOPS: "2", TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.5" }),
      ).toMatchObject({ code: 0, stdout: "started\n" });
    },
  );

  it(
    "starts in production with its own secrets, or with the defaults when LOCAL_MODE=1",
    { timeout: 120_000 },
    () => {
      expect(start(OWN)).toMatchObject({ code: 0, stdout: "started\n" });
      expect(start({ LOCAL_MODE: "1" })).toMatchObject({ code: 0, stdout: "started\n" });
    },
  );
});
