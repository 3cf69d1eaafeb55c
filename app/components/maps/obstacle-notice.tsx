import { Alert } from "@digdir/designsystemet-react";
import { Link as RemixLink } from "@remix-run/react";
import { useI18n } from "~/i18n/use-t";
import type { Phase } from "~/utils/measures";
import { obstacleStatus, type Obstacle } from "~/utils/map-model";

/** A measure made of an obstacle on the map. */
export interface ObstacleMeasureLink {
  id: number;
  title: string;
  phase: Phase;
}

/** The measures made of a map's obstacles, by element id, with the network's address for links. */
export interface ObstacleMeasures {
  slug: string;
  byElement: Record<string, ObstacleMeasureLink>;
}

export type MeasureOfObstacle = ObstacleMeasureLink & { href: string };

/** The measure made of an element's obstacle, with the address of its page; null when there is none. */
export function measureOf(measures: ObstacleMeasures | undefined, elementId: string): MeasureOfObstacle | null {
  const found = measures?.byElement[elementId];
  return found && measures ? { ...found, href: `/n/${measures.slug}/measures/${found.id}` } : null;
}

/** An obstacle as the side panel shows it: its level, its status (worked on once it has a measure) and the measure. */
export function ObstacleNotice({ obstacle, measure }: { obstacle: Obstacle; measure: MeasureOfObstacle | null }) {
  const { t } = useI18n();
  return (
    <Alert data-color="warning" data-testid="obstacle-notice">
      {t("maps.obstacle")} ({t(`maps.level.${obstacle.level}`)}, {t(`maps.obstacleStatus.${obstacleStatus(obstacle, measure)}`)}):{" "}
      {obstacle.description}
      {measure ? (
        <>
          <br />
          {t("maps.hasMeasure")}:{" "}
          <RemixLink to={measure.href} className="ds-link">
            {measure.title}
          </RemixLink>{" "}
          ({t(`phase.${measure.phase}`)})
        </>
      ) : null}
    </Alert>
  );
}
