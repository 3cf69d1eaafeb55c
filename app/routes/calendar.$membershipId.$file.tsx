import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeed } from "~/models/calendar.server";
import { baseUrl } from "~/web/http.server";

/**
 * A member's private iCalendar feed. Calendar clients send no cookie, so the address itself is the
 * key (an HMAC, see models/calendar.server.ts). A wrong or reset address answers 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const membershipId = Number(params.membershipId);
  const file = params.file ?? "";
  if (!Number.isSafeInteger(membershipId) || !file.endsWith(".ics")) return new Response("Not found", { status: 404 });
  const feed = calendarFeed(membershipId, file.slice(0, -4), baseUrl(request));
  if (feed === null) return new Response("Not found", { status: 404 });
  return new Response(feed, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="moter.ics"',
      "Cache-Control": "private, max-age=300",
    },
  });
}
