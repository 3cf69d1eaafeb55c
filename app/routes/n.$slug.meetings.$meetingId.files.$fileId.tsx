import { createReadStream } from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { getAttachment } from "~/models/attachments.server";
import { requireMember } from "~/web/access.server";
import { idParam, orHttpError } from "~/web/http.server";

/** A meeting's file, for the network's members only, as a download with its own content type. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "meetings.view");
  return orHttpError(() => {
    const file = getAttachment({ actor, meetingId: idParam(params.meetingId), attachmentId: idParam(params.fileId) });
    const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "'");
    return new Response(createReadableStreamFromReadable(createReadStream(file.path)), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.size),
        "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, max-age=300",
      },
    });
  });
}
