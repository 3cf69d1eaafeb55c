/** Who else is on a map, as their awareness states say: name, agency, colour, cursor and selection. */
export interface Peer {
  clientId: number;
  name: string;
  agency: string | null;
  color: string;
  cursor?: { x: number; y: number } | null;
  selected?: string[];
}

/** What this browser tells the others about itself. */
export interface PresenceUser {
  name: string;
  agency: string | null;
  color: string;
}

// Dark enough for white text (WCAG AA) on the cursor labels.
export const PEER_COLORS = ["#b3400b", "#2b6d33", "#5f3dc4", "#a61e4d", "#1864ab", "#8a5a00"];

export const colorOf = (clientId: number) => PEER_COLORS[clientId % PEER_COLORS.length];

export interface AwarenessState {
  user?: PresenceUser;
  cursor?: Peer["cursor"];
  selected?: string[];
}

/** The others present, from every awareness state: not oneself, and only those who said who they are. */
export function peersOf(states: ReadonlyMap<number, AwarenessState>, ownClientId: number): Peer[] {
  const list: Peer[] = [];
  states.forEach((state, clientId) => {
    if (clientId === ownClientId || !state.user) return;
    list.push({ clientId, ...state.user, cursor: state.cursor ?? null, selected: state.selected ?? [] });
  });
  return list;
}
