import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { and, eq } from "drizzle-orm";
import { uploadsPath } from "../../db/client-path";
import { db } from "../../db/client";
import { attachments, meetings } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { DomainValidationError, NotFoundError } from "./errors.server";
import { assertCan, type Actor } from "./permissions.server";

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** What may be attached: presentations, documents, spreadsheets, PDFs and images, by extension. */
export const ALLOWED_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".ppt": "application/vnd.ms-powerpoint",
  ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  ".doc": "application/msword",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xls": "application/vnd.ms-excel",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
};

/** Where uploaded files live (db/client-path.ts). */
export const uploadsDir = uploadsPath;

function pathFor(sha256: string) {
  return join(uploadsDir(), sha256.slice(0, 2), sha256);
}

/** A file name safe to show and to send back in Content-Disposition. */
function cleanName(name: string) {
  const base = name.split(/[\\/]/).pop() ?? "fil";
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not carry
    .replace(/[\u0000-\u001f"<>|:*?]/g, "_")
    .trim()
    .slice(0, 200);
  return cleaned || "fil";
}

/**
 * Stores a file for a meeting. The type is decided by the extension (the browser's claim is not
 * trusted), the size is capped, and identical files are stored once, under their SHA-256.
 */
export function addAttachment({
  actor,
  meetingId,
  filename,
  bytes,
}: {
  actor: Actor;
  meetingId: number;
  filename: string;
  bytes: Uint8Array;
}) {
  assertCan(actor, "meetings.manage");
  const name = cleanName(filename);
  const contentType = ALLOWED_TYPES[extname(name).toLowerCase()];
  if (!contentType) throw new DomainValidationError("file", "meetings.fileType");
  if (bytes.byteLength === 0) throw new DomainValidationError("file", "meetings.fileEmpty");
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) throw new DomainValidationError("file", "meetings.fileTooLarge");
  const meeting = db
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.networkId, actor.networkId)))
    .get();
  if (!meeting) throw new NotFoundError("meeting");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const target = pathFor(sha256);
  if (!existsSync(target)) {
    mkdirSync(dirname(target), { recursive: true });
    // Write then rename, so a half-written file never has the final name.
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, target);
  }
  return db.transaction((tx) => {
    const row = tx
      .insert(attachments)
      .values({ meetingId: meeting.id, sha256, filename: name, contentType, size: bytes.byteLength, uploadedBy: actor.userId })
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "attachment.added",
      entityType: "attachment",
      entityId: row.id,
      message: { key: "audit.msg.fileAdded", params: { file: name, title: meeting.title } },
    });
    return row;
  });
}

/** A file of a meeting in the actor's network, with the path to read it from. */
export function getAttachment({ actor, meetingId, attachmentId }: { actor: Actor; meetingId: number; attachmentId: number }) {
  assertCan(actor, "meetings.view");
  const row = db
    .select({ attachment: attachments })
    .from(attachments)
    .innerJoin(meetings, eq(meetings.id, attachments.meetingId))
    .where(and(eq(attachments.id, attachmentId), eq(attachments.meetingId, meetingId), eq(meetings.networkId, actor.networkId)))
    .get();
  if (!row) throw new NotFoundError("attachment");
  const path = pathFor(row.attachment.sha256);
  if (!existsSync(path)) throw new NotFoundError("attachment file");
  return { ...row.attachment, path };
}

export function deleteAttachment({ actor, meetingId, attachmentId }: { actor: Actor; meetingId: number; attachmentId: number }) {
  assertCan(actor, "meetings.manage");
  db.transaction((tx) => {
    const row = tx
      .select({ attachment: attachments })
      .from(attachments)
      .innerJoin(meetings, eq(meetings.id, attachments.meetingId))
      .where(and(eq(attachments.id, attachmentId), eq(attachments.meetingId, meetingId), eq(meetings.networkId, actor.networkId)))
      .get();
    if (!row) throw new NotFoundError("attachment");
    // The bytes stay: the same file may be attached elsewhere; they are small next to their value.
    tx.delete(attachments).where(eq(attachments.id, attachmentId)).run();
    recordAudit(tx, {
      actor,
      networkId: actor.networkId,
      action: "attachment.deleted",
      entityType: "attachment",
      entityId: attachmentId,
      message: { key: "audit.msg.fileRemoved", params: { file: row.attachment.filename } },
    });
  });
}
