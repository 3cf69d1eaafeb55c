/**
 * Authorization sweep (issue 8, hardening). Every route of the Remix build's manifest and every
 * realtime document is tried signed out, as each role of the demo network, as the site admin (who is
 * no member), and as the facilitator of another network, for reads (GET, the loader) and writes
 * (POST to the action's data address). What each should answer is the table below; a manifest route
 * without a row, or a row without a route, fails. Object ids of the other network are tried under
 * the demo network's addresses (and the reverse), and no read may change the database.
 *
 * Runs the real server process on a fresh database and needs a build: `npx remix build`.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import type Database from "better-sqlite3";
import { and, asc, eq, isNull } from "drizzle-orm";
import WebSocket from "ws";
import type * as Y from "yjs";
import type { Actor } from "../../app/models/permissions.server";
import { connect, eventually, signInCookie } from "../helpers/yjs-client";

const port = 4100 + Math.floor(Math.random() * 100);
const idpPort = 4200 + Math.floor(Math.random() * 100);
const base = `http://127.0.0.1:${port}`;
const wsBase = `ws://127.0.0.1:${port}`;

// ---------------------------------------------------------------------------------------------
// Who asks
// ---------------------------------------------------------------------------------------------

/** The order of the columns in every expectation below. */
const ACTORS = ["signedOut", "otherNetwork", "admin", "participant", "leader", "representative", "agency_admin", "facilitator"] as const;
type ActorName = (typeof ACTORS)[number];
const ROLES = ["participant", "leader", "representative", "agency_admin", "facilitator"] as const;

const DEMO_PASSWORD = "samhandling-demo";
const ACCOUNTS: Record<Exclude<ActorName, "signedOut" | "otherNetwork">, string> = {
  admin: "admin@digdir.example",
  participant: "deltaker@skatteetaten.example",
  leader: "leder@imdi.example",
  representative: "representant@nav.example",
  /** NAV's, like the representative: their agency's members are the ones they manage. */
  agency_admin: "virksomhetsadmin@nav.example",
  facilitator: "fasilitator@digdir.example",
};
const OTHER_EMAIL = "fasilitator@annet.example";
/** A demo facilitator whose session the others try to end through /account/sessions. */
const VICTIM_EMAIL = "kari.nordvik@digdir.example";

// ---------------------------------------------------------------------------------------------
// The expectation table
// ---------------------------------------------------------------------------------------------

/**
 * What an answer means:
 *   200    served
 *   login  sent to sign in (3xx to /login, or 401)
 *   3xx    redirected elsewhere
 *   400    allowed, but the (deliberately incomplete) input was refused: 400 or 422
 *   403    forbidden for this role
 *   404    not found (also what an outsider of a network gets, so networks cannot be probed)
 *   409    allowed, but the version sent is stale (nothing changes)
 *   -      not sent for this actor: it would change data
 * An expectation lists the eight ACTORS in order; one token alone stands for all eight.
 */
type Outcome = "200" | "login" | "3xx" | "400" | "403" | "404" | "409" | "-";
const OUTCOMES = new Set<string>(["200", "login", "3xx", "400", "403", "404", "409", "-"]);

interface Probe {
  label: string;
  method: "GET" | "POST";
  /** Route params; values may name fixtures as `:name`. Unlisted params take the fixture of the same name. */
  params?: Record<string, string>;
  query?: string;
  /** Form fields (urlencoded unless `multipart`). */
  body?: Record<string, string>;
  multipart?: boolean;
  expect: string;
  /** Also try it with another network's object ids (default true). */
  cross?: boolean;
  /** Send it with a second session of the actor (signing out ends the session it is sent with). */
  spareSession?: boolean;
}

interface Row {
  params?: Record<string, string>;
  query?: string;
  /** The loader. */
  get: string;
  /** The action, with `body` (default: an empty form). */
  post?: string;
  body?: Record<string, string>;
  spareSession?: boolean;
  extra?: Probe[];
  /** The other network's facilitator reading this page of their own network, with its own ids (default 200). */
  ownOther?: Outcome;
}

// A write probe is chosen so that an allowed actor passes every access check and is then stopped
// before anything is stored (a missing field, an unknown id, a stale version), or makes a no-op.
const STALE_MOVE = { intent: "move", measureId: ":measureId", phase: "outside", version: "999999" };

//                                                             out   other admin | part  lead  rep   aadm  fac
const TABLE: Record<string, Row> = {
  root: { get: "login 200 200 | 200 200 200 200 200" },
  "routes/_index": { get: "login 200 200 | 200 200 200 200 200" },
  "routes/$": { params: { "*": "finnes/ikke" }, get: "404" },
  "routes/login": { get: "200 3xx 3xx | 3xx 3xx 3xx 3xx 3xx", post: "400" },
  // Everyone lands on /login?signedOut=1.
  "routes/logout": { get: "3xx", post: "login", spareSession: true },
  "routes/language": { get: "3xx", post: "3xx" },
  "routes/account.sessions": {
    get: "login 200 200 | 200 200 200 200 200",
    // Another user's session is not found, for everyone.
    post: "login 404 404 | 404 404 404 404 404",
    body: { intent: "revoke", sessionId: ":victimSessionId" },
  },
  "routes/account.passkeys": {
    get: "login 200 200 | 200 200 200 200 200",
    // Another user's passkey is not found, for everyone.
    post: "login 404 404 | 404 404 404 404 404",
    body: { intent: "remove", passkeyId: ":victimPasskeyId" },
  },
  // The ceremony endpoints take JSON: a form body is refused before anything is issued or stored.
  "routes/passkeys.register": { get: "3xx", post: "login 400 400 | 400 400 400 400 400" },
  "routes/passkeys.sign-in": { get: "login", post: "400" },
  "routes/passkeys.second-step": { get: "3xx", post: "400" },
  "routes/account.sign-ins": {
    get: "login 200 200 | 200 200 200 200 200",
    // Another user's linked sign-in is not found, for everyone.
    post: "login 404 404 | 404 404 404 404 404",
    body: { intent: "remove", identityId: ":victimIdentityId" },
  },
  // Starting a sign-in sends anyone to the provider; linking needs a session of one's own.
  "routes/auth.$provider": {
    params: { provider: "idporten" },
    get: "3xx",
    extra: [
      { label: "an unknown provider", method: "GET", params: { provider: "finnes-ikke" }, expect: "404" },
      { label: "linking", method: "GET", query: "link=1", expect: "login 3xx 3xx | 3xx 3xx 3xx 3xx 3xx" },
    ],
  },
  // Without a pending sign-in of this browser: back to /login with the reason, for everyone.
  "routes/auth.$provider.callback": {
    params: { provider: "idporten" },
    query: "code=x&state=not-a-pending-sign-in",
    get: "login",
    extra: [{ label: "an unknown provider", method: "GET", params: { provider: "finnes-ikke" }, expect: "404" }],
  },
  // The provider's session id is the key (no cookie in a frame from another site); an unknown one ends nothing.
  "routes/auth.$provider.frontchannel-logout": {
    params: { provider: "idporten" },
    query: "sid=unknown-provider-session",
    get: "200",
    extra: [
      { label: "without a session id", method: "GET", query: "", expect: "400" },
      { label: "another issuer", method: "GET", query: "sid=x&iss=https%3A%2F%2Fevil.example", expect: "400" },
    ],
  },
  // Without a pending step of this browser (a cookie set by a correct password), back to /login.
  "routes/login_.passkey": { get: "login" },
  "routes/admin": { get: "login 403 200 | 403 403 403 403 403", post: "login 403 400 | 403 403 403 403 403", body: { intent: "agency" } },
  // The address is the key (calendar clients send no cookie), so the cookie does not matter.
  "routes/calendar.$membershipId.$file": {
    params: { membershipId: ":calendarMembershipId", file: ":calendarFile" },
    get: "200",
    extra: [
      { label: "a wrong key", method: "GET", params: { file: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics" }, expect: "404" },
      { label: "another member's feed with this key", method: "GET", params: { membershipId: ":leaderMembershipId" }, expect: "404" },
    ],
  },
  // The token is the key; the form is incomplete.
  "routes/invitation.$token": {
    params: { token: ":invitationToken" },
    get: "200",
    post: "400",
    extra: [
      { label: "an unknown token", method: "GET", params: { token: "x".repeat(43) }, expect: "404" },
      { label: "an unknown token", method: "POST", params: { token: "x".repeat(43) }, expect: "404" },
    ],
  },

  "routes/n.$slug": { get: "login 404 404 | 200 200 200 200 200" },
  "routes/n.$slug._index": { get: "login 404 404 | 200 200 200 200 200" },
  "routes/n.$slug.audit": { get: "login 404 404 | 403 403 403 403 200" },
  "routes/n.$slug.outbox": { get: "login 404 404 | 403 403 403 403 200" },
  // Saving email linking as it is (off): allowed for facilitators, and a no-op.
  "routes/n.$slug.settings": {
    get: "login 404 404 | 403 403 403 403 200",
    post: "login 404 404 | 403 403 403 403 200",
    body: { intent: "sign-in" },
    extra: [
      // Well-formed but not one of the values the checkbox sends: refused, nothing changes.
      {
        label: "email linking as 'yes'",
        method: "POST",
        body: { intent: "sign-in", emailLinking: "yes" },
        expect: "login 404 404 | 403 403 403 403 400",
      },
    ],
  },
  // An agency administrator invites to their own agency (NAV) in the three agency roles only.
  "routes/n.$slug.invitations": {
    get: "login 404 404 | 403 403 403 200 200",
    post: "login 404 404 | 403 403 403 400 400",
    extra: [
      {
        label: "withdraw another network's invitation",
        method: "POST",
        body: { intent: "revoke", invitationId: ":otherInvitationId" },
        expect: "login 404 404 | 403 403 403 404 404",
      },
      {
        label: "withdraw another agency's invitation",
        method: "POST",
        body: { intent: "revoke", invitationId: ":udiInvitationId" },
        expect: "login 404 404 | 403 403 403 403 -",
      },
      {
        label: "invite to another agency",
        method: "POST",
        body: { intent: "invite", email: "ny.kollega@udi.example", role: "participant", agencyId: ":udiAgencyId" },
        expect: "login 404 404 | 403 403 403 400 -",
      },
      {
        label: "invite a facilitator",
        method: "POST",
        body: { intent: "invite", email: "ny.kollega@nav.example", role: "facilitator", agencyId: ":navAgencyId" },
        expect: "login 404 404 | 403 403 403 400 -",
      },
      {
        label: "invite an agency administrator",
        method: "POST",
        body: { intent: "invite", email: "ny.kollega@nav.example", role: "agency_admin", agencyId: ":navAgencyId" },
        expect: "login 404 404 | 403 403 403 400 -",
      },
    ],
  },

  "routes/n.$slug.members._index": { get: "login 404 404 | 200 200 200 200 200" },
  "routes/n.$slug.members[.]csv": { get: "login 404 404 | 200 200 200 200 200" },
  // The participant's page: theirs, and a facilitator's to manage; Skatteetaten is not the agency
  // administrator's (NAV).
  "routes/n.$slug.members.$membershipId": {
    get: "login 404 404 | 200 403 403 403 200",
    // The member's own role and responsibility again: allowed to a manager, and a no-op.
    post: "login 404 404 | 403 403 403 403 200",
    body: { intent: "update", role: ":memberRole", responsibility: ":memberResponsibility" },
    extra: [
      // The member has no passkeys and no requirement: allowed, and a no-op.
      {
        label: "reset the second step",
        method: "POST",
        body: { intent: "reset-second-step" },
        expect: "login 404 404 | 403 403 403 403 200",
      },
      {
        label: "one's own responsibility, unchanged",
        method: "POST",
        body: { intent: "responsibility", responsibility: ":memberResponsibility" },
        expect: "login 404 404 | 200 403 403 403 403",
      },
      {
        label: "a NAV member's page",
        method: "GET",
        params: { membershipId: ":navMemberId" },
        expect: "login 404 404 | 403 403 403 200 200",
      },
      {
        label: "a NAV member, as they are",
        method: "POST",
        params: { membershipId: ":navMemberId" },
        body: { intent: "update", role: ":navMemberRole", responsibility: ":navMemberResponsibility" },
        expect: "login 404 404 | 403 403 403 200 200",
      },
      {
        label: "make a NAV member a facilitator",
        method: "POST",
        params: { membershipId: ":navMemberId" },
        body: { intent: "update", role: "facilitator", responsibility: "" },
        expect: "login 404 404 | 403 403 403 400 -",
      },
      {
        label: "make a NAV member an agency administrator",
        method: "POST",
        params: { membershipId: ":navMemberId" },
        body: { intent: "update", role: "agency_admin", responsibility: "" },
        expect: "login 404 404 | 403 403 403 400 -",
      },
      {
        label: "write a NAV member's responsibility as one's own",
        method: "POST",
        params: { membershipId: ":navMemberId" },
        body: { intent: "responsibility", responsibility: "Kapret" },
        expect: "login 404 404 | 403 403 403 403 403",
      },
      {
        label: "change UDI's representative",
        method: "POST",
        params: { membershipId: ":udiMemberId" },
        body: { intent: "update", role: "representative", responsibility: ":udiMemberResponsibility" },
        expect: "login 404 404 | 403 403 403 403 200",
      },
      {
        label: "remove UDI's representative",
        method: "POST",
        params: { membershipId: ":udiMemberId" },
        body: { intent: "remove" },
        expect: "login 404 404 | 403 403 403 403 -",
      },
      {
        label: "remove a facilitator",
        method: "POST",
        params: { membershipId: ":facilitatorMembershipId" },
        body: { intent: "remove" },
        expect: "login 404 404 | 403 403 403 403 -",
      },
    ],
  },

  "routes/n.$slug.meetings._index": {
    get: "login 404 404 | 200 200 200 200 200",
    // Without intent=reset-calendar (a member's own feed address) the action does nothing.
    post: "login 404 404 | 200 200 200 200 200",
  },
  "routes/n.$slug.meetings.new": { get: "login 404 404 | 403 403 403 403 200", post: "login 404 404 | 403 403 403 403 400" },
  "routes/n.$slug.meetings.search": { query: "q=adresse", get: "login 404 404 | 200 200 200 200 200" },
  "routes/n.$slug.meetings.attendance": { get: "login 404 404 | 200 200 200 200 200" },
  "routes/n.$slug.meetings.$meetingId._index": {
    get: "login 404 404 | 200 200 200 200 200",
    // An empty order for a meeting with an agenda.
    post: "login 404 404 | 403 403 403 403 400",
    body: { intent: "reorder" },
    extra: [
      // The upload is refused for the missing file before the meeting is looked up.
      {
        label: "upload without a file",
        method: "POST",
        multipart: true,
        body: { note: "x" },
        expect: "login 404 404 | 403 403 403 403 400",
        cross: false,
      },
      {
        label: "tick another agency's action item",
        method: "POST",
        params: { meetingId: ":actionMeetingId" },
        body: { intent: "action-done", actionId: ":actionItemId", done: "true" },
        expect: "login 404 404 | 403 403 403 403 -",
      },
      {
        label: "propose an agenda item for a past meeting",
        method: "POST",
        body: { intent: "add-item", title: "Ny sak", plannedMinutes: "10" },
        expect: "login 404 404 | 403 403 403 403 -",
      },
    ],
  },
  "routes/n.$slug.meetings.$meetingId.files.$fileId": { get: "login 404 404 | 200 200 200 200 200" },
  "routes/n.$slug.meetings.$meetingId.minutes": {
    get: "login 404 404 | 403 403 403 403 200",
    post: "login 404 404 | 403 403 403 403 409",
    body: { intent: "save", minutes: "Endret", baseVersion: "999999" },
    extra: [
      // A preview renders the text sent and reads no meeting, so it is not tried with other ids.
      {
        label: "preview",
        method: "POST",
        body: { intent: "preview", minutes: "# Utkast", baseVersion: "0" },
        expect: "login 404 404 | 403 403 403 403 200",
        cross: false,
      },
    ],
  },

  "routes/n.$slug.measures._index": {
    get: "login 404 404 | 200 200 200 200 200",
    // NAV (the representative's agency) is responsible for this measure.
    post: "login 404 404 | 403 403 409 409 409",
    body: STALE_MOVE,
    extra: [
      {
        label: "add a need",
        method: "POST",
        body: { intent: "add-need", title: "Nytt behov" },
        expect: "login 404 404 | 403 403 403 403 -",
      },
    ],
  },
  "routes/n.$slug.measures.$measureId": {
    get: "login 404 404 | 200 200 200 200 200",
    post: "login 404 404 | 403 403 409 409 409",
    body: STALE_MOVE,
    extra: [
      {
        label: "move a measure NAV has no part in",
        method: "POST",
        params: { measureId: ":foreignAgencyMeasureId" },
        body: STALE_MOVE,
        expect: "login 404 404 | 403 403 403 403 409",
      },
      {
        label: "edit (facilitators only)",
        method: "POST",
        body: { intent: "edit", title: "Endret", status: "on_track", priority: "necessary", version: "999999" },
        expect: "login 404 404 | 403 403 403 403 409",
      },
    ],
  },
  "routes/n.$slug.measures.new": { get: "login 404 404 | 403 403 200 200 200", post: "login 404 404 | 403 403 400 400 400" },
  "routes/n.$slug.measures.dashboard": { get: "login 404 404 | 200 200 200 200 200" },
  "routes/n.$slug.measures[.]csv": { get: "login 404 404 | 200 200 200 200 200" },
  "routes/n.$slug.measures[.]xlsx": { get: "login 404 404 | 200 200 200 200 200" },

  "routes/n.$slug.maps._index": {
    get: "login 404 404 | 200 200 200 200 200",
    post: "login 404 404 | 403 403 400 400 400",
    extra: [
      {
        label: "import without a file",
        method: "POST",
        multipart: true,
        body: { note: "x" },
        expect: "login 404 404 | 403 403 400 400 400",
      },
    ],
  },
  "routes/n.$slug.maps.obstacles": { get: "login 404 404 | 200 200 200 200 200", post: "login 404 404 | 403 403 400 400 400" },
  "routes/n.$slug.maps.$mapId._index": {
    get: "login 404 404 | 200 200 200 200 200",
    // A named version linked to a meeting that does not exist.
    post: "login 404 404 | 403 403 400 400 400",
    body: { name: "Versjon", meetingId: "999999999" },
  },
  "routes/n.$slug.maps.$mapId.export[.]json": { get: "login 404 404 | 200 200 200 200 200" },
  "routes/n.$slug.maps.$mapId.versions.$versionId._index": { get: "login 404 404 | 200 200 200 200 200" },
  "routes/n.$slug.maps.$mapId.versions.$versionId.data[.]json": { get: "login 404 404 | 200 200 200 200 200" },

  "routes/n.$slug.figures._index": { get: "login 404 404 | 200 200 200 200 200" },
  "routes/n.$slug.figures[.]csv": {
    query: "chart=flow",
    get: "login 404 404 | 200 200 200 200 200",
    extra: [{ label: "one metric", method: "GET", query: "chart=metric&metric=:metricId", expect: "login 404 404 | 200 200 200 200 200" }],
  },
  "routes/n.$slug.figures.metrics._index": {
    get: "login 404 404 | 200 200 200 200 200",
    post: "login 404 404 | 403 403 403 403 400",
    body: { intent: "create" },
  },
  "routes/n.$slug.figures.metrics.$metricId": {
    get: "login 404 404 | 200 200 200 200 200",
    // A reporting agency that is not in the network.
    post: "login 404 404 | 403 403 403 403 400",
    body: { name: "Endret", unit: "antall", stage: "arrival", agencyId: "999999999", cadence: "weekly", threshold: "0" },
  },
  "routes/n.$slug.figures.report": {
    get: "login 404 404 | 403 403 200 200 200",
    post: "login 404 404 | 403 403 400 400 400",
    body: { intent: "save" },
    extra: [
      // The metric is Skatteetaten's: neither NAV's representative nor Digdir's facilitator reports for it.
      {
        label: "publish another agency's draft",
        method: "POST",
        body: { intent: "publish", figureId: ":draftFigureId" },
        expect: "login 404 404 | 403 403 403 403 403",
      },
      {
        label: "report for another agency's metric",
        method: "POST",
        body: { intent: "save", metricId: ":metricId", period: "2022-W18", value: "1" },
        expect: "login 404 404 | 403 403 403 403 403",
      },
      {
        label: "upload without a file",
        method: "POST",
        multipart: true,
        body: { note: "x" },
        expect: "login 404 404 | 403 403 400 400 400",
      },
    ],
  },

  "routes/n.$slug.evaluations._index": { get: "login 404 404 | 200 200 200 200 200", post: "login 404 404 | 403 403 403 403 400" },
  // The demo survey is closed, every member was asked, and its results are shared.
  "routes/n.$slug.evaluations.$surveyId._index": {
    get: "login 404 404 | 200 200 200 200 200",
    // A reminder for a closed survey.
    post: "login 404 404 | 403 403 403 403 400",
    body: { intent: "remind" },
    extra: [
      { label: "a draft survey", method: "GET", params: { surveyId: ":draftSurveyId" }, expect: "login 404 404 | 404 404 404 404 200" },
      // Nobody was asked to answer a draft, its author included.
      {
        label: "answer a draft survey",
        method: "POST",
        params: { surveyId: ":draftSurveyId" },
        body: { intent: "answer" },
        expect: "login 404 404 | 404 404 404 404 404",
      },
    ],
  },
  "routes/n.$slug.evaluations.$surveyId.report": {
    get: "login 404 404 | 200 200 200 200 200",
    // Sharing a question the survey does not have.
    post: "login 404 404 | 403 403 403 403 400",
    body: { intent: "share", questionId: "999999999" },
    extra: [
      {
        label: "a draft survey's report",
        method: "GET",
        params: { surveyId: ":draftSurveyId" },
        expect: "login 404 404 | 404 404 404 404 200",
      },
    ],
  },
  // The other network's survey is a draft, so it has no report to download.
  "routes/n.$slug.evaluations.$surveyId.report[.]csv": { get: "login 404 404 | 403 403 403 403 200", ownOther: "404" },
};

/** Fixtures that are objects of one network: swapped for the other network's to try them across. */
const OBJECT_KEYS = new Set([
  "meetingId",
  "actionMeetingId",
  "fileId",
  "measureId",
  "foreignAgencyMeasureId",
  "mapId",
  "versionId",
  "metricId",
  "surveyId",
  "draftSurveyId",
  "membershipId",
  "navMemberId",
  "udiMemberId",
  "facilitatorMembershipId",
]);

// ---------------------------------------------------------------------------------------------
// Turning the table into requests
// ---------------------------------------------------------------------------------------------

type Fixtures = Record<string, string>;

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { loader?: unknown; action?: unknown; default?: unknown };
}

interface Attempt {
  routeId: string;
  label: string;
  variant: string;
  actor: ActorName;
  method: "GET" | "POST";
  url: string;
  body?: Record<string, string>;
  multipart?: boolean;
  spareSession?: boolean;
  expect: Outcome[];
}

function tokens(spec: string, valid: Set<string>): string[] {
  const list = spec.replace(/\|/g, " ").trim().split(/\s+/);
  const all = list.length === 1 ? ACTORS.map(() => list[0]) : list;
  assert.equal(all.length, ACTORS.length, `"${spec}" names ${all.length} outcomes, not ${ACTORS.length}`);
  for (const token of all) assert.ok(valid.has(token), `"${token}" in "${spec}" is no outcome`);
  return all;
}

function expectation(spec: string): Record<ActorName, Outcome> {
  const list = tokens(spec, OUTCOMES) as Outcome[];
  return Object.fromEntries(ACTORS.map((actor, i) => [actor, list[i]])) as Record<ActorName, Outcome>;
}

/** The URL pattern of a route: its own path joined to its parents'. */
function patternOf(routes: Record<string, ManifestRoute>, id: string): string {
  const parts: string[] = [];
  for (let route: ManifestRoute | undefined = routes[id]; route; route = route.parentId ? routes[route.parentId] : undefined) {
    if (route.path) parts.unshift(route.path);
  }
  return `/${parts.join("/")}`;
}

function fill(text: string, fixtures: Fixtures): string {
  return text.replace(/:(\w+)/g, (_, key: string) => {
    assert.ok(key in fixtures, `no fixture "${key}"`);
    return fixtures[key];
  });
}

/** The fixture names a probe uses, through the route's params, its query and its body. */
function fixturesUsed(pattern: string, probe: Probe): { inPath: string[]; all: string[] } {
  const named = (text: string) => [...text.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const inPath = (pattern.match(/:\w+|\*/g) ?? []).flatMap((segment) => {
    const name = segment === "*" ? "*" : segment.slice(1);
    const override = probe.params?.[name];
    return override === undefined ? [name] : named(override);
  });
  const rest = [...named(probe.query ?? ""), ...Object.values(probe.body ?? {}).flatMap(named)];
  return { inPath, all: [...inPath, ...rest] };
}

function urlOf(route: ManifestRoute, pattern: string, probe: Probe, fixtures: Fixtures): string {
  const path = pattern.replace(/:(\w+)|\*/g, (segment, name?: string) => {
    const key = name ?? "*";
    const override = probe.params?.[key];
    if (override !== undefined) return fill(override, fixtures).split("/").map(encodeURIComponent).join("/");
    assert.ok(key in fixtures, `no fixture for the param "${key}" of ${route.id}`);
    return encodeURIComponent(fixtures[key]);
  });
  const query = [probe.query ? fill(probe.query, fixtures) : "", probe.method === "POST" && route.index ? "index" : ""]
    .filter(Boolean)
    .join("&");
  // A write goes to the single-fetch data address, which runs the action alone and answers with its
  // status. (A form posted to the page itself also runs the page's loaders afterwards, and a
  // loader's refusal or redirect would then stand in for the action's answer.)
  const target = probe.method === "POST" ? (path === "/" ? "/_root.data" : `${path}.data`) : path;
  return query ? `${target}?${query}` : target;
}

function probesOf(row: Row): Probe[] {
  const probes: Probe[] = [{ label: "read", method: "GET", params: row.params, query: row.query, expect: row.get }];
  if (row.post)
    probes.push({
      label: "write",
      method: "POST",
      params: row.params,
      query: row.query,
      body: row.body ?? {},
      expect: row.post,
      spareSession: row.spareSession,
    });
  for (const extra of row.extra ?? []) probes.push({ ...extra, params: { ...row.params, ...extra.params } });
  return probes;
}

/**
 * Where another network's ids go: an actor allowed the request with the network's own ids must get
 * 404; one refused with 403 may be refused either way.
 */
function acrossNetworks(outcome: Outcome): Outcome[] | null {
  if (outcome === "-") return null;
  if (outcome === "403") return ["403", "404"];
  return ["404"];
}

function attemptsFor(routes: Record<string, ManifestRoute>, own: Fixtures, other: Fixtures): Attempt[] {
  const attempts: Attempt[] = [];
  for (const [routeId, row] of Object.entries(TABLE)) {
    const route = routes[routeId];
    if (!route) continue;
    const pattern = patternOf(routes, routeId);
    const inNetwork = pattern.startsWith("/n/:slug");
    for (const probe of probesOf(row)) {
      const expect = expectation(probe.expect);
      const common = {
        routeId,
        label: probe.label,
        method: probe.method,
        body: probe.body,
        multipart: probe.multipart,
        spareSession: probe.spareSession,
      };
      const bodyWith = (fixtures: Fixtures) =>
        probe.body ? Object.fromEntries(Object.entries(probe.body).map(([k, v]) => [k, fill(v, fixtures)])) : undefined;
      for (const actor of ACTORS) {
        if (expect[actor] === "-") continue;
        attempts.push({
          ...common,
          variant: "",
          actor,
          url: urlOf(route, pattern, probe, own),
          body: bodyWith(own),
          expect: [expect[actor]],
        });
      }
      // A check of the fixtures: the other network's facilitator reads the same page of their own network.
      if (inNetwork && probe.label === "read") {
        attempts.push({
          ...common,
          variant: "the other network's own page",
          actor: "otherNetwork",
          url: urlOf(route, pattern, probe, other),
          expect: [row.ownOther ?? "200"],
        });
      }
      const used = fixturesUsed(pattern, probe);
      const objects = used.all.filter((key) => OBJECT_KEYS.has(key));
      if (!inNetwork || probe.cross === false || objects.length === 0) continue;
      const swap = (from: Fixtures, into: Fixtures, keys: string[]) => ({
        ...into,
        ...Object.fromEntries(keys.map((key) => [key, from[key]])),
      });
      const variants: Array<{ name: string; fixtures: Fixtures }> = [
        { name: "another network's ids", fixtures: swap(other, own, objects) },
      ];
      const pathObjects = used.inPath.filter((key) => OBJECT_KEYS.has(key));
      if (pathObjects.length > 1)
        variants.push({ name: "another network's id for the last param", fixtures: swap(other, own, pathObjects.slice(-1)) });
      for (const variant of variants) {
        for (const actor of ROLES) {
          const allowed = acrossNetworks(expect[actor]);
          if (allowed)
            attempts.push({
              ...common,
              variant: variant.name,
              actor,
              url: urlOf(route, pattern, probe, variant.fixtures),
              body: bodyWith(variant.fixtures),
              expect: allowed,
            });
        }
      }
      // The other network's facilitator with the demo network's ids under their own network's address.
      const reverse = acrossNetworks(expect.facilitator);
      const reversed = swap(own, other, objects);
      if (reverse)
        attempts.push({
          ...common,
          variant: "the demo network's ids in the other network",
          actor: "otherNetwork",
          url: urlOf(route, pattern, probe, reversed),
          body: bodyWith(reversed),
          expect: reverse,
        });
    }
  }
  return attempts;
}

// ---------------------------------------------------------------------------------------------
// The database, read from this process
// ---------------------------------------------------------------------------------------------

/**
 * Tables that change on reads by design, and how they are compared instead:
 * - sessions: lastSeenAt/expiresAt are touched by requests (at most every few minutes), and signing
 *   out deletes the session it was sent with.
 * - audit_log: a refused request is recorded (access.denied, see requireMember); every other entry
 *   must still be absent. sqlite_sequence counts those audit ids, so its audit_log row is left out.
 * - memberships: opening the network's start page notes the visit (last_home_visit_at), so the
 *   next visit can show what moved since; everything else of a membership must stay.
 */
const COMPARED_AS: Record<string, string | null> = {
  sessions: null,
  // Starting a sign-in through a provider (a GET) keeps the browser's pending sign-in, as a session is kept.
  pending_sign_ins: null,
  memberships: "select id, network_id, user_id, role, responsibility, created_at from memberships",
  // Refusals are written to the log on reads too: a page refused, a provider's callback refused.
  audit_log: "select * from audit_log where action not in ('access.denied', 'login.refused')",
  sqlite_sequence: "select * from sqlite_sequence where name <> 'audit_log'",
};

function sha(data: string | Buffer) {
  return createHash("sha256").update(data).digest("hex");
}

function fingerprint(sqlite: Database.Database): Map<string, string> {
  const out = new Map<string, string>();
  const tables = sqlite.prepare("select name, sql from sqlite_master where type = 'table'").all() as Array<{
    name: string;
    sql: string | null;
  }>;
  for (const { name, sql } of tables) {
    // A virtual (FTS5) table's content lives in its shadow tables, which are compared themselves.
    if (/^\s*create\s+virtual\s+table/i.test(sql ?? "")) continue;
    const query = name in COMPARED_AS ? COMPARED_AS[name] : `select * from "${name}"`;
    if (query === null) continue;
    const rows = (sqlite.prepare(query).raw().all() as unknown[][])
      .map((row) => JSON.stringify(row.map((value) => (Buffer.isBuffer(value) ? `blob:${sha(value)}` : value))))
      .sort();
    out.set(name, sha(rows.join("\n")));
  }
  return out;
}

function changedTables(before: Map<string, string>, now: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...now.keys()]);
  return [...names].filter((name) => before.get(name) !== now.get(name)).sort();
}

// ---------------------------------------------------------------------------------------------
// HTTP and WebSocket helpers
// ---------------------------------------------------------------------------------------------

const cookies = {} as Record<ActorName, string | null>;
const spareCookies = {} as Record<ActorName, string | null>;

function outcomeOf(res: Response): string {
  const status = res.status;
  const location = res.headers.get("location");
  if (status === 401) return "login";
  // A data request is redirected with 202 and the Location header (a 3xx would be followed by fetch).
  if ((status >= 300 && status < 400) || (status === 202 && location)) {
    return new URL(location ?? "", base).pathname === "/login" ? "login" : "3xx";
  }
  if (status === 422) return "400";
  return String(status);
}

async function send(attempt: Attempt): Promise<string | null> {
  const headers: Record<string, string> = {};
  const cookie = attempt.spareSession ? spareCookies[attempt.actor] : cookies[attempt.actor];
  if (cookie) headers.cookie = cookie;
  let body: FormData | URLSearchParams | undefined;
  if (attempt.method === "POST") {
    headers.origin = base;
    if (attempt.multipart) {
      body = new FormData();
      for (const [key, value] of Object.entries(attempt.body ?? {})) body.append(key, value);
    } else {
      body = new URLSearchParams(attempt.body ?? {});
    }
  }
  const res = await fetch(`${base}${attempt.url}`, { method: attempt.method, headers, body, redirect: "manual" });
  await res.arrayBuffer().catch(() => undefined);
  const got = outcomeOf(res);
  if ((attempt.expect as string[]).includes(got)) return null;
  const where = [attempt.routeId, attempt.label, attempt.variant].filter(Boolean).join(" · ");
  const location = res.headers.get("location");
  return `${got === "200" ? "UNEXPECTED 200: " : ""}${attempt.method} ${attempt.url} as ${attempt.actor} [${where}]: expected ${attempt.expect.join(" or ")}, got ${res.status}${location ? ` → ${location}` : ""}`;
}

/** Runs the attempts a few at a time and returns every mismatch. */
async function sendAll(attempts: Attempt[], concurrency = 4): Promise<string[]> {
  const mismatches: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < attempts.length) {
        const mismatch = await send(attempts[next++]);
        if (mismatch) mismatches.push(mismatch);
      }
    }),
  );
  return mismatches.sort();
}

/** The status the realtime endpoint answers an upgrade with: 101 when the socket opens. */
function upgradeStatus(docName: string, cookie: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { origin: base };
    if (cookie) headers.cookie = cookie;
    const ws = new WebSocket(`${wsBase}/realtime/${docName}`, { headers });
    const timer = setTimeout(() => reject(new Error(`no answer to the upgrade of ${docName}`)), 15_000);
    ws.on("unexpected-response", (req, res) => {
      clearTimeout(timer);
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    ws.on("open", () => {
      clearTimeout(timer);
      ws.close();
      resolve(101);
    });
    ws.on("error", () => {});
  });
}

/** A y-websocket client that sends the cookie and this site's Origin, like a page of the portal. */
const connectDoc = (docName: string, cookie: string) => connect(base, docName, cookie, "/realtime", { origin: base });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The sweep
// ---------------------------------------------------------------------------------------------

describe("authorization sweep", { timeout: 180_000 }, () => {
  let server: ChildProcess;
  let dir: string;
  let output = "";
  let sqlite: Database.Database;
  let closeDatabase: () => void;
  let routes: Record<string, ManifestRoute>;
  let own: Fixtures;
  let other: Fixtures;
  let attempts: Attempt[];
  let baseline: Map<string, string>;
  let victimCookie: string;
  let idp: { close(): Promise<void> } | undefined;
  const maps: Array<{ id: number; network: "own" | "other" }> = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "portal-authz-"));
    // This process opens the same database (after the server has migrated and seeded it) to add
    // the second network and read ids. Set first: importing the build opens the database too.
    process.env.DATABASE_PATH = join(dir, "portal.db");
    process.env.UPLOADS_PATH = join(dir, "uploads");
    const buildFile = resolve("build/index.js");
    assert.ok(existsSync(buildFile), "no build: run `npx remix build` first");
    // A real OpenID provider on loopback, so the sign-in routes have a provider to answer for.
    const { startIdp } = await import("../../scripts/dev-idp");
    const { portalSignIn } = await import("../../scripts/dev-idp/portal-env");
    const providers = portalSignIn({
      portalUrl: base,
      idpOrigin: `http://127.0.0.1:${idpPort}`,
      keyFile: join(dir, "client-key.json"),
      providers: ["idporten"],
    });
    idp = await startIdp({ port: idpPort, clients: providers.clients });
    server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env: { ...process.env, ...providers.env, PORT: String(port), HOST: "127.0.0.1", SMTP_URL: "", SEED_DEMO: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the server did not come up:\n${output}`);
      await sleep(200);
    }

    routes = (await import(pathToFileURL(buildFile).href)).routes as Record<string, ManifestRoute>;
    const client = await import("../../db/client");
    sqlite = client.sqlite;
    closeDatabase = client.closeDatabase;
    const { db } = client;
    const s = await import("../../db/schema");
    const { makeAgency, makeMember, makeNetwork, TEST_PASSWORD } = await import("../helpers/factories");
    const { findMembership } = await import("../../app/models/networks.server");
    const { createMeetings } = await import("../../app/models/meetings.server");
    const { addAttachment } = await import("../../app/models/attachments.server");
    const { createMeasure } = await import("../../app/models/measures.server");
    const { createMap, saveMapVersion } = await import("../../app/models/maps.server");
    const { createMetric } = await import("../../app/models/figures.server");
    const { createSurvey } = await import("../../app/models/evaluations.server");
    const { createInvitation } = await import("../../app/models/invitations.server");
    const { calendarFeedPath } = await import("../../app/models/calendar.server");

    const actorFor = (email: string, slug: string): Actor => {
      const user = db.select().from(s.users).where(eq(s.users.email, email)).get();
      assert.ok(user, email);
      const membership = findMembership(user.id, slug);
      assert.ok(membership, `${email} in ${slug}`);
      return {
        userId: user.id,
        name: user.name,
        email: user.email,
        agencyId: user.agencyId,
        isAdmin: user.isAdmin,
        ...membership,
        ip: "127.0.0.1",
      };
    };
    const agencyId = (shortName: string) => db.select().from(s.agencies).where(eq(s.agencies.shortName, shortName)).get()!.id;
    const pdf = new TextEncoder().encode("%PDF-1.4\n% sweep\n%%EOF\n");

    // The demo network and what the demo data lacks (a file, a map version, a draft survey, an invitation).
    const ukraina = db.select().from(s.networks).where(eq(s.networks.slug, "ukraina")).get()!;
    const facilitator = actorFor(ACCOUNTS.facilitator, "ukraina");
    const participant = actorFor(ACCOUNTS.participant, "ukraina");
    const leader = actorFor(ACCOUNTS.leader, "ukraina");
    const [nav, imdi, skatteetaten, digdir] = ["NAV", "IMDi", "Skatteetaten", "Digdir"].map(agencyId);
    const meeting = db.select().from(s.meetings).where(eq(s.meetings.networkId, ukraina.id)).orderBy(asc(s.meetings.startsAt)).get()!;
    const file = addAttachment({ actor: facilitator, meetingId: meeting.id, filename: "referat.pdf", bytes: pdf });
    // An action item of an agency none of the demo accounts belongs to, assigned to no one.
    const actionItem = db
      .select({ id: s.actionItems.id, meetingId: s.actionItems.meetingId, agencyId: s.actionItems.agencyId })
      .from(s.actionItems)
      .innerJoin(s.meetings, eq(s.meetings.id, s.actionItems.meetingId))
      .where(and(eq(s.meetings.networkId, ukraina.id), isNull(s.actionItems.assigneeUserId)))
      .all()
      .find((a) => a.agencyId !== null && ![nav, imdi, skatteetaten, digdir].includes(a.agencyId));
    assert.ok(actionItem, "a demo action item of another agency");
    const measureRows = db.select().from(s.measures).where(eq(s.measures.networkId, ukraina.id)).all();
    const taking = db.select().from(s.measureAgencies).all();
    const navTakesPart = (id: number) => taking.some((t) => t.measureId === id && t.agencyId === nav);
    const navMeasure = measureRows.find((m) => m.responsibleAgencyId === nav)!;
    const foreignMeasure = measureRows.find((m) => m.responsibleAgencyId !== nav && !navTakesPart(m.id))!;
    assert.ok(navMeasure && foreignMeasure);
    const map = db.select().from(s.maps).where(eq(s.maps.networkId, ukraina.id)).get()!;
    const version = saveMapVersion({ actor: facilitator, mapId: map.id, name: "Som avtalt", meetingId: null });
    const metric = db
      .select()
      .from(s.metrics)
      .where(and(eq(s.metrics.networkId, ukraina.id), eq(s.metrics.agencyId, skatteetaten)))
      .get()!;
    const draftFigure = db
      .select()
      .from(s.figures)
      .where(and(eq(s.figures.metricId, metric.id), eq(s.figures.status, "draft")))
      .get();
    assert.ok(draftFigure, "a draft figure of Skatteetaten");
    const survey = db.select().from(s.surveys).where(eq(s.surveys.networkId, ukraina.id)).get()!;
    const draftSurvey = createSurvey({ actor: facilitator, title: "Ny evaluering", intro: "" });
    const { token } = createInvitation({
      actor: facilitator,
      email: "ny.person@nav.example",
      role: "participant",
      agencyId: nav,
      responsibility: "",
      baseUrl: base,
      locale: "nb",
    });
    // For the agency administrator (NAV): a NAV member they manage, UDI's representative they do not,
    // and an invitation to UDI.
    const navMember = actorFor("henrik.eide@nav.example", "ukraina");
    const navMembership = db.select().from(s.memberships).where(eq(s.memberships.id, navMember.membershipId)).get()!;
    const udiMember = actorFor("representant@udi.example", "ukraina");
    const udiMembership = db.select().from(s.memberships).where(eq(s.memberships.id, udiMember.membershipId)).get()!;
    const udiInvitation = createInvitation({
      actor: facilitator,
      email: "ny.person@udi.example",
      role: "participant",
      agencyId: agencyId("UDI"),
      responsibility: "",
      baseUrl: base,
      locale: "nb",
    });
    const calendar = /^\/calendar\/(\d+)\/([^/]+)$/.exec(calendarFeedPath({ actor: participant }))!;
    const member = db.select().from(s.memberships).where(eq(s.memberships.id, participant.membershipId)).get()!;

    // The second network, with one of everything and a facilitator who is a member of it alone.
    const annet = makeNetwork("annet");
    const annetAgency = makeAgency("Annen etat");
    const otherActor = await makeMember(annet, "facilitator", { agencyId: annetAgency.id, email: OTHER_EMAIL, name: "Olga Annen" });
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const [otherMeeting] = createMeetings({
      actor: otherActor,
      input: {
        title: "Oppstart",
        date: soon,
        time: "10:00",
        durationMinutes: 60,
        location: "Oslo",
        onlineUrl: "",
        intervalWeeks: 0,
        untilDate: "",
      },
    });
    const otherFile = addAttachment({ actor: otherActor, meetingId: otherMeeting.id, filename: "notat.pdf", bytes: pdf });
    const measureInput = {
      description: "",
      needId: null,
      responsibleAgencyId: annetAgency.id,
      agencyIds: [],
      nextStep: "",
      status: "on_track" as const,
      priority: "necessary" as const,
      startDate: null,
      endDate: null,
    };
    const otherMeasure = createMeasure({ actor: otherActor, input: { title: "Annet tiltak", ...measureInput } });
    const otherMap = createMap({ actor: otherActor, title: "Annet kart" });
    const otherVersion = saveMapVersion({ actor: otherActor, mapId: otherMap.id, name: "Utkast", meetingId: null });
    const otherMetric = createMetric({
      actor: otherActor,
      input: {
        name: "Søknader",
        description: "",
        unit: "antall",
        stage: "arrival",
        agencyId: annetAgency.id,
        cadence: "weekly",
        threshold: 0,
        inFlow: false,
      },
    });
    const otherSurvey = createSurvey({ actor: otherActor, title: "Annen evaluering", intro: "" });
    const otherInvitation = createInvitation({
      actor: otherActor,
      email: "ny@annet.example",
      role: "participant",
      agencyId: annetAgency.id,
      responsibility: "",
      baseUrl: base,
      locale: "nb",
    });

    own = {
      slug: "ukraina",
      meetingId: String(meeting.id),
      fileId: String(file.id),
      actionMeetingId: String(actionItem.meetingId),
      actionItemId: String(actionItem.id),
      measureId: String(navMeasure.id),
      foreignAgencyMeasureId: String(foreignMeasure.id),
      mapId: String(map.id),
      versionId: String(version.id),
      metricId: String(metric.id),
      draftFigureId: String(draftFigure.id),
      surveyId: String(survey.id),
      draftSurveyId: String(draftSurvey.id),
      membershipId: String(participant.membershipId),
      memberRole: member.role,
      memberResponsibility: member.responsibility,
      leaderMembershipId: String(leader.membershipId),
      calendarMembershipId: calendar[1],
      calendarFile: calendar[2],
      invitationToken: token,
      otherInvitationId: String(otherInvitation.invitation.id),
      udiInvitationId: String(udiInvitation.invitation.id),
      navAgencyId: String(nav),
      udiAgencyId: String(agencyId("UDI")),
      navMemberId: String(navMember.membershipId),
      navMemberRole: navMembership.role,
      navMemberResponsibility: navMembership.responsibility,
      udiMemberId: String(udiMember.membershipId),
      udiMemberResponsibility: udiMembership.responsibility,
      facilitatorMembershipId: String(facilitator.membershipId),
    };
    // Every object fixture points at the other network's one of its kind.
    other = {
      ...own,
      slug: "annet",
      meetingId: String(otherMeeting.id),
      actionMeetingId: String(otherMeeting.id),
      fileId: String(otherFile.id),
      measureId: String(otherMeasure.id),
      foreignAgencyMeasureId: String(otherMeasure.id),
      mapId: String(otherMap.id),
      versionId: String(otherVersion.id),
      metricId: String(otherMetric.id),
      surveyId: String(otherSurvey.id),
      draftSurveyId: String(otherSurvey.id),
      membershipId: String(otherActor.membershipId),
      navMemberId: String(otherActor.membershipId),
      udiMemberId: String(otherActor.membershipId),
      facilitatorMembershipId: String(otherActor.membershipId),
    };
    for (const m of db.select({ id: s.maps.id, networkId: s.maps.networkId }).from(s.maps).all()) {
      maps.push({ id: m.id, network: m.networkId === ukraina.id ? "own" : "other" });
    }

    // Two sessions each: the second is the one /logout ends.
    cookies.signedOut = spareCookies.signedOut = null;
    const signIn = async (actor: ActorName) => {
      const email = actor === "otherNetwork" ? OTHER_EMAIL : ACCOUNTS[actor as keyof typeof ACCOUNTS];
      const password = actor === "otherNetwork" ? TEST_PASSWORD : DEMO_PASSWORD;
      cookies[actor] = await signInCookie(base, email, password);
      spareCookies[actor] = await signInCookie(base, email, password);
    };
    for (const actor of ACTORS.filter((a) => a !== "signedOut")) await signIn(actor);
    victimCookie = await signInCookie(base, VICTIM_EMAIL, DEMO_PASSWORD);
    const victim = db.select().from(s.users).where(eq(s.users.email, VICTIM_EMAIL)).get()!;
    own.victimSessionId = other.victimSessionId = db.select().from(s.sessions).where(eq(s.sessions.userId, victim.id)).get()!.id;
    db.insert(s.passkeys)
      .values({ id: "sweep-victim-passkey", userId: victim.id, publicKey: Buffer.from([1]), name: "Victim" })
      .run();
    own.victimPasskeyId = other.victimPasskeyId = "sweep-victim-passkey";
    own.victimIdentityId = other.victimIdentityId = String(
      db.insert(s.userIdentities).values({ userId: victim.id, provider: "idporten", subject: "sweep-victim" }).returning().get().id,
    );

    attempts = attemptsFor(routes, own, other);
    baseline = fingerprint(sqlite);
  });

  after(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGKILL");
      await exited;
    }
    await idp?.close();
    closeDatabase?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("has a row for every route of the manifest with a loader or an action, and no row without a route", (t) => {
    const served = Object.values(routes)
      .filter((route) => route.module.loader || route.module.action)
      .map((route) => route.id);
    const missing = served.filter((id) => !(id in TABLE));
    const stale = Object.keys(TABLE).filter((id) => !served.includes(id));
    assert.deepEqual(missing, [], `routes without a row in the table: ${missing.join(", ")}`);
    assert.deepEqual(stale, [], `rows for routes that no longer exist (or lost their loader and action): ${stale.join(", ")}`);
    for (const [id, row] of Object.entries(TABLE)) {
      const hasAction = Boolean(routes[id].module.action);
      assert.equal(
        Boolean(row.post),
        hasAction,
        `${id}: ${hasAction ? "has an action but no write expectation" : "has a write expectation but no action"}`,
      );
      for (const probe of probesOf(row)) expectation(probe.expect);
    }
    const count = (method: string, main: boolean) =>
      attempts.filter((a) => a.method === method && (a.variant === "" && ["read", "write"].includes(a.label)) === main).length;
    t.diagnostic(
      `${served.length} routes × ${ACTORS.length} actors: ${count("GET", true)} reads and ${count("POST", true)} writes from the table's rows, ` +
        `${count("GET", false)} reads and ${count("POST", false)} writes from extra probes and other networks' ids`,
    );
  });

  it("answers every read as the table says, and no read changes the database", async (t) => {
    const reads = attempts.filter((a) => a.method === "GET");
    const started = Date.now();
    const mismatches = await sendAll(reads);
    t.diagnostic(`${reads.length} reads in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.deepEqual(mismatches, [], `${mismatches.length} reads answered otherwise:\n${mismatches.join("\n")}`);
    assert.deepEqual(changedTables(baseline, fingerprint(sqlite)), [], "tables changed by reads");
  });

  it("answers every write as the table says, and the refused or stopped writes store nothing", async (t) => {
    const before = fingerprint(sqlite);
    const lastAudit = (sqlite.prepare("select coalesce(max(id), 0) as id from audit_log").get() as { id: number }).id;
    const writes = attempts.filter((a) => a.method === "POST");
    const started = Date.now();
    const mismatches = await sendAll(writes);
    t.diagnostic(`${writes.length} writes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.deepEqual(mismatches, [], `${mismatches.length} writes answered otherwise:\n${mismatches.join("\n")}`);
    const newEntries = sqlite
      .prepare("select action, entity_type, entity_id, summary from audit_log where id > ? and action <> 'access.denied'")
      .all(lastAudit);
    assert.deepEqual(
      changedTables(before, fingerprint(sqlite)),
      [],
      `tables changed by writes that should have stored nothing; audit entries written: ${JSON.stringify(newEntries)}`,
    );
    const victim = await fetch(`${base}/account/sessions`, { headers: { cookie: victimCookie }, redirect: "manual" });
    assert.equal(victim.status, 200, "the session others tried to end still works");
  });

  it("opens every map's realtime document to the members of its network only", async () => {
    const expected: Record<"own" | "other" | "none", string> = {
      //       out other admin | part lead rep  aadm fac
      own: "401 404 404 | 101 101 101 101 101",
      other: "401 101 404 | 404 404 404 404 404",
      none: "401 404 404 | 404 404 404 404 404",
    };
    const valid = new Set(["101", "401", "403", "404"]);
    const documents = [
      ...maps.map((m) => ({ docName: `map:${m.id}`, network: m.network })),
      { docName: "map:999999999", network: "none" as const },
    ];
    assert.ok(maps.some((m) => m.network === "own") && maps.some((m) => m.network === "other"));
    const mismatches: string[] = [];
    for (const { docName, network } of documents) {
      const outcomes = tokens(expected[network], valid);
      await Promise.all(
        ACTORS.map(async (actor, i) => {
          const status = await upgradeStatus(docName, cookies[actor]);
          if (String(status) !== outcomes[i]) mismatches.push(`${docName} as ${actor}: expected ${outcomes[i]}, got ${status}`);
        }),
      );
    }
    assert.deepEqual(mismatches.sort(), [], mismatches.join("\n"));
  });

  it("drops what leaders and participants send to a map, and passes on what editors send", async () => {
    const ownMap = `map:${maps.find((m) => m.network === "own")!.id}`;
    const otherMap = `map:${maps.find((m) => m.network === "other")!.id}`;
    const stamp = `sweep-${Date.now()}`;
    const watcher = connectDoc(ownMap, cookies.facilitator!);
    const otherWatcher = connectDoc(otherMap, cookies.otherNetwork!);
    const writers = ROLES.map((role) => ({ role, client: connectDoc(ownMap, cookies[role]!) }));
    const otherWriter = connectDoc(otherMap, cookies.otherNetwork!);
    const clients = [watcher, otherWatcher, otherWriter, ...writers.map((w) => w.client)];
    try {
      await Promise.all(clients.map((c) => c.synced));
      const box = { kind: "event", label: stamp, x: 170, y: 230, obstacle: null };
      for (const { role, client } of writers) client.doc.getMap("nodes").set(`sweep-${role}`, box);
      otherWriter.doc.getMap("nodes").set("sweep-otherNetwork", box);
      const seen = (c: { doc: Y.Doc }, key: string) =>
        (c.doc.getMap("nodes").get(`sweep-${key}`) as { label?: string } | undefined)?.label === stamp;
      await eventually(
        () => seen(watcher, "representative") && seen(watcher, "facilitator") && seen(otherWatcher, "otherNetwork"),
        10_000,
        "the editors' changes at another client",
      );
      // Give a dropped change time to have arrived if it were passed on.
      await sleep(750);
      const fresh = connectDoc(ownMap, cookies.representative!);
      clients.push(fresh);
      await fresh.synced;
      for (const role of ROLES) {
        const editor = role === "representative" || role === "agency_admin" || role === "facilitator";
        assert.equal(seen(watcher, role), editor, `${role}'s change ${editor ? "reached" : "did not reach"} another client`);
        assert.equal(seen(fresh, role), editor, `${role}'s change ${editor ? "is" : "is not"} in the server's document`);
      }
    } finally {
      for (const c of clients) c.close();
    }
  });
});
