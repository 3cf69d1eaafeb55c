import { Link as RemixLink, useFetcher } from "@remix-run/react";
import { MeetingPicker, type MeetingChoice } from "~/components/meetings/meeting-picker";
import { Alert, Button, Card, Dialog, Heading, Paragraph, Tag, Textfield } from "@digdir/designsystemet-react";
import { useEffect, useRef, useState, type DragEvent } from "react";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";
import { errorsOf, messageOf, type Answer } from "~/web/answer";
import { PHASES, type MeasureStatus, type Phase, type Priority } from "~/utils/measures";

export interface BoardMeasure {
  id: number;
  title: string;
  phase: Phase;
  status: MeasureStatus;
  priority: Priority;
  nextStep: string;
  version: number;
  responsible: string | null;
  agencies: string[];
  mayUpdate: boolean;
}

interface Props {
  slug: string;
  measures: BoardMeasure[];
  meetings: MeetingChoice[];
}

const STATUS_COLOR: Record<MeasureStatus, "success" | "warning" | "danger"> = {
  on_track: "success",
  at_risk: "warning",
  stopped: "danger",
};

/**
 * Four columns by phase. A card moves by drag and drop onto a column or with its "Move" button (the
 * keyboard way); both open the same dialog for the optional note and meeting, and submit without a
 * page reload. A refused move (someone else was first) shows why, and the board reloads its data.
 */
export function MeasureBoard({ slug, measures, meetings }: Props) {
  const { t } = useI18n();
  const fetcher = useFetcher<Answer>();
  const [pending, setPending] = useState<{ measure: BoardMeasure; phase: Phase } | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<Phase | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  // The card's Move button, found again by id when the dialog has closed: after a move the card is
  // drawn anew in its new column, and the browser's own return of focus went to the old, removed one.
  const focusAfterClose = useRef<string | null>(null);
  const answered = fetcher.state === "idle" ? fetcher.data : undefined;
  // A refused move has no field to show its error by: the dialog has closed.
  const notice = messageOf(answered) ?? Object.values(errorsOf(answered))[0] ?? null;

  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data) setPending(null);
  }, [fetcher.state, fetcher.data]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const onClosed = () => {
      const id = focusAfterClose.current;
      if (id) document.getElementById(id)?.focus();
    };
    dialog.addEventListener("close", onClosed);
    return () => dialog.removeEventListener("close", onClosed);
  }, []);

  // When the board's data arrives after the dialog closed, the card is drawn anew in its column and
  // the focus (on the removed button) falls to the page: put it on the new button.
  useEffect(() => {
    const id = focusAfterClose.current;
    if (!id || pending || dialogRef.current?.open) return;
    const active = document.activeElement;
    if (!active || active === document.body) document.getElementById(id)?.focus();
  }, [measures, pending]);

  function open(measure: BoardMeasure, phase?: Phase) {
    focusAfterClose.current = `move-${measure.id}`;
    const next = PHASES[Math.min(PHASES.indexOf(measure.phase) + 1, PHASES.length - 1)];
    setPending({ measure, phase: phase ?? next });
  }

  function onDrop(event: DragEvent, phase: Phase) {
    event.preventDefault();
    setOver(null);
    const measure = measures.find((m) => m.id === dragging);
    setDragging(null);
    if (measure && measure.phase !== phase) open(measure, phase);
  }

  return (
    <>
      <div aria-live="polite" className="stack-sm">
        {notice ? (
          <Alert data-color={answered?.ok ? "success" : "warning"} role={answered?.ok ? "status" : "alert"}>
            {notice}
          </Alert>
        ) : null}
      </div>
      <Paragraph data-size="sm" className="muted" hidden={!measures.some((m) => m.mayUpdate)}>
        {t("measures.dragHelp")}
      </Paragraph>
      <div className="board">
        {PHASES.map((phase) => {
          const cards = measures.filter((m) => m.phase === phase);
          return (
            <section
              key={phase}
              className={`board__column${over === phase ? " board__column--over" : ""}`}
              aria-labelledby={`phase-${phase}`}
              data-testid={`column-${phase}`}
              onDragOver={(e) => {
                if (dragging !== null) {
                  e.preventDefault();
                  setOver(phase);
                }
              }}
              onDragLeave={() => setOver(null)}
              onDrop={(e) => onDrop(e, phase)}
            >
              <Heading level={2} data-size="xs" id={`phase-${phase}`}>
                {PHASES.indexOf(phase) + 1}. {t(`phase.${phase}`)} <span className="muted">({cards.length})</span>
              </Heading>
              <ul className="board__cards">
                {cards.map((m) => (
                  <li
                    key={m.id}
                    draggable={m.mayUpdate}
                    onDragStart={() => setDragging(m.id)}
                    onDragEnd={() => setDragging(null)}
                    data-testid="measure-card"
                  >
                    <Card data-color="neutral" className="board__card">
                      <Heading level={3} data-size="2xs">
                        <RemixLink to={`/n/${slug}/measures/${m.id}`} className="ds-link">
                          {m.title}
                        </RemixLink>
                      </Heading>
                      <Paragraph data-size="sm">
                        <strong>{t("measures.responsible")}:</strong> {m.responsible ?? t("measures.noResponsible")}
                        {m.agencies.length ? (
                          <>
                            <br />
                            <strong>{t("measures.others")}:</strong> {m.agencies.join(", ")}
                          </>
                        ) : null}
                      </Paragraph>
                      {m.nextStep ? <Paragraph data-size="sm">{m.nextStep}</Paragraph> : null}
                      <div className="row" style={{ alignItems: "center" }}>
                        <Tag data-color={STATUS_COLOR[m.status]}>{t(`measureStatus.${m.status}`)}</Tag>
                        <Tag data-color="neutral">{t(`priority.${m.priority}`)}</Tag>
                        {m.mayUpdate ? (
                          <Button id={`move-${m.id}`} type="button" variant="secondary" data-size="sm" onClick={() => open(m)}>
                            {t("measures.move")}
                            <span className="visually-hidden"> {m.title}</span>
                          </Button>
                        ) : null}
                      </div>
                    </Card>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      <Dialog
        ref={dialogRef}
        open={pending !== null}
        modal
        onClose={() => setPending(null)}
        closeButton={t("common.cancel")}
        aria-labelledby="move-heading"
      >
        {pending ? (
          <fetcher.Form method="post" className="form" key={`${pending.measure.id}-${pending.phase}`}>
            <Heading level={2} data-size="xs" id="move-heading">
              {t("measures.moveTitle", { title: pending.measure.title })}
            </Heading>
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="measureId" value={pending.measure.id} />
            <input type="hidden" name="version" value={pending.measure.version} />
            <SelectField
              id="move-phase"
              name="phase"
              label={t("measures.moveTo")}
              defaultValue={pending.phase}
              options={PHASES.map((p) => ({ value: p, label: t(`phase.${p}`) }))}
            />
            <Textfield id="move-note" name="note" label={t("measures.note")} description={t("measures.noteHelp")} />
            <MeetingPicker id="move-meeting" name="meetingId" label={t("measures.meeting")} meetings={meetings} />
            <div className="row">
              <Button type="submit" loading={fetcher.state !== "idle"}>
                {t("measures.moveConfirm")}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setPending(null)}>
                {t("common.cancel")}
              </Button>
            </div>
          </fetcher.Form>
        ) : null}
      </Dialog>
    </>
  );
}
