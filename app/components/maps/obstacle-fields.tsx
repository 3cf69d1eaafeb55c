import { Button, Textfield } from "@digdir/designsystemet-react";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { OBSTACLE_LEVELS, OBSTACLE_STATUSES, type Obstacle } from "~/utils/map-model";

/** The obstacle of a box or an arrow: level (none = no obstacle), description and status. Read by readObstacle. */
export function ObstacleFields({ idPrefix, obstacle }: { idPrefix: string; obstacle: Obstacle | null | undefined }) {
  const { t } = useI18n();
  return (
    <>
      <SelectField
        id={`level-${idPrefix}`}
        name="obstacleLevel"
        label={t("maps.obstacleLevel")}
        placeholder={t("maps.noObstacle")}
        defaultValue={obstacle?.level ?? ""}
        options={OBSTACLE_LEVELS.map((l) => ({ value: l, label: t(`maps.level.${l}`) }))}
      />
      <Textfield
        id={`desc-${idPrefix}`}
        name="obstacleDescription"
        label={t("maps.obstacleDescription")}
        defaultValue={obstacle?.description ?? ""}
        maxLength={500}
      />
      <SelectField
        id={`ostatus-${idPrefix}`}
        name="obstacleStatus"
        label={t("maps.obstacleStatusLabel")}
        defaultValue={obstacle?.status ?? "open"}
        options={OBSTACLE_STATUSES.map((s) => ({ value: s, label: t(`maps.obstacleStatus.${s}`) }))}
      />
    </>
  );
}

export function SaveDeleteButtons({ onDelete }: { onDelete: () => void }) {
  const { t } = useI18n();
  return (
    <div className="row">
      <Button type="submit" data-size="sm">
        {t("maps.save")}
      </Button>
      <Button type="button" variant="tertiary" data-color="danger" data-size="sm" onClick={onDelete}>
        {t("maps.delete")}
      </Button>
    </div>
  );
}
