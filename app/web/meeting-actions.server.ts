/**
 * The forms of a meeting's page, one handler per intent, by the part of the meeting they change:
 * the meeting itself, its agenda, attendance, the record (decisions, action items, publishing) and
 * its files. Every form posts to the meeting's own address (so each works without JavaScript and
 * comes back to the page); the route's action hands the form to `runMeetingForm`, which parses it
 * with the intent's schema, makes the model call and answers in the one shape (./answer.ts).
 */
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { Locale, Translate } from "~/i18n";
import { addActionItem, deleteActionItem, setActionDone } from "~/models/action-items.server";
import { addAgendaItem, carryOver, deleteAgendaItem, reorderAgenda, updateAgendaItem } from "~/models/agenda.server";
import { addAttachment, deleteAttachment, MAX_ATTACHMENT_BYTES } from "~/models/attachments.server";
import { addGuest, removeGuest, setAttendance } from "~/models/attendance.server";
import { deleteMeeting, setMeetingCancelled, updateMeeting } from "~/models/meetings.server";
import { addDecision, deleteDecision, publishMinutes } from "~/models/minutes.server";
import { can, type Actor } from "~/models/permissions.server";
import { rateLimitAnswer } from "~/utils/rate-limit.server";
import { answer, intentOf, readUpload, refused, succeeded } from "./actions.server";
import type { Answer } from "./answer";
import { parseForm } from "./forms.server";
import { baseUrl, runModel } from "./http.server";
import { ActionItemSchema, AgendaFields, AgendaItemSchema, DecisionSchema, GuestSchema, idList, MeetingFields } from "./meeting-forms";
import { idField } from "./validation";

/** Who asks about which meeting, and in which language. */
export interface MeetingRequest {
  actor: Actor;
  t: Translate;
  locale: Locale;
  meetingId: number;
  request: Request;
}

interface Handler<S extends z.ZodType, R> {
  schema: S;
  /** The model call. */
  run(m: MeetingRequest, input: z.output<S>): R;
  /** The success message, from what the call returned (none when the page shows the change itself). */
  message?(t: Translate, value: R): string | null;
  /** Where to go afterwards, when the page itself is gone. */
  redirectTo?(m: MeetingRequest): string;
}

function on<S extends z.ZodType, R>(schema: S, run: Handler<S, R>["run"], rest: Omit<Handler<S, R>, "schema" | "run"> = {}): Handler<S, R> {
  return { schema, run, ...rest };
}

const none = z.object({});
const id = () => idField();

/** The meeting itself: its time and place, cancelled or not, gone. */
const meetingForms = {
  "update-meeting": on(z.object(MeetingFields), ({ actor, meetingId }, input) => updateMeeting({ actor, meetingId, input }), {
    message: (t) => t("meetings.saved"),
  }),
  cancel: on(none, ({ actor, meetingId }) => setMeetingCancelled({ actor, meetingId, cancelled: true })),
  restore: on(none, ({ actor, meetingId }) => setMeetingCancelled({ actor, meetingId, cancelled: false })),
  delete: on(none, ({ actor, meetingId }) => deleteMeeting({ actor, meetingId }), {
    redirectTo: ({ actor }) => `/n/${actor.networkSlug}/meetings?deleted=1`,
  }),
};

const agendaForms = {
  "add-item": on(z.object(AgendaFields), ({ actor, meetingId }, input) => addAgendaItem({ actor, meetingId, input })),
  "update-item": on(AgendaItemSchema, ({ actor, meetingId }, { itemId, done, ...input }) =>
    updateAgendaItem({ actor, meetingId, itemId, input, done: done === "on" }),
  ),
  "delete-item": on(z.object({ itemId: id() }), ({ actor, meetingId }, { itemId }) => deleteAgendaItem({ actor, meetingId, itemId })),
  reorder: on(z.object({ orderedIds: idList() }), ({ actor, meetingId }, { orderedIds }) =>
    reorderAgenda({ actor, meetingId, orderedIds }),
  ),
  carry: on(none, ({ actor, meetingId, locale }) => carryOver({ actor, meetingId, locale }), {
    message: (t, { count }) => t("meetings.carried", { count }),
  }),
};

const attendanceForms = {
  attendance: on(
    z.object({ agencyIds: idList(), userIds: idList() }),
    ({ actor, meetingId }, { agencyIds, userIds }) => setAttendance({ actor, meetingId, agencyIds, userIds }),
    { message: (t) => t("meetings.attendanceSaved") },
  ),
  "add-guest": on(GuestSchema, ({ actor, meetingId }, { name, agencyName }) => addGuest({ actor, meetingId, name, agencyName })),
  "remove-guest": on(z.object({ guestId: id() }), ({ actor, meetingId }, { guestId }) => removeGuest({ actor, meetingId, guestId })),
};

/** The record of the meeting: decisions, action items, and publishing it with the minutes. */
const recordForms = {
  "add-decision": on(DecisionSchema, ({ actor, meetingId }, { text }) => addDecision({ actor, meetingId, text })),
  "delete-decision": on(z.object({ decisionId: id() }), ({ actor, meetingId }, { decisionId }) =>
    deleteDecision({ actor, meetingId, decisionId }),
  ),
  "add-action": on(ActionItemSchema, ({ actor, meetingId }, input) => addActionItem({ actor, meetingId, input })),
  "delete-action": on(z.object({ actionId: id() }), ({ actor, meetingId }, { actionId }) =>
    deleteActionItem({ actor, meetingId, actionId }),
  ),
  "action-done": on(z.object({ actionId: id(), done: z.enum(["true", "false"]) }), ({ actor, meetingId }, { actionId, done }) =>
    setActionDone({ actor, meetingId, actionId, done: done === "true" }),
  ),
  publish: on(none, ({ actor, meetingId, locale, request }) => publishMinutes({ actor, meetingId, baseUrl: baseUrl(request), locale }), {
    message: (t, { recipients }) => t("meetings.publishedNow", { count: recipients }),
  }),
};

const fileForms = {
  "delete-file": on(z.object({ attachmentId: id() }), ({ actor, meetingId }, { attachmentId }) =>
    deleteAttachment({ actor, meetingId, attachmentId }),
  ),
};

const MEETING_FORMS: Record<string, Handler<z.ZodType, unknown>> = {
  ...meetingForms,
  ...agendaForms,
  ...attendanceForms,
  ...recordForms,
  ...fileForms,
};

/**
 * Carries out one form of the meeting page. A form with no intent, one the page does not have, or
 * two (a button and a hidden field both named `intent`) is refused whole.
 */
export async function runMeetingForm(m: MeetingRequest, form: FormData) {
  const intent = intentOf(form);
  const handler = form.getAll("intent").length === 1 && Object.hasOwn(MEETING_FORMS, intent) ? MEETING_FORMS[intent] : null;
  if (!handler) return refused({ form: m.t("validation.invalid") }, { intent });
  const parsed = parseForm(handler.schema, form, m.t);
  if (!parsed.ok) return refused(parsed.errors, { intent });
  const result = await runModel(m.t, () => handler.run(m, parsed.data));
  if (!result.ok) return refused(result.errors, { intent, status: result.status, value: result.current });
  if (handler.redirectTo) return redirect(handler.redirectTo(m));
  return succeeded(handler.message?.(m.t, result.value) ?? null, { intent });
}

export function isUpload(request: Request) {
  return (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
}

/** One uploaded file. Too large, empty or of a type not allowed: 400/413 and nothing stored. */
export async function uploadMeetingFile(m: MeetingRequest) {
  const intent = "upload";
  if (!can(m.actor.role, "meetings.manage")) throw data(null, { status: 403 });
  const limited = rateLimitAnswer("uploads", m.actor.userId, m.t, (message): Answer => ({
    ok: false,
    intent,
    message: null,
    errors: { file: message },
  }));
  if (limited) return limited;
  const upload = await readUpload(m.request, MAX_ATTACHMENT_BYTES);
  if (!upload.ok) {
    const tooLarge = upload.reason === "tooLarge";
    return refused({ file: m.t(tooLarge ? "meetings.fileTooLarge" : "meetings.fileMissing") }, { intent, status: tooLarge ? 413 : 400 });
  }
  const bytes = new Uint8Array(await upload.file.arrayBuffer());
  return answer(m.t, () => addAttachment({ actor: m.actor, meetingId: m.meetingId, filename: upload.file.name, bytes }), {
    intent,
    message: (file) => m.t("meetings.fileAdded", { name: file.filename }),
  });
}
