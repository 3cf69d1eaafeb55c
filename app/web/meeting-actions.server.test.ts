import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { translator } from "~/i18n";
import { getMeeting, createMeetings } from "~/models/meetings.server";
import type { Actor } from "~/models/permissions.server";
import { makeMember, makeNetwork } from "../../tests/helpers/factories";
import { runMeetingForm, uploadMeetingFile, type MeetingRequest } from "./meeting-actions.server";

const t = translator("nb");

async function meeting(): Promise<MeetingRequest> {
  const actor: Actor = await makeMember(makeNetwork(), "facilitator");
  const [m] = createMeetings({
    actor,
    input: {
      title: "Møte",
      date: "2030-05-02",
      time: "13:00",
      durationMinutes: 60,
      location: "",
      onlineUrl: "",
      intervalWeeks: 0,
      untilDate: "",
    },
  });
  return { actor, t, locale: "nb", meetingId: m.id, request: new Request("http://portal.test/") };
}

function form(fields: Array<[string, string]>) {
  const body = new FormData();
  for (const [key, value] of fields) body.append(key, value);
  return body;
}

/** The status and body of an answer (a redirect is a Response; an answer is data with its init). */
function read(reply: unknown): {
  status: number;
  body?: { ok: boolean; intent: string; message: string | null; errors: Record<string, string> };
} {
  if (reply instanceof Response) return { status: reply.status };
  const { data, init } = reply as {
    data: { ok: boolean; intent: string; message: string | null; errors: Record<string, string> };
    init: ResponseInit | null;
  };
  return { status: init?.status ?? 200, body: data };
}

describe("the meeting page's forms", () => {
  it("refuse a form with two intents, an unknown one or none, whole and before any change", async () => {
    const m = await meeting();
    for (const fields of [
      [
        ["intent", "update-meeting"],
        ["intent", "cancel"],
      ],
      [["intent", "constructor"]],
      [["intent", "nothing-like-it"]],
      [],
    ] as Array<Array<[string, string]>>) {
      const { status, body } = read(await runMeetingForm(m, form(fields)));
      assert.equal(status, 400);
      assert.deepEqual(body?.errors, { form: "Ugyldig verdi." });
    }
    assert.equal(getMeeting({ actor: m.actor, meetingId: m.meetingId }).meeting.status, "scheduled");
  });

  it("answer a field's error on the field, a success with its message, and a deleted meeting with the list", async () => {
    const m = await meeting();
    const long = read(
      await runMeetingForm(
        m,
        form([
          ["intent", "add-decision"],
          ["text", "x".repeat(1001)],
        ]),
      ),
    );
    assert.equal(long.status, 400);
    assert.equal(long.body?.intent, "add-decision");
    assert.ok(long.body?.errors.text);
    const saved = read(await runMeetingForm(m, form([["intent", "attendance"]])));
    assert.deepEqual(saved, {
      status: 200,
      body: { ok: true, intent: "attendance", message: "Oppmøtet er lagret.", errors: {}, value: undefined },
    });
    const agency = read(
      await runMeetingForm(
        m,
        form([
          ["intent", "add-action"],
          ["text", "Gjøre noe"],
          ["agencyId", "999999"],
        ]),
      ),
    );
    assert.deepEqual([agency.status, Object.keys(agency.body?.errors ?? {})], [400, ["agencyId"]]);
    const deleted = await runMeetingForm(m, form([["intent", "delete"]]));
    assert.ok(deleted instanceof Response && deleted.status === 302);
    assert.equal(deleted.headers.get("Location"), `/n/${m.actor.networkSlug}/meetings?deleted=1`);
  });

  it("refuse an upload without a file, and one from a member who may not add files", async () => {
    const m = await meeting();
    const empty = new Request("http://portal.test/", { method: "POST", body: form([["note", "x"]]) });
    const missing = read(await uploadMeetingFile({ ...m, request: empty }));
    assert.deepEqual([missing.status, missing.body?.errors], [400, { file: "Velg en fil." }]);
    const participant: Actor = await makeMember(
      { id: m.actor.networkId, slug: m.actor.networkSlug, name: m.actor.networkName },
      "participant",
    );
    await assert.rejects(
      async () => uploadMeetingFile({ ...m, actor: participant, request: empty }),
      (e: unknown) => read(e).status === 403,
    );
  });
});
