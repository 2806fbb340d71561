// A caller clicked the booking link of a text-back: the click goes on the lead's timeline (seed
// 003 report: "replies/bookings where trackable"), then the caller goes to the tenant's page.
import type { PrismaClient } from "@/server/db/generated/client";
import { getMessagingSettings } from "./messaging-settings";
import { leadIdFromToken } from "./tracked-link";

export async function followLink(prisma: PrismaClient, token: string, now = new Date()): Promise<string | null> {
  const leadId = leadIdFromToken(token);
  if (!leadId) return null;
  const lead = await prisma.lead.findUnique({ where: { id: leadId }, select: { id: true, tenantId: true } });
  if (!lead) return null;
  const settings = await getMessagingSettings(prisma, lead.tenantId);
  if (!settings.bookingUrl) return null;
  await prisma.leadEvent.create({ data: { tenantId: lead.tenantId, leadId: lead.id, type: "sms.link_clicked", data: { url: settings.bookingUrl }, createdAt: now } });
  return settings.bookingUrl;
}
