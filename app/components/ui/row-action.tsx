import { Form } from "@remix-run/react";
import { Button } from "@digdir/designsystemet-react";

interface Props {
  intent: string;
  /** The row's ids, sent as hidden fields beside the intent. */
  fields: Record<string, string | number>;
  label: string;
  /** What the row is, read after the label by screen readers ("Fjern" alone says nothing). */
  name: string;
  /** Between the label and the name: a space, or ": " where the label is a phrase. */
  joiner?: string;
}

/** One small button that does one thing to one row (remove, revoke, mark done): its own form, one intent. */
export function RowAction({ intent, fields, label, name, joiner = " " }: Props) {
  return (
    <Form method="post" className="inline-form no-print">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([field, value]) => (
        <input key={field} type="hidden" name={field} value={value} />
      ))}
      <Button type="submit" variant="tertiary" data-size="sm">
        {label}
        <span className="visually-hidden">
          {joiner}
          {name}
        </span>
      </Button>
    </Form>
  );
}
