/** The name a map's shared document has in the update log and on the realtime path: `map:<id>`. */
export const mapDocName = (mapId: number) => `map:${mapId}`;

/** The map a document name stands for, or null when the name is not a map's. */
export function mapIdOfDoc(docName: string): number | null {
  const match = /^map:(\d{1,9})$/.exec(docName);
  return match ? Number(match[1]) : null;
}
