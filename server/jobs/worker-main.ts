// `npm run worker`: the same job workers as the app runs in dev, as their own process (any number
// of them; pg-boss hands each job to one worker).
import { getDb } from "@/server/db";
import { refusePublishedSecretsInProduction } from "@/server/env";
import { ALL_JOBS } from "./all-jobs";
import { startJobs, stopJobs } from "./runtime";

refusePublishedSecretsInProduction();
const db = await getDb();
await startJobs(db, ALL_JOBS);
console.log(
  `LeadRescue worker: ${ALL_JOBS.length} job queues running on ${db.url ? "PostgreSQL" : "the embedded database"}.`,
);
const stop = () => void stopJobs().finally(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
