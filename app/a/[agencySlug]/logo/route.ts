// An agency's logo, served by the app (white label). Only images that passed the upload check are
// stored; they are sent with their sniffed type and nosniff, never as HTML.
import { getSystemDb } from "@/server/db";
import { logoBySlug } from "@/server/saas/branding";

export async function GET(_req: Request, { params }: { params: Promise<{ agencySlug: string }> }) {
  const { agencySlug } = await params;
  const logo = await logoBySlug(await getSystemDb(), agencySlug);
  if (!logo) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(logo.bytes), {
    headers: {
      "content-type": logo.type,
      "cache-control": "public, max-age=300",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
    },
  });
}
