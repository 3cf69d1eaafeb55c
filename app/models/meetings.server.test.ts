import "../../tests/helpers/test-db";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { agendaItems, auditLog, meetings, outbox } from "../../db/schema";
import { makeAgency, makeMember, makeNetwork } from "../../tests/helpers/factories";
import { parseICalendar } from "~/utils/ical";
import { osloParts } from "~/utils/oslo-time";
import { addAttachment, getAttachment, MAX_ATTACHMENT_BYTES } from "./attachments.server";
import { calendarFeed, calendarFeedPath, resetCalendarFeed } from "./calendar.server";
import { ConflictError, DomainValidationError, ForbiddenError, NotFoundError } from "./errors.server";
import { searchMeetings } from "./meeting-search.server";
import { deliveryStatus, markFailed, markSent, MAX_DELIVERY_ATTEMPTS, minutesTopic } from "./outbox.server";
import { addActionItem, setActionDone } from "./action-items.server";
import { addAgendaItem, carryOver, deleteAgendaItem, reorderAgenda } from "./agenda.server";
import { addGuest, attendanceOverview, setAttendance } from "./attendance.server";
import {
  createMeetings,
  deleteMeeting,
  getMeeting,
  listMeetings,
  seriesDates,
  setMeetingCancelled,
  updateMeeting,
} from "./meetings.server";
import { addDecision, publishMinutes, saveMinutes, type MinutesNow } from "./minutes.server";

const NOW = Date.UTC(2026, 3, 1, 8, 0, 0); // 1 April 2026
const base = { title: "Ukentlig møte", time: "13:00", durationMinutes: 60, location: "Teams", onlineUrl: "" };

async function network() {
  const net = makeNetwork();
  const nav = makeAgency(`NAV ${net.slug}`);
  const udi = makeAgency(`UDI ${net.slug}`);
  const facilitator = await makeMember(net, "facilitator", { agencyId: nav.id });
  const rep = await makeMember(net, "representative", { agencyId: udi.id });
  const participant = await makeMember(net, "participant", { agencyId: nav.id });
  return { net, nav, udi, facilitator, rep, participant };
}

describe("meeting series", () => {
  it("generates weekly and every-2-or-3-weeks dates up to the end date", () => {
    assert.deepEqual(seriesDates("2022-04-07", 1, "2022-04-28"), ["2022-04-07", "2022-04-14", "2022-04-21", "2022-04-28"]);
    assert.deepEqual(seriesDates("2022-04-07", 2, "2022-05-06"), ["2022-04-07", "2022-04-21", "2022-05-05"]);
    assert.deepEqual(
      seriesDates("2022-04-07", 3, "2022-04-27"),
      ["2022-04-07", "2022-04-28"].filter((d) => d <= "2022-04-27"),
    );
    assert.deepEqual(seriesDates("2022-04-07", 0, ""), ["2022-04-07"]);
  });

  it("creates the occurrences at the same local time across summer time", async () => {
    const { facilitator } = await network();
    const created = createMeetings(
      { actor: facilitator, input: { ...base, date: "2026-10-15", intervalWeeks: 1, untilDate: "2026-11-05" } },
      NOW,
    );
    assert.equal(created.length, 4);
    assert.deepEqual(
      created.map((m) => osloParts(m.startsAt).time),
      ["13:00", "13:00", "13:00", "13:00"],
    );
    assert.ok(created.every((m) => m.seriesId === created[0].seriesId && m.seriesId !== null));
  });

  it("refuses a series that starts in the past, ends before it starts, or is too long", async () => {
    const { facilitator, rep } = await network();
    const before = db.select().from(meetings).all().length;
    assert.throws(
      () => createMeetings({ actor: facilitator, input: { ...base, date: "2026-03-01", intervalWeeks: 1, untilDate: "2026-06-01" } }, NOW),
      (e) => e instanceof DomainValidationError && e.field === "date",
    );
    assert.throws(
      () => createMeetings({ actor: facilitator, input: { ...base, date: "2026-05-01", intervalWeeks: 1, untilDate: "2026-04-01" } }, NOW),
      (e) => e instanceof DomainValidationError && e.field === "untilDate",
    );
    assert.throws(
      () => createMeetings({ actor: facilitator, input: { ...base, date: "2026-05-01", intervalWeeks: 1, untilDate: "2028-05-01" } }, NOW),
      (e) => e instanceof DomainValidationError && e.messageKey === "meetings.tooMany",
    );
    assert.throws(
      () => createMeetings({ actor: rep, input: { ...base, date: "2026-05-01", intervalWeeks: 0, untilDate: "" } }, NOW),
      ForbiddenError,
    );
    assert.equal(db.select().from(meetings).all().length, before);
  });

  it("changes or cancels one occurrence without touching the rest", async () => {
    const { facilitator } = await network();
    const [first, second, third] = createMeetings(
      { actor: facilitator, input: { ...base, date: "2026-05-07", intervalWeeks: 1, untilDate: "2026-05-21" } },
      NOW,
    );
    updateMeeting({
      actor: facilitator,
      meetingId: second.id,
      input: { ...base, title: "Flyttet møte", date: "2026-05-15", time: "09:00" },
    });
    setMeetingCancelled({ actor: facilitator, meetingId: third.id, cancelled: true });
    const rows = db.select().from(meetings).where(eq(meetings.seriesId, first.seriesId!)).all();
    const byId = new Map(rows.map((r) => [r.id, r]));
    assert.equal(byId.get(first.id)!.title, "Ukentlig møte");
    assert.deepEqual(osloParts(byId.get(second.id)!.startsAt), { date: "2026-05-15", time: "09:00" });
    assert.equal(byId.get(third.id)!.status, "cancelled");
    assert.equal(byId.get(first.id)!.status, "scheduled");
  });

  it("lists upcoming and past meetings of the network only", async () => {
    const { facilitator } = await network();
    const other = await network();
    createMeetings({ actor: facilitator, input: { ...base, date: "2026-03-20", intervalWeeks: 0, untilDate: "" } }, NOW);
    createMeetings({ actor: facilitator, input: { ...base, date: "2026-04-20", intervalWeeks: 0, untilDate: "" } }, NOW);
    createMeetings(
      { actor: other.facilitator, input: { ...base, title: "Annet nettverk", date: "2026-04-21", intervalWeeks: 0, untilDate: "" } },
      NOW,
    );
    const { upcoming, past } = listMeetings({ actor: facilitator }, NOW);
    assert.equal(upcoming.length, 1);
    assert.equal(past.length, 1);
    assert.ok(![...upcoming, ...past].some((m) => m.title === "Annet nettverk"));
    assert.throws(
      () =>
        getMeeting({
          actor: facilitator,
          meetingId: upcoming.length && db.select().from(meetings).where(eq(meetings.title, "Annet nettverk")).get()!.id,
        }),
      NotFoundError,
    );
  });
});

describe("meeting list", () => {
  it("shows each meeting's first agenda items in order, and how many there are", async () => {
    const { facilitator } = await network();
    const [a, b] = createMeetings(
      { actor: facilitator, input: { ...base, date: "2026-04-20", intervalWeeks: 1, untilDate: "2026-04-27" } },
      NOW,
    );
    for (const title of ["Velkommen", "eID for flyktninger", "Adresse på D-nummer", "Runde rundt bordet"]) {
      addAgendaItem(
        { actor: facilitator, meetingId: a!.id, input: { title, presenterAgencyId: null, plannedMinutes: 10, notes: "" } },
        NOW,
      );
    }
    addAgendaItem(
      { actor: facilitator, meetingId: b!.id, input: { title: "Bosetting", presenterAgencyId: null, plannedMinutes: 10, notes: "" } },
      NOW,
    );
    const { upcoming } = listMeetings({ actor: facilitator }, NOW);
    const first = upcoming.find((m) => m.id === a!.id)!;
    const second = upcoming.find((m) => m.id === b!.id)!;
    assert.deepEqual(first.topics, ["Velkommen", "eID for flyktninger", "Adresse på D-nummer"]);
    assert.equal(first.agendaCount, 4);
    assert.deepEqual(second.topics, ["Bosetting"]);
    assert.equal(second.agendaCount, 1);
  });
});

describe("agenda", () => {
  it("is reordered only with exactly the meeting's items", async () => {
    const { facilitator } = await network();
    const [m] = createMeetings({ actor: facilitator, input: { ...base, date: "2026-05-07", intervalWeeks: 0, untilDate: "" } }, NOW);
    const ids = ["Velkommen", "eID", "Adresser"].map(
      (title) =>
        addAgendaItem(
          { actor: facilitator, meetingId: m.id, input: { title, presenterAgencyId: null, plannedMinutes: 10, notes: "" } },
          NOW,
        ).id,
    );
    reorderAgenda({ actor: facilitator, meetingId: m.id, orderedIds: [ids[2], ids[0], ids[1]] });
    assert.deepEqual(
      getMeeting({ actor: facilitator, meetingId: m.id }).agenda.map((i) => i.title),
      ["Adresser", "Velkommen", "eID"],
    );
    assert.throws(() => reorderAgenda({ actor: facilitator, meetingId: m.id, orderedIds: [ids[0], ids[1]] }), DomainValidationError);
    assert.throws(
      () => reorderAgenda({ actor: facilitator, meetingId: m.id, orderedIds: [ids[0], ids[1], 999_999] }),
      DomainValidationError,
    );
    // An item addressed through the wrong meeting: 400 within the network, 404 from another network.
    const [other] = createMeetings({ actor: facilitator, input: { ...base, date: "2026-05-14", intervalWeeks: 0, untilDate: "" } }, NOW);
    assert.throws(
      () => deleteAgendaItem({ actor: facilitator, meetingId: other.id, itemId: ids[0] }),
      (e) => e instanceof DomainValidationError && e.messageKey === "meetings.itemOtherMeeting",
    );
    const stranger = await network();
    const [theirs] = createMeetings(
      { actor: stranger.facilitator, input: { ...base, date: "2026-05-14", intervalWeeks: 0, untilDate: "" } },
      NOW,
    );
    assert.throws(() => deleteAgendaItem({ actor: stranger.facilitator, meetingId: theirs.id, itemId: ids[0] }), NotFoundError);
    assert.equal(getMeeting({ actor: facilitator, meetingId: m.id }).agenda.length, 3, "nothing was removed");
  });

  it("lets representatives propose items for upcoming meetings only", async () => {
    const { facilitator, rep, participant, udi } = await network();
    const [past] = createMeetings({ actor: facilitator, input: { ...base, date: "2026-03-05", intervalWeeks: 0, untilDate: "" } }, NOW);
    const [future] = createMeetings({ actor: facilitator, input: { ...base, date: "2026-05-05", intervalWeeks: 0, untilDate: "" } }, NOW);
    const item = addAgendaItem(
      {
        actor: rep,
        meetingId: future.id,
        input: { title: "Adresse på D-nummer", presenterAgencyId: udi.id, plannedMinutes: 15, notes: "" },
      },
      NOW,
    );
    assert.equal(item.proposedBy, rep.userId);
    assert.throws(
      () =>
        addAgendaItem(
          { actor: rep, meetingId: past.id, input: { title: "For sent", presenterAgencyId: null, plannedMinutes: 5, notes: "" } },
          NOW,
        ),
      ForbiddenError,
    );
    assert.throws(
      () =>
        addAgendaItem(
          { actor: participant, meetingId: future.id, input: { title: "Nei", presenterAgencyId: null, plannedMinutes: 5, notes: "" } },
          NOW,
        ),
      ForbiddenError,
    );
    const outsider = makeAgency(`Utenfor ${Date.now()}`);
    assert.throws(
      () =>
        addAgendaItem(
          { actor: facilitator, meetingId: future.id, input: { title: "x", presenterAgencyId: outsider.id, plannedMinutes: 5, notes: "" } },
          NOW,
        ),
      DomainValidationError,
    );
  });

  it("carries unfinished items and open action items to the next meeting, once", async () => {
    const { facilitator, nav } = await network();
    const [first, second] = createMeetings(
      { actor: facilitator, input: { ...base, date: "2026-05-07", intervalWeeks: 1, untilDate: "2026-05-14" } },
      NOW,
    );
    const done = addAgendaItem(
      { actor: facilitator, meetingId: first.id, input: { title: "Ferdig sak", presenterAgencyId: null, plannedMinutes: 10, notes: "" } },
      NOW,
    );
    db.update(agendaItems).set({ done: true }).where(eq(agendaItems.id, done.id)).run();
    const undone = addAgendaItem(
      {
        actor: facilitator,
        meetingId: first.id,
        input: { title: "Uferdig sak", presenterAgencyId: nav.id, plannedMinutes: 10, notes: "" },
      },
      NOW,
    );
    const open = addActionItem({
      actor: facilitator,
      meetingId: first.id,
      input: { text: "Kartlegge adresseflyt", agencyId: nav.id, assigneeUserId: null, dueDate: null },
    });
    const closed = addActionItem({
      actor: facilitator,
      meetingId: first.id,
      input: { text: "Sende rapport", agencyId: null, assigneeUserId: null, dueDate: null },
    });
    setActionDone({ actor: facilitator, meetingId: first.id, actionId: closed.id, done: true });

    assert.deepEqual(carryOver({ actor: facilitator, meetingId: first.id, locale: "nb" }), { nextMeetingId: second.id, count: 2 });
    assert.deepEqual(
      carryOver({ actor: facilitator, meetingId: first.id, locale: "nb" }),
      { nextMeetingId: second.id, count: 0 },
      "nothing twice",
    );
    assert.deepEqual(
      getMeeting({ actor: facilitator, meetingId: second.id }).agenda.map((i) => i.title),
      ["Uferdig sak", "Oppfølging: Kartlegge adresseflyt"],
    );
    // Each carried item names what it came from, in the column for its kind.
    const carried = db
      .select({ from: agendaItems.carriedFromId, fromAction: agendaItems.carriedFromActionId })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, second.id))
      .orderBy(agendaItems.position)
      .all();
    assert.deepEqual(carried, [
      { from: undone.id, fromAction: null },
      { from: null, fromAction: open.id },
    ]);
    assert.throws(() => carryOver({ actor: facilitator, meetingId: second.id, locale: "nb" }), DomainValidationError, "no later meeting");
  });

  it("titles follow-ups in the facilitator's language, and carries an action item again only if its follow-up is gone", async () => {
    const { facilitator } = await network();
    const [first, second] = createMeetings(
      { actor: facilitator, input: { ...base, date: "2026-06-04", intervalWeeks: 1, untilDate: "2026-06-11" } },
      NOW,
    );
    addActionItem({
      actor: facilitator,
      meetingId: first.id,
      input: { text: "Map the address flow", agencyId: null, assigneeUserId: null, dueDate: null },
    });
    assert.equal(carryOver({ actor: facilitator, meetingId: first.id, locale: "en" }).count, 1);
    const [followUp] = getMeeting({ actor: facilitator, meetingId: second.id }).agenda;
    assert.equal(followUp.title, "Follow-up: Map the address flow");
    assert.equal(carryOver({ actor: facilitator, meetingId: first.id, locale: "en" }).count, 0);
    deleteAgendaItem({ actor: facilitator, meetingId: second.id, itemId: followUp.id });
    assert.equal(carryOver({ actor: facilitator, meetingId: first.id, locale: "en" }).count, 1);
  });
});

describe("minutes", () => {
  it("never lets a second save silently overwrite the first", async () => {
    const { facilitator } = await network();
    const other = await makeMember(
      { id: facilitator.networkId, slug: facilitator.networkSlug, name: facilitator.networkName },
      "facilitator",
    );
    const [m] = createMeetings({ actor: facilitator, input: { ...base, date: "2026-05-07", intervalWeeks: 0, untilDate: "" } }, NOW);
    // Both open version 0.
    assert.deepEqual(saveMinutes({ actor: facilitator, meetingId: m.id, text: "Første utkast", baseVersion: 0 }), { version: 1 });
    assert.throws(
      () => saveMinutes({ actor: other, meetingId: m.id, text: "Andre utkast", baseVersion: 0 }),
      (e) => {
        const current = e instanceof ConflictError ? (e.current as MinutesNow) : null;
        return (
          e instanceof ConflictError && e.messageKey === "meetings.conflict" && current?.text === "Første utkast" && current.version === 1
        );
      },
    );
    assert.equal(getMeeting({ actor: facilitator, meetingId: m.id }).meeting.minutes, "Første utkast");
    // After merging, the second saves against the version they were shown.
    assert.deepEqual(saveMinutes({ actor: other, meetingId: m.id, text: "Første utkast\nAndre utkast", baseVersion: 1 }), { version: 2 });
  });

  it("keeps drafts from members, publishes to everyone by email, and marks later corrections", async () => {
    const { facilitator, participant, nav } = await network();
    const [m] = createMeetings(
      { actor: facilitator, input: { ...base, title: "Statusmøte", date: "2026-05-07", intervalWeeks: 0, untilDate: "" } },
      NOW,
    );
    saveMinutes({ actor: facilitator, meetingId: m.id, text: "Hemmelig utkast", baseVersion: 0 });
    addDecision({ actor: facilitator, meetingId: m.id, text: "eID er klar for utrulling" });
    addActionItem({
      actor: facilitator,
      meetingId: m.id,
      input: { text: "Informere kommunene", agencyId: nav.id, assigneeUserId: null, dueDate: "2026-05-20" },
    });
    const draft = getMeeting({ actor: participant, meetingId: m.id });
    assert.equal(draft.meeting.minutes, "");
    assert.deepEqual([draft.decisions.length, draft.actions.length], [0, 0]);

    const { recipients } = publishMinutes({ actor: facilitator, meetingId: m.id, baseUrl: "https://portal.example", locale: "nb" }, NOW);
    assert.equal(recipients, 3);
    const mail = db.select().from(outbox).where(eq(outbox.to, participant.email)).all().at(-1)!;
    assert.match(mail.subject, /Referat: Statusmøte 2026-05-07/);
    assert.match(mail.text, /- eID er klar for utrulling/);
    assert.ok(mail.text.includes(`- Informere kommunene (${nav.shortName}) – frist 2026-05-20`));
    assert.match(mail.text, new RegExp(`https://portal.example/n/${facilitator.networkSlug}/meetings/${m.id}`));

    // Delivery as the page shows it: all waiting, then one delivered, one retrying, one given up.
    assert.deepEqual(deliveryStatus({ actor: facilitator, topic: minutesTopic(m.id) }), {
      sent: 0,
      waiting: 3,
      retrying: 0,
      failed: 0,
      mailServer: false,
    });
    const [one, two, three] = db
      .select()
      .from(outbox)
      .where(eq(outbox.topic, minutesTopic(m.id)))
      .all();
    markSent(one!.id);
    markFailed(two!.id, 0, "421 try later");
    markFailed(three!.id, MAX_DELIVERY_ATTEMPTS - 1, "550 no such mailbox");
    assert.deepEqual(deliveryStatus({ actor: facilitator, topic: minutesTopic(m.id) }), {
      sent: 1,
      waiting: 1,
      retrying: 1,
      failed: 1,
      mailServer: false,
    });
    assert.throws(() => deliveryStatus({ actor: participant, topic: minutesTopic(m.id) }), ForbiddenError);
    const other = await network();
    assert.equal(deliveryStatus({ actor: other.facilitator, topic: minutesTopic(m.id) }), null, "another network sees nothing");

    const published = getMeeting({ actor: participant, meetingId: m.id });
    assert.equal(published.meeting.minutes, "Hemmelig utkast");
    assert.equal(published.decisions.length, 1);
    assert.equal(published.meeting.correctedAt, null);
    saveMinutes({ actor: facilitator, meetingId: m.id, text: "Rettet tekst", baseVersion: 1 }, NOW + 60_000);
    assert.equal(getMeeting({ actor: participant, meetingId: m.id }).meeting.correctedAt?.getTime(), NOW + 60_000);
    assert.throws(() => publishMinutes({ actor: facilitator, meetingId: m.id, baseUrl: "", locale: "nb" }), DomainValidationError);
    assert.throws(
      () => deleteMeeting({ actor: facilitator, meetingId: m.id }),
      DomainValidationError,
      "published meetings cannot be deleted",
    );
    assert.throws(() => setMeetingCancelled({ actor: facilitator, meetingId: m.id, cancelled: true }), DomainValidationError);
  });

  it("lets members tick their own action items, not others'", async () => {
    const { facilitator, participant, rep, nav } = await network();
    const [m] = createMeetings({ actor: facilitator, input: { ...base, date: "2026-05-07", intervalWeeks: 0, untilDate: "" } }, NOW);
    const navAction = addActionItem({
      actor: facilitator,
      meetingId: m.id,
      input: { text: "NAV sin", agencyId: nav.id, assigneeUserId: null, dueDate: null },
    });
    const repAction = addActionItem({
      actor: facilitator,
      meetingId: m.id,
      input: { text: "Reps", agencyId: null, assigneeUserId: rep.userId, dueDate: null },
    });
    assert.throws(
      () => setActionDone({ actor: participant, meetingId: m.id, actionId: navAction.id, done: true }),
      NotFoundError,
      "hidden before publishing",
    );
    publishMinutes({ actor: facilitator, meetingId: m.id, baseUrl: "", locale: "nb" });
    setActionDone({ actor: participant, meetingId: m.id, actionId: navAction.id, done: true });
    setActionDone({ actor: rep, meetingId: m.id, actionId: repAction.id, done: true });
    assert.throws(() => setActionDone({ actor: participant, meetingId: m.id, actionId: repAction.id, done: false }), ForbiddenError);
    assert.ok(getMeeting({ actor: participant, meetingId: m.id }).actions.every((a) => a.doneAt));
  });
});

describe("attendance", () => {
  it("records agencies, people and guests, and refuses ids from outside the network", async () => {
    const { facilitator, rep, nav, udi } = await network();
    const [m] = createMeetings({ actor: facilitator, input: { ...base, date: "2026-03-05", intervalWeeks: 0, untilDate: "" } }, NOW);
    setAttendance({ actor: facilitator, meetingId: m.id, agencyIds: [nav.id, udi.id], userIds: [facilitator.userId, rep.userId] });
    addGuest({ actor: facilitator, meetingId: m.id, name: "Gjest Gjestesen", agencyName: "Bergen kommune" });
    const outsiderNet = await network();
    assert.throws(
      () => setAttendance({ actor: facilitator, meetingId: m.id, agencyIds: [outsiderNet.nav.id], userIds: [] }),
      DomainValidationError,
    );
    assert.throws(
      () => setAttendance({ actor: facilitator, meetingId: m.id, agencyIds: [], userIds: [outsiderNet.rep.userId] }),
      DomainValidationError,
    );
    const got = getMeeting({ actor: facilitator, meetingId: m.id }).attendance;
    assert.deepEqual(got.agencyIds.sort(), [nav.id, udi.id].sort());
    assert.equal(got.guests[0].name, "Gjest Gjestesen");
    publishMinutes({ actor: facilitator, meetingId: m.id, baseUrl: "", locale: "nb" });
    const overview = attendanceOverview({ actor: facilitator }, NOW);
    assert.deepEqual(
      overview.perMeeting.map((p) => p.agencies),
      [2],
    );
    assert.deepEqual(
      overview.perAgency.map((a) => `${a.attended}/${a.of}`),
      ["1/1", "1/1"],
    );
  });
});

describe("search", () => {
  it("finds Norwegian text without its letters, ranks, and hides drafts from members", async () => {
    const { facilitator, participant } = await network();
    const [m1, m2] = createMeetings(
      { actor: facilitator, input: { ...base, date: "2026-05-07", intervalWeeks: 1, untilDate: "2026-05-14" } },
      NOW,
    );
    saveMinutes({
      actor: facilitator,
      meetingId: m1.id,
      text: "Manglende adresse på D-nummer er et hinder. Løsning: UDI sender adressen.",
      baseVersion: 0,
    });
    addDecision({ actor: facilitator, meetingId: m1.id, text: "Skatteetaten følger opp datakvaliteten" });
    addAgendaItem(
      {
        actor: facilitator,
        meetingId: m2.id,
        input: { title: "Bosetting og økonomi", presenterAgencyId: null, plannedMinutes: 10, notes: "Kommunenes rolle" },
      },
      NOW,
    );

    const hits = searchMeetings({ actor: facilitator, query: "losning pa adresse" });
    assert.equal(hits.length, 1);
    assert.equal(hits[0].kind, "minutes");
    assert.deepEqual(
      hits[0].snippet.filter((p) => p.mark).map((p) => p.text),
      ["adresse", "på", "Løsning", "adressen"],
    );
    assert.equal(searchMeetings({ actor: facilitator, query: "okonomi" })[0]?.kind, "agenda");
    assert.equal(searchMeetings({ actor: facilitator, query: "folger" })[0]?.kind, "decision");
    assert.deepEqual(searchMeetings({ actor: facilitator, query: '"; drop table meetings; --' }), []);

    assert.equal(searchMeetings({ actor: participant, query: "adresse" }).length, 0, "draft minutes stay hidden");
    assert.equal(searchMeetings({ actor: participant, query: "okonomi" }).length, 1, "agendas are for everyone");
    publishMinutes({ actor: facilitator, meetingId: m1.id, baseUrl: "", locale: "nb" });
    assert.equal(searchMeetings({ actor: participant, query: "adresse" }).length, 1);
    const other = await network();
    assert.equal(searchMeetings({ actor: other.facilitator, query: "adresse" }).length, 0, "other networks find nothing");
  });
});

describe("calendar feed", () => {
  it("lists scheduled meetings, drops cancelled ones, and dies when reset", async () => {
    const { facilitator, participant } = await network();
    const [a, b] = createMeetings(
      {
        actor: facilitator,
        input: { ...base, title: "Møte, med komma; og semikolon", date: "2026-05-07", intervalWeeks: 1, untilDate: "2026-05-14" },
      },
      NOW,
    );
    setMeetingCancelled({ actor: facilitator, meetingId: b.id, cancelled: true });
    const path = calendarFeedPath({ actor: participant });
    const [, , membershipId, file] = path.split("/");
    const token = file.replace(/\.ics$/, "");
    const feed = calendarFeed(Number(membershipId), token, "https://portal.example", NOW)!;
    const events = parseICalendar(feed);
    assert.equal(events.length, 1);
    assert.equal(events[0].SUMMARY, "Møte, med komma; og semikolon");
    assert.equal(events[0].DTSTART, "20260507T110000Z");
    assert.equal(events[0].UID, `meeting-${a.id}@samhandlingsportalen`);
    assert.ok(feed.split("\r\n").every((line) => Buffer.byteLength(line) <= 75));

    // One character changed (the secret is random per installation, so the token may end in "x" itself).
    const tampered = `${token.slice(0, -1)}${token.endsWith("x") ? "y" : "x"}`;
    assert.equal(calendarFeed(Number(membershipId), tampered, "", NOW), null);
    const fresh = resetCalendarFeed({ actor: participant });
    assert.notEqual(fresh, path);
    assert.equal(calendarFeed(Number(membershipId), token, "", NOW), null, "the old address stops working");
  });
});

describe("attachments", () => {
  it("stores allowed files by content hash and refuses the rest, leaving nothing behind", async () => {
    const { facilitator, participant } = await network();
    const [m] = createMeetings({ actor: facilitator, input: { ...base, date: "2026-05-07", intervalWeeks: 0, untilDate: "" } }, NOW);
    const bytes = new TextEncoder().encode("%PDF-1.4 presentasjon");
    const row = addAttachment({ actor: facilitator, meetingId: m.id, filename: "../../etc/Presentasjon eID.pdf", bytes });
    assert.equal(row.filename, "Presentasjon eID.pdf");
    assert.equal(row.contentType, "application/pdf");
    const got = getAttachment({ actor: participant, meetingId: m.id, attachmentId: row.id });
    assert.ok(got.path.endsWith(row.sha256));
    const count = () => db.select().from(auditLog).where(eq(auditLog.action, "attachment.added")).all().length;
    const before = count();
    assert.throws(() => addAttachment({ actor: facilitator, meetingId: m.id, filename: "virus.exe", bytes }), DomainValidationError);
    assert.throws(
      () => addAttachment({ actor: facilitator, meetingId: m.id, filename: "stor.pdf", bytes: new Uint8Array(MAX_ATTACHMENT_BYTES + 1) }),
      DomainValidationError,
    );
    assert.throws(() => addAttachment({ actor: participant, meetingId: m.id, filename: "x.pdf", bytes }), ForbiddenError);
    assert.equal(count(), before);
    const other = await network();
    assert.throws(() => getAttachment({ actor: other.facilitator, meetingId: m.id, attachmentId: row.id }), NotFoundError);
  });
});
