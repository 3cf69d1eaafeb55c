/**
 * The demo people of the test OpenID provider. All fictional: synthetic national identity numbers
 * (month + 80, the convention for synthetic test persons, with valid check digits) and `.example`
 * addresses. Organisation numbers are the agencies' from db/seed/demo-data.ts.
 */
import { createHash } from "node:crypto";
import type { Locale } from "./catalogue";

export type IssuerKind = "ansattporten" | "idporten" | "entra";

export interface Organisation {
  orgNumber: string;
  name: string;
}

export interface Employment {
  organisation: Organisation;
  /** The person's rights for the portal's Altinn resource in this organisation; empty when they lack the right. */
  rights: string[];
}

export interface Identity {
  key: string;
  issuer: IssuerKind;
  name: string;
  description: Record<Locale, string>;
  /** Synthetic 11-digit national identity number (Ansattporten and ID-porten). */
  pid?: string;
  /** Ansattporten: the organisations the person works for. */
  employments?: Employment[];
  /** Entra ID: the work account. */
  email?: string;
}

export const organisations = {
  nav: { orgNumber: "889640782", name: "ARBEIDS- OG VELFERDSETATEN" },
  udi: { orgNumber: "974760746", name: "UTLENDINGSDIREKTORATET" },
  ks: { orgNumber: "971032146", name: "KS" },
} satisfies Record<string, Organisation>;

const withRight = ["Read", "Write"];

export const identities: Identity[] = [
  {
    key: "nora-navesen",
    issuer: "ansattporten",
    name: "Nora Navesen",
    description: { nb: "NAV, med rettighet", nn: "NAV, med rett", en: "NAV, with the right" },
    pid: "12888540006",
    employments: [{ organisation: organisations.nav, rights: withRight }],
  },
  {
    key: "ulrik-udisen",
    issuer: "ansattporten",
    name: "Ulrik Udisen",
    description: { nb: "UDI, med rettighet", nn: "UDI, med rett", en: "UDI, with the right" },
    pid: "03897240083",
    employments: [{ organisation: organisations.udi, rights: withRight }],
  },
  {
    key: "kari-kombinert",
    issuer: "ansattporten",
    name: "Kari Kombinert",
    description: {
      nb: "NAV med rettighet, KS uten",
      nn: "NAV med rett, KS utan",
      en: "NAV with the right, KS without",
    },
    pid: "25839040078",
    employments: [
      { organisation: organisations.nav, rights: withRight },
      { organisation: organisations.ks, rights: [] },
    ],
  },
  {
    key: "per-utenrett",
    issuer: "ansattporten",
    name: "Per Utenrett",
    description: { nb: "NAV, uten rettighet", nn: "NAV, utan rett", en: "NAV, without the right" },
    pid: "17856640086",
    employments: [{ organisation: organisations.nav, rights: [] }],
  },
  {
    key: "ida-innbygger",
    issuer: "idporten",
    name: "Ida Innbygger",
    description: { nb: "innbygger", nn: "innbyggjar", en: "citizen" },
    pid: "09910140008",
  },
  {
    key: "ola-entra",
    issuer: "entra",
    name: "Ola Entra",
    description: {
      nb: "NAV, ingen konto i portalen",
      nn: "NAV, ingen konto i portalen",
      en: "NAV, no account in the portal",
    },
    email: "ola.entra@nav.example",
  },
  {
    key: "nils-representant",
    issuer: "entra",
    name: "Nils Representant",
    description: {
      nb: "NAV, samme e-post som demokontoen",
      nn: "NAV, same e-post som demokontoen",
      en: "NAV, same email as the demo account",
    },
    email: "representant@nav.example",
  },
];

/** The fake tenant the Entra-like issuer stands for (NAV's, in the demo). */
export const entraTenantId = "4c1d7a52-9e0b-4f3a-8d21-6b5e0c9f7a13";

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Stable across restarts, distinct per issuer: what a portal stores to recognise the person again. */
export function subjectOf(identity: Identity): string {
  return digest(`${identity.issuer}:${identity.key}`).toString("base64url").slice(0, 43);
}

/** Entra's object id: a GUID-shaped value derived from the person. */
export function objectIdOf(identity: Identity): string {
  const hex = digest(`oid:${identity.key}`).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function identitiesOf(issuer: IssuerKind): Identity[] {
  return identities.filter((identity) => identity.issuer === issuer);
}

export function findIdentity(issuer: IssuerKind, subject: string): Identity | undefined {
  return identitiesOf(issuer).find((identity) => subjectOf(identity) === subject);
}
