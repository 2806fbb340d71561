// Writes to what a call reads about its business — its agency's brand, its numbers, people, routing, follow-up
// sequences, service area, hours, booking slots and answers — are announced in this process
// (whichever client made them: a tenant's, a system path's, a test's), so in-memory copies
// (server/calls/call-settings.ts) are dropped at once. Other processes see the change when their
// copy expires. Raw SQL writes to these tables are not announced: there are none.
import type { PrismaClient } from "./generated/client";

const CALL_SETTINGS_MODELS = new Set([
  "Tenant",
  "Agency",
  "TrackingNumber",
  "Membership",
  "RoutingRule",
  "FollowUpSequence",
  "ServiceZip",
  "BusinessHours",
  "BookingSlot",
  "CallAnswerSettings",
]);
const READS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
]);

type Listener = () => void;
const g = globalThis as unknown as { __leadrescueSettingsListeners?: Set<Listener> };
const listeners = (g.__leadrescueSettingsListeners ??= new Set());

function announce(): void {
  for (const listener of listeners) listener();
}

/** Listens for call settings changes in this process; returns the way to stop. */
export function onCallSettingsChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The process's client, announcing each write to a call setting before it runs and once it lands. */
export function announcingSettingsWrites(prisma: PrismaClient): PrismaClient {
  return prisma.$extends({
    name: "call-settings-writes",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (!CALL_SETTINGS_MODELS.has(model) || READS.has(operation)) return query(args);
          announce();
          return query(args).then((result) => {
            announce();
            return result;
          });
        },
      },
    },
  }) as unknown as PrismaClient;
}
