/**
 * Presence (the y-protocols awareness) from one connection, checked before anyone else sees it:
 * each entry must be the connection's own (a client id no other connection has announced), its
 * state must be of the shape the editor draws (a cursor, a selection), and the name and agency
 * shown are always the signed-in member's, whatever the client claimed.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { z } from "zod";

const presenceState = z
  .object({
    user: z
      .object({
        color: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/)
          .optional(),
      })
      .passthrough()
      .optional(),
    cursor: z.object({ x: z.number().finite(), y: z.number().finite() }).nullable().optional(),
    selected: z.array(z.string().max(40)).max(50).optional(),
  })
  .strip();

export interface PresenceOwner {
  /** Who the connection is, as the portal knows it. */
  user: { name: string; agency: string | null };
}

/**
 * The part of an awareness update that `owner` may send, rewritten with the member's real name;
 * null when nothing of it may pass. `ownerOf(clientId)` says which connection announced a client id.
 */
export function filterPresence<T extends PresenceOwner>(
  update: Uint8Array,
  owner: T,
  ownerOf: (clientId: number) => T | undefined,
): { update: Uint8Array; clientIds: number[] } | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: Array<{ clientId: number; clock: number; state: string }> = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const text = decoding.readVarString(decoder);
    const holder = ownerOf(clientId);
    if (holder && holder !== owner) continue;
    let state: unknown;
    try {
      state = JSON.parse(text);
    } catch {
      continue;
    }
    if (state === null) {
      kept.push({ clientId, clock, state: "null" });
      continue;
    }
    const parsed = presenceState.safeParse(state);
    if (!parsed.success) continue;
    const value = {
      ...parsed.data,
      ...(parsed.data.user ? { user: { name: owner.user.name, agency: owner.user.agency, color: parsed.data.user.color } } : {}),
    };
    kept.push({ clientId, clock, state: JSON.stringify(value) });
  }
  if (kept.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return { update: encoding.toUint8Array(encoder), clientIds: kept.map((e) => e.clientId) };
}
