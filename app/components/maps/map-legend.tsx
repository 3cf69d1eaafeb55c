import { useI18n } from "~/i18n/use-t";

/** What the two kinds of line mean, since the arrows carry only their own words. */
export function MapLegend() {
  const { t } = useI18n();
  return (
    <p className="map-legend" data-testid="map-legend">
      <span>
        <svg width="36" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="36" y2="4" stroke="#4b5563" strokeWidth="2" />
        </svg>{" "}
        {t("maps.edge.triggers")}
      </span>
      <span>
        <svg width="36" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="36" y2="4" stroke="#4b5563" strokeWidth="2" strokeDasharray="6 4" />
        </svg>{" "}
        {t("maps.edge.dataflow")}
      </span>
    </p>
  );
}
