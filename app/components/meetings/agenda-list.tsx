import { Form, useFetcher } from "@remix-run/react";
import { Button, Checkbox, Details, Heading, Paragraph, Tag, Textfield } from "@digdir/designsystemet-react";
import { useEffect, useState, type DragEvent } from "react";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";

export interface AgendaEntry {
  id: number;
  title: string;
  presenter: string | null;
  presenterAgencyId: number | null;
  plannedMinutes: number;
  notes: string;
  done: boolean;
  proposedBy: string | null;
}

interface Props {
  items: AgendaEntry[];
  durationMinutes: number;
  agencies: Array<{ id: number; shortName: string; name: string }>;
  canManage: boolean;
  canPropose: boolean;
  errors: Record<string, string>;
}

function AgendaFields({
  item,
  agencies,
  idPrefix,
  errors,
}: {
  item?: AgendaEntry;
  agencies: Props["agencies"];
  idPrefix: string;
  errors: Record<string, string>;
}) {
  const { t } = useI18n();
  return (
    <>
      <Textfield
        id={`${idPrefix}-title`}
        name="title"
        label={t("meetings.item.title")}
        defaultValue={item?.title}
        error={errors.title}
        required
      />
      <div className="row">
        <SelectField
          id={`${idPrefix}-presenter`}
          name="presenterAgencyId"
          label={t("meetings.item.presenter")}
          placeholder={t("meetings.item.noPresenter")}
          defaultValue={item?.presenterAgencyId ?? ""}
          options={agencies.map((a) => ({ value: a.id, label: a.shortName }))}
          error={errors.presenterAgencyId}
        />
        <Textfield
          id={`${idPrefix}-minutes`}
          name="plannedMinutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={240}
          label={t("meetings.item.minutes")}
          defaultValue={item?.plannedMinutes ?? 10}
          error={errors.plannedMinutes}
        />
      </div>
      <Textfield
        id={`${idPrefix}-notes`}
        name="notes"
        label={t("meetings.item.notes")}
        multiline
        rows={2}
        defaultValue={item?.notes}
        error={errors.notes}
      />
    </>
  );
}

/**
 * The agenda: ordered items with planned minutes against the meeting's length. Facilitators reorder
 * by dragging or with the move buttons (keyboard), edit, remove and add; representatives propose.
 */
export function AgendaList({ items, durationMinutes, agencies, canManage, canPropose, errors }: Props) {
  const { t } = useI18n();
  const fetcher = useFetcher();
  const [order, setOrder] = useState(items);
  const [dragging, setDragging] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => setOrder(items), [items]);
  const planned = order.reduce((sum, i) => sum + i.plannedMinutes, 0);

  function commit(next: AgendaEntry[], moved: AgendaEntry) {
    setOrder(next);
    setAnnouncement(t("meetings.item.moved", { title: moved.title, position: next.indexOf(moved) + 1 }));
    const form = new FormData();
    form.set("intent", "reorder");
    for (const item of next) form.append("orderedIds", String(item.id));
    fetcher.submit(form, { method: "post" });
  }

  function move(index: number, delta: number) {
    const target = index + delta;
    if (target < 0 || target >= order.length) return;
    const next = [...order];
    const [item] = next.splice(index, 1);
    next.splice(target, 0, item);
    commit(next, item);
    // Keep keyboard focus on the button of the moved item.
    requestAnimationFrame(() => document.getElementById(`move-${delta < 0 ? "up" : "down"}-${item.id}`)?.focus());
  }

  function onDrop(event: DragEvent, targetId: number) {
    event.preventDefault();
    if (dragging === null || dragging === targetId) return;
    const next = [...order];
    const from = next.findIndex((i) => i.id === dragging);
    const to = next.findIndex((i) => i.id === targetId);
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    setDragging(null);
    commit(next, item);
  }

  return (
    <section aria-labelledby="agenda-heading" className="stack-sm">
      <Heading level={2} data-size="sm" id="agenda-heading">
        {t("meetings.agenda")}
      </Heading>
      <Paragraph
        data-size="sm"
        className={planned > durationMinutes ? "warning-text" : "muted"}
        role={planned > durationMinutes ? "alert" : undefined}
      >
        {planned > durationMinutes
          ? t("meetings.agendaOver", { over: planned - durationMinutes })
          : t("meetings.agendaTime", { planned, duration: durationMinutes })}
      </Paragraph>
      <div aria-live="polite" className="visually-hidden">
        {announcement}
      </div>
      {order.length === 0 ? <Paragraph>{t("meetings.agendaEmpty")}</Paragraph> : null}
      <ol className="agenda-list">
        {order.map((item, index) => (
          <li
            key={item.id}
            className={`agenda-item${dragging === item.id ? " agenda-item--dragging" : ""}`}
            draggable={canManage}
            onDragStart={() => setDragging(item.id)}
            onDragEnd={() => setDragging(null)}
            onDragOver={(e) => canManage && e.preventDefault()}
            onDrop={(e) => onDrop(e, item.id)}
            data-testid="agenda-item"
          >
            <div className="agenda-item__main">
              {canManage ? (
                <span className="agenda-item__handle no-print" aria-hidden="true" title={t("meetings.item.drag")}>
                  ⠿
                </span>
              ) : null}
              <span className="agenda-item__title">
                {index + 1}. {item.title}
              </span>
              <span className="muted">
                {item.presenter ? `${item.presenter} · ` : ""}
                {item.plannedMinutes} min
              </span>
              {item.done ? <Tag data-color="success">{t("meetings.item.done")}</Tag> : null}
              {item.proposedBy ? <Tag data-color="info">{t("meetings.item.proposedBy", { name: item.proposedBy })}</Tag> : null}
              {canManage ? (
                <span className="agenda-item__moves no-print">
                  <Button
                    id={`move-up-${item.id}`}
                    type="button"
                    variant="tertiary"
                    data-size="sm"
                    onClick={() => move(index, -1)}
                    disabled={index === 0}
                  >
                    ↑
                    <span className="visually-hidden">
                      {" "}
                      {t("meetings.item.up")}: {item.title}
                    </span>
                  </Button>
                  <Button
                    id={`move-down-${item.id}`}
                    type="button"
                    variant="tertiary"
                    data-size="sm"
                    onClick={() => move(index, 1)}
                    disabled={index === order.length - 1}
                  >
                    ↓
                    <span className="visually-hidden">
                      {" "}
                      {t("meetings.item.down")}: {item.title}
                    </span>
                  </Button>
                </span>
              ) : null}
            </div>
            {item.notes ? <Paragraph data-size="sm">{item.notes}</Paragraph> : null}
            {canManage ? (
              <Details>
                <Details.Summary>
                  {t("meetings.item.edit")}
                  <span className="visually-hidden">: {item.title}</span>
                </Details.Summary>
                <Details.Content>
                  <Form method="post" className="form">
                    <input type="hidden" name="intent" value="update-item" />
                    <input type="hidden" name="itemId" value={item.id} />
                    <AgendaFields item={item} agencies={agencies} idPrefix={`item-${item.id}`} errors={{}} />
                    <Checkbox name="done" value="on" label={t("meetings.item.done")} defaultChecked={item.done} />
                    <div>
                      <Button type="submit" data-size="sm">
                        {t("meetings.item.save")}
                      </Button>
                    </div>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete-item" />
                    <input type="hidden" name="itemId" value={item.id} />
                    <Button type="submit" variant="tertiary" data-color="danger" data-size="sm">
                      {t("meetings.item.delete")}
                    </Button>
                  </Form>
                </Details.Content>
              </Details>
            ) : null}
          </li>
        ))}
      </ol>
      {canPropose ? (
        <Details>
          <Details.Summary>{canManage ? t("meetings.item.add") : t("meetings.item.propose")}</Details.Summary>
          <Details.Content>
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="intent" value="add-item" />
              <AgendaFields agencies={agencies} idPrefix="new-item" errors={errors} />
              <div>
                <Button type="submit">{canManage ? t("meetings.item.add") : t("meetings.item.propose")}</Button>
              </div>
            </Form>
          </Details.Content>
        </Details>
      ) : null}
    </section>
  );
}
