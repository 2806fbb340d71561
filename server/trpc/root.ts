// The app router: every procedure the UI calls.
import { router } from "./init";
import { accountRouter } from "./routers/account";
import { setupRouter } from "./routers/setup";
import { teamRouter } from "./routers/team";
import { leadsRouter } from "./routers/leads";
import { notificationsRouter } from "./routers/notifications";
import { routinesRouter } from "./routers/routines";
import { simulatorRouter } from "./routers/simulator";
import { billingRouter } from "./routers/billing";
import { messagingRouter } from "./routers/messaging";
import { qaRouter } from "./routers/qa";
import { agencyRouter } from "./routers/agency";
import { saasRouter } from "./routers/saas";
import { reportsRouter } from "./routers/reports";
import { integrationsRouter } from "./routers/integrations";
import { followupsRouter } from "./routers/followups";

export const appRouter = router({
  account: accountRouter,
  setup: setupRouter,
  team: teamRouter,
  // ── calls ──
  simulator: simulatorRouter,
  // ── leads ──
  leads: leadsRouter,
  notifications: notificationsRouter,
  routines: routinesRouter,
  // ── billing ──
  billing: billingRouter,
  // ── messaging ──
  messaging: messagingRouter,
  // ── agency ──
  agency: agencyRouter,
  // ── saas ──
  saas: saasRouter,
  // ── qa ──
  qa: qaRouter,
  // ── reports ──
  reports: reportsRouter,
  // ── integrations ──
  integrations: integrationsRouter,
  // ── follow-ups ──
  followups: followupsRouter,
});

export type AppRouter = typeof appRouter;
