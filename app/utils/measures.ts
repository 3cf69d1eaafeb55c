/** Phases, statuses and priorities of measures, client-safe (the UI lists them; db/ has its own copy). */
export const PHASES = ["identified", "establishment", "execution", "outside"] as const;
export type Phase = (typeof PHASES)[number];
export const MEASURE_STATUSES = ["on_track", "at_risk", "stopped"] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const PRIORITIES = ["necessary", "nice_to_have"] as const;
export type Priority = (typeof PRIORITIES)[number];
