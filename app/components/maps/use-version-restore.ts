import { useEffect, useRef } from "react";
import type { MapJson } from "~/utils/map-model";

export interface RestoreRequest {
  /** Where the saved version's JSON is read from. */
  url: string;
  onDone: (name: string) => void;
}

/**
 * Restoring a version: once the live document has arrived (`ready`), its content is replaced by the
 * version's (replaceContent: one transaction of ours), so it is a new change that everyone sees (and that can be
 * undone), not a rewrite of history. Done once; when the version could not be read, tried again as
 * the request or readiness changes.
 */
export function useVersionRestore(restore: RestoreRequest | undefined, ready: boolean, replaceContent: (json: MapJson) => void) {
  const restored = useRef(false);
  useEffect(() => {
    if (!restore || !ready || restored.current) return;
    restored.current = true;
    fetch(restore.url)
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(String(res.status)))))
      .then((version: { name: string; json: MapJson }) => {
        replaceContent(version.json);
        restore.onDone(version.name);
      })
      .catch(() => {
        restored.current = false;
      });
  }, [restore, ready, replaceContent]);
}
