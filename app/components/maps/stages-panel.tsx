import { Button, Details, Textfield } from "@digdir/designsystemet-react";
import { useState } from "react";
import { useI18n } from "~/i18n/use-t";
import type { Stage } from "~/utils/map-model";

interface Props {
  stages: Stage[];
  /** Stage ids whose column still holds boxes: those cannot be removed. */
  occupied: Set<string>;
  onRename: (id: string, name: string) => void;
  onMove: (id: string, toIndex: number) => void;
  onAdd: (name: string) => void;
  onRemove: (id: string) => void;
}

/**
 * The journey's stages (the map's columns): rename, add, move and remove, all with the keyboard.
 * After a move the focus follows the stage, and the change is announced.
 */
export function StagesPanel({ stages, occupied, onRename, onMove, onAdd, onRemove }: Props) {
  const { t } = useI18n();
  const [announcement, setAnnouncement] = useState("");

  function move(stage: Stage, to: number, button: "up" | "down") {
    onMove(stage.id, to);
    setAnnouncement(t("maps.stageMoved", { name: stage.name, position: to + 1, count: stages.length }));
    // The list re-renders from the document; put the focus back on the same stage's button, or on the
    // other one when this one disappears at the end of the list.
    requestAnimationFrame(() => {
      const other = button === "up" ? "down" : "up";
      (document.getElementById(`stage-${button}-${stage.id}`) ?? document.getElementById(`stage-${other}-${stage.id}`))?.focus();
    });
  }

  return (
    <Details data-testid="stages-panel">
      <Details.Summary>{t("maps.stages", { count: stages.length })}</Details.Summary>
      <Details.Content>
        <ol className="map-stages">
          {stages.map((stage, i) => (
            <li key={stage.id} className="stack-sm">
              <form
                className="stack-sm"
                onSubmit={(e) => {
                  e.preventDefault();
                  const name = String(new FormData(e.currentTarget).get("name") ?? "").trim();
                  if (name && name !== stage.name) {
                    onRename(stage.id, name);
                    setAnnouncement(t("maps.stageRenamed", { name }));
                  }
                }}
              >
                <Textfield
                  id={`stage-name-${stage.id}`}
                  name="name"
                  label={t("maps.stageName", { position: i + 1 })}
                  defaultValue={stage.name}
                  key={stage.name}
                  maxLength={80}
                  required
                />
                <div className="row">
                  <Button type="submit" variant="secondary" data-size="sm">
                    {t("maps.save")}
                  </Button>
                  {i > 0 ? (
                    <Button
                      type="button"
                      id={`stage-up-${stage.id}`}
                      variant="tertiary"
                      data-size="sm"
                      aria-label={t("maps.stageUp", { name: stage.name })}
                      onClick={() => move(stage, i - 1, "up")}
                    >
                      ↑
                    </Button>
                  ) : null}
                  {i < stages.length - 1 ? (
                    <Button
                      type="button"
                      id={`stage-down-${stage.id}`}
                      variant="tertiary"
                      data-size="sm"
                      aria-label={t("maps.stageDown", { name: stage.name })}
                      onClick={() => move(stage, i + 1, "down")}
                    >
                      ↓
                    </Button>
                  ) : null}
                  {stages.length > 1 && !occupied.has(stage.id) ? (
                    <Button
                      type="button"
                      variant="tertiary"
                      data-color="danger"
                      data-size="sm"
                      aria-label={t("maps.stageRemove", { name: stage.name })}
                      onClick={() => {
                        onRemove(stage.id);
                        setAnnouncement(t("maps.stageRemoved", { name: stage.name }));
                      }}
                    >
                      {t("maps.delete")}
                    </Button>
                  ) : null}
                </div>
              </form>
            </li>
          ))}
        </ol>
        <form
          className="stack-sm"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const name = String(new FormData(form).get("name") ?? "").trim();
            if (!name) return;
            onAdd(name);
            setAnnouncement(t("maps.stageAdded", { name }));
            form.reset();
          }}
        >
          <Textfield id="stage-new" name="name" label={t("maps.stageNew")} maxLength={80} required />
          <div>
            <Button type="submit" variant="secondary" data-size="sm">
              {t("maps.stageAdd")}
            </Button>
          </div>
        </form>
        <p className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
      </Details.Content>
    </Details>
  );
}
