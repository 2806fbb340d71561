// Account: sign up, who am I, which businesses can I open, invites, my password and my sessions.
import { z } from "zod";
import { zText } from "@/server/http/safe-input";
import { startTrialQuietly } from "@/server/billing/start-trial";
import { signUp } from "@/server/accounts/sign-up";
import { countSignUpAttempt } from "@/server/accounts/sign-up-limit";
import { acceptInvite, findOpenInvite } from "@/server/accounts/invites";
import { accessibleTenants } from "@/server/agency/tenant-access";
import { forTenant } from "@/server/db/system";
import { changePassword, ZChangePasswordInput } from "@/server/accounts/change-password";
import { signOutEverywhere } from "@/server/auth/session-version";
import {
  requestPasswordReset,
  resetLinkUsable,
  resetPassword,
  ZRequestResetInput,
  ZResetPasswordInput,
} from "@/server/accounts/password-reset";
import { env } from "@/server/env";
import { protectedProcedure, publicProcedure, router } from "../init";

export const ZSignUpInput = z.object({
  name: zText(100, { min: 1, minMessage: "Enter your name." }),
  email: z.email("Enter a valid email address."),
  password: z.string().min(10, "Password must be at least 10 characters.").max(200),
  businessName: zText(100, { min: 2, minMessage: "Business name must be at least 2 characters." }),
  timeZone: z.string().min(1, "Choose a time zone."),
});

export const ZAcceptInviteInput = z.object({
  token: z.string().min(10),
  name: zText(100).optional(),
  password: z.string().min(1, "Enter a password.").max(200),
});

export const accountRouter = router({
  signUp: publicProcedure.input(ZSignUpInput).mutation(async ({ ctx, input }) => {
    await countSignUpAttempt(ctx.sys, ctx.ip);
    const { tenant, user } = await signUp(ctx.sys, input);
    await startTrialQuietly(forTenant(ctx.sys, tenant.id), tenant.id, user.email);
    return { tenantSlug: tenant.slug };
  }),
  me: protectedProcedure.query(async ({ ctx }) => {
    const tenants = await accessibleTenants(ctx.sys, ctx.user.id);
    return { user: ctx.user, tenants };
  }),
  /** Ends this session too: the person signs in again with the new password. */
  changePassword: protectedProcedure
    .input(ZChangePasswordInput)
    .mutation(({ ctx, input }) =>
      changePassword(ctx.sys, { ...ctx.session, email: ctx.user.email }, input, { ip: ctx.ip }),
    ),
  /** Every session of this person, on every device, this one included. */
  signOutEverywhere: protectedProcedure.mutation(async ({ ctx }) => {
    await signOutEverywhere(ctx.sys, ctx.session);
    return { signedOut: true as const };
  }),
  inviteInfo: publicProcedure
    .input(z.object({ token: z.string().min(10) }))
    .query(({ ctx, input }) => findOpenInvite(ctx.sys, input.token)),
  acceptInvite: publicProcedure
    .input(ZAcceptInviteInput)
    .mutation(({ ctx, input }) => acceptInvite(ctx.sys, input)),
  /** "Forgot password?": always the same answer, account or not; rate-limited. */
  requestPasswordReset: publicProcedure
    .input(ZRequestResetInput)
    .mutation(({ ctx, input }) =>
      requestPasswordReset(ctx.sys, input, { ip: ctx.ip, baseUrl: env.PUBLIC_BASE_URL }),
    ),
  /** Whether a reset link still works (the reset page asks before showing the form). */
  passwordResetUsable: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200) }))
    .query(async ({ ctx, input }) => ({ usable: await resetLinkUsable(ctx.sys, input.token) })),
  /** Sets the new password with a reset link; every session of the person ends. */
  resetPassword: publicProcedure
    .input(ZResetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx.sys, input, { ip: ctx.ip })),
});
