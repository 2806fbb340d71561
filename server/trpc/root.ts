// The app router: every procedure the UI calls.
import { router } from "./init";
import { accountRouter } from "./routers/account";
import { setupRouter } from "./routers/setup";
import { teamRouter } from "./routers/team";

export const appRouter = router({
  account: accountRouter,
  setup: setupRouter,
  team: teamRouter,
  // ── calls ──
  // ── leads ──
  // ── billing ──
});

export type AppRouter = typeof appRouter;
