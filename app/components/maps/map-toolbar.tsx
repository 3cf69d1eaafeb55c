import { Button, Tag } from "@digdir/designsystemet-react";
import { useI18n } from "~/i18n/use-t";
import type { Peer } from "./presence";
import type { Connection } from "./use-map-doc";

interface Props {
  /** The live link's state; null when a saved version is shown (no link, no JSON export, nobody here). */
  connection: Connection | null;
  canEdit: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onExportImage: (kind: "png" | "svg") => void;
  me: string;
  peers: Peer[];
}

const CONNECTION_TAGS = {
  connected: { color: "success", label: "maps.connected" },
  loading: { color: "info", label: "common.loading" },
  connecting: { color: "info", label: "maps.connecting" },
  offline: { color: "danger", label: "maps.offline" },
} as const satisfies Record<Connection, { color: string; label: string }>;

/** The map's toolbar: the link's state, undo and redo of one's own edits, exports and who is here. */
export function MapToolbar({ connection, canEdit, onUndo, onRedo, onExportImage, me, peers }: Props) {
  const { t } = useI18n();
  return (
    <div className="map-toolbar" role="toolbar" aria-label={t("maps.toolbar")}>
      {connection ? (
        <span role="status" className="map-status" data-testid="connection-status">
          <Tag data-color={CONNECTION_TAGS[connection].color}>{t(CONNECTION_TAGS[connection].label)}</Tag>
        </span>
      ) : null}
      {canEdit ? (
        <>
          <Button type="button" variant="secondary" data-size="sm" onClick={onUndo}>
            {t("maps.undo")}
          </Button>
          <Button type="button" variant="secondary" data-size="sm" onClick={onRedo}>
            {t("maps.redo")}
          </Button>
        </>
      ) : (
        <Tag data-color="neutral">{t("maps.readOnly")}</Tag>
      )}
      <span className="row" style={{ alignItems: "center", gap: "0.5rem" }}>
        {t("maps.export")}:
        {connection ? (
          <Button asChild variant="tertiary" data-size="sm">
            <a href={`${typeof window === "undefined" ? "" : window.location.pathname}/export.json`} download>
              {t("maps.exportJson")}
            </a>
          </Button>
        ) : null}
        <Button type="button" variant="tertiary" data-size="sm" onClick={() => onExportImage("png")}>
          {t("maps.exportPng")}
        </Button>
        <Button type="button" variant="tertiary" data-size="sm" onClick={() => onExportImage("svg")}>
          {t("maps.exportSvg")}
        </Button>
      </span>
      {connection ? (
        <span className="map-peers" aria-label={t("maps.here")} data-testid="peers">
          {t("maps.here")}: <strong>{me}</strong>
          {peers.map((peer) => (
            <span key={peer.clientId} className="map-peer" style={{ borderColor: peer.color }}>
              {peer.name}
              {peer.agency ? ` (${peer.agency})` : ""}
            </span>
          ))}
        </span>
      ) : null}
    </div>
  );
}
