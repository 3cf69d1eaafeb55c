import { Form } from "@remix-run/react";
import { Button, Heading, Paragraph, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { RowAction } from "~/components/ui/row-action";
import { SelectField } from "~/components/ui/select-field";
import { useI18n } from "~/i18n/use-t";

interface Props {
  decisions: Array<{ id: number; text: string }>;
  actions: Array<{
    id: number;
    text: string;
    agencyId: number | null;
    agency: string | null;
    assigneeUserId: number | null;
    assignee: string | null;
    dueDate: string | null;
    doneAt: string | Date | null;
  }>;
  agencies: Array<{ id: number; shortName: string }>;
  members: Array<{ userId: number; name: string }>;
  me: { userId: number; agencyId: number | null };
  canManage: boolean;
  decisionErrors: Record<string, string>;
  actionErrors: Record<string, string>;
}

/** Decisions and action items as structured records, not only prose. */
export function DecisionsAndActions({ decisions, actions, agencies, members, me, canManage, decisionErrors, actionErrors }: Props) {
  const { t } = useI18n();
  const mayTick = (a: Props["actions"][number]) =>
    canManage || a.assigneeUserId === me.userId || (a.assigneeUserId === null && a.agencyId !== null && a.agencyId === me.agencyId);
  return (
    <div className="stack">
      <section aria-labelledby="decisions-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="decisions-heading">
          {t("meetings.decisions")}
        </Heading>
        {decisions.length === 0 ? <Paragraph>{t("meetings.decisionsEmpty")}</Paragraph> : null}
        <ul>
          {decisions.map((d) => (
            <li key={d.id}>
              {d.text}{" "}
              {canManage ? (
                <RowAction intent="delete-decision" fields={{ decisionId: d.id }} label={t("meetings.remove")} name={d.text} />
              ) : null}
            </li>
          ))}
        </ul>
        {canManage ? (
          <Form method="post" className="row" noValidate>
            <input type="hidden" name="intent" value="add-decision" />
            <Textfield
              id="decision-text"
              name="text"
              label={t("meetings.decisionText")}
              error={decisionErrors.text}
              className="wide-field"
            />
            <div>
              <Button type="submit" variant="secondary">
                {t("meetings.decisionAdd")}
              </Button>
            </div>
          </Form>
        ) : null}
      </section>
      <section aria-labelledby="actions-heading" className="stack-sm">
        <Heading level={2} data-size="sm" id="actions-heading">
          {t("meetings.actions")}
        </Heading>
        {actions.length === 0 ? (
          <Paragraph>{t("meetings.actionsEmpty")}</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("meetings.actionText")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("meetings.actionAgency")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("meetings.dueColumn")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("meetings.actionDone")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {actions.map((a) => (
                  <Table.Row key={a.id}>
                    <Table.Cell>{a.text}</Table.Cell>
                    <Table.Cell>
                      {a.agency ?? "–"}
                      {a.assignee ? ` · ${a.assignee}` : ""}
                    </Table.Cell>
                    <Table.Cell>{a.dueDate ?? "–"}</Table.Cell>
                    <Table.Cell>
                      <span className="row" style={{ alignItems: "center" }}>
                        {a.doneAt ? <Tag data-color="success">{t("meetings.actionDone")}</Tag> : null}
                        {mayTick(a) ? (
                          <RowAction
                            intent="action-done"
                            fields={{ actionId: a.id, done: a.doneAt ? "false" : "true" }}
                            label={a.doneAt ? t("meetings.actionMarkOpen") : t("meetings.actionMarkDone")}
                            name={a.text}
                            joiner=": "
                          />
                        ) : null}
                        {canManage ? (
                          <RowAction intent="delete-action" fields={{ actionId: a.id }} label={t("meetings.remove")} name={a.text} />
                        ) : null}
                      </span>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
        {canManage ? (
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="add-action" />
            <Textfield id="action-text" name="text" label={t("meetings.actionText")} error={actionErrors.text} />
            <div className="row">
              <SelectField
                id="action-agency"
                name="agencyId"
                label={t("meetings.actionAgency")}
                placeholder={t("meetings.item.noPresenter")}
                options={agencies.map((a) => ({ value: a.id, label: a.shortName }))}
                error={actionErrors.agencyId}
              />
              <SelectField
                id="action-person"
                name="assigneeUserId"
                label={t("meetings.actionPerson")}
                placeholder={t("meetings.item.noPresenter")}
                options={members.map((m) => ({ value: m.userId, label: m.name }))}
                error={actionErrors.assigneeUserId}
              />
              <Textfield id="action-due" name="dueDate" type="date" label={t("meetings.actionDue")} error={actionErrors.dueDate} />
            </div>
            <div>
              <Button type="submit" variant="secondary">
                {t("meetings.actionAdd")}
              </Button>
            </div>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
