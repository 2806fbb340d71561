// Team: members, invites, roles; API keys; the audit log.
import { z } from "zod";
import { changeRole, listMembers, removeMember } from "@/server/accounts/members";
import { createInvite, revokeInvite } from "@/server/accounts/invites";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/accounts/api-keys";
import { listAuditLog } from "@/server/accounts/audit-log";
import { API_SCOPES } from "@/server/api/api-auth";
import { sendInviteEmail } from "@/server/integrations/email";
import { env } from "@/server/env";
import { router, tenantProcedure } from "../init";

const ZRole = z.enum(["owner", "manager", "staff"]);

export const teamRouter = router({
  members: tenantProcedure.meta({ permission: "members.read" }).query(({ ctx }) => listMembers(ctx)),
  invite: tenantProcedure
    .meta({ permission: "members.invite" })
    .input(z.object({ email: z.string().max(200), role: ZRole }))
    .mutation(async ({ ctx, input }) => {
      const { invite, token } = await createInvite(ctx, {
        ...input,
        actorId: ctx.userId,
        actorRole: ctx.role,
      });
      const link = `${env.PUBLIC_BASE_URL.replace(/\/$/, "")}/invite/${token}`;
      const emailed = await sendInviteEmail({ to: invite.email, businessName: ctx.tenant.name, link });
      return { id: invite.id, email: invite.email, link, emailed };
    }),
  revokeInvite: tenantProcedure
    .meta({ permission: "members.invite" })
    .input(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => revokeInvite(ctx, { id: input.id, actorId: ctx.userId })),
  changeRole: tenantProcedure
    .meta({ permission: "members.manage" })
    .input(z.object({ userId: z.string(), role: ZRole }))
    .mutation(({ ctx, input }) => changeRole(ctx, { ...input, actorId: ctx.userId, actorRole: ctx.role })),
  removeMember: tenantProcedure
    .meta({ permission: "members.manage" })
    .input(z.object({ userId: z.string() }))
    .mutation(({ ctx, input }) => removeMember(ctx, { userId: input.userId, actorId: ctx.userId })),

  apiKeys: tenantProcedure.meta({ permission: "apiKeys.manage" }).query(({ ctx }) => listApiKeys(ctx)),
  createApiKey: tenantProcedure
    .meta({ permission: "apiKeys.manage" })
    .input(z.object({ name: z.string().max(60), scopes: z.array(z.enum(API_SCOPES)).optional() }))
    .mutation(({ ctx, input }) =>
      createApiKey(ctx, { name: input.name, actorId: ctx.userId, scopes: input.scopes }),
    ),
  revokeApiKey: tenantProcedure
    .meta({ permission: "apiKeys.manage" })
    .input(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx, { id: input.id, actorId: ctx.userId })),

  auditLog: tenantProcedure
    .meta({ permission: "audit.read" })
    .input(z.object({ cursor: z.string().nullish(), limit: z.number().int().min(1).max(100).default(50) }))
    .query(({ ctx, input }) => listAuditLog(ctx, input)),
});
