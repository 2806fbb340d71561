// The public request form's Send: no session, the business found by its slug; every refusal is
// JSON with a message for the visitor (and the field it is about), so the page keeps what they typed.
import { getSystemDb } from "@/server/db";
import { findRequestFormBusiness } from "@/server/db/cross-tenant";
import { clientAddress } from "@/server/http/client-address";
import { findUnsafeInput } from "@/server/http/safe-input";
import { errorResponse, jsonError } from "@/server/api/http";
import { FormRefusal, submitRequestForm } from "@/server/leads/request-form";

export async function POST(
  req: Request,
  { params }: { params: Promise<{ slug: string }> },
): Promise<Response> {
  try {
    // Only the form's own page may send it: a page elsewhere could otherwise make its visitors'
    // browsers send requests (each from its own address, past the per-address limit). A browser
    // says where a request comes from (Sec-Fetch-Site, which no page can set), and JSON from
    // another site needs a CORS preflight this route never grants.
    const site = req.headers.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none")
      return jsonError(
        403,
        "Requests are sent from the request form's own page. Please open it and send again.",
      );
    if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? ""))
      return jsonError(415, "The request could not be read. Please press Send request again.");
    const { slug } = await params;
    const sys = await getSystemDb();
    const business = await findRequestFormBusiness(sys, slug);
    if (!business)
      return jsonError(404, "This request form is not available. Please call the business instead.");
    let body: unknown;
    try {
      body = await req.json();
    } catch {
      return jsonError(400, "The request could not be read. Please press Send request again.");
    }
    // The safe-input boundary, as for tRPC and REST: text the database cannot store is a 400 naming
    // the field, before any counter or row is touched.
    const unsafe = findUnsafeInput(body);
    if (unsafe) return jsonError(400, unsafe.message, unsafe.field);
    const result = await submitRequestForm(
      { sys, business, ip: clientAddress(req.headers) ?? "unknown" },
      body,
    );
    // The same request again (a double-click) answers as the first did, with 200 instead of 201.
    return Response.json(
      result.outcome === "received"
        ? { outcome: result.outcome }
        : { outcome: result.outcome, message: result.message, token: result.token },
      { status: result.created ? 201 : 200 },
    );
  } catch (err) {
    if (err instanceof FormRefusal) {
      const res = Response.json(
        { error: { message: err.message, reason: err.reason }, ...(err.token ? { token: err.token } : {}) },
        { status: err.code === "TOO_MANY_REQUESTS" ? 429 : err.code === "CONFLICT" ? 409 : 400 },
      );
      if (err.retryAfterSeconds) res.headers.set("retry-after", String(err.retryAfterSeconds));
      return res;
    }
    return errorResponse(err);
  }
}
