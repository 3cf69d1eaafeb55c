import type { ReactNode } from "react";
import { Field, Label, Select, ValidationMessage } from "@digdir/designsystemet-react";

interface Props {
  id: string;
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string | number; label: string }>;
  defaultValue?: string | number;
  /** Shown as the first, empty choice ("All agencies", "Choose an agency"). */
  placeholder?: string;
  error?: string;
  description?: ReactNode;
  required?: boolean;
}

/** A labelled native select with its error message, in Designsystemet's field layout. */
export function SelectField({ id, name, label, options, defaultValue, placeholder, error, description, required }: Props) {
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      {description ? <Field.Description>{description}</Field.Description> : null}
      <Select
        id={id}
        name={name}
        defaultValue={defaultValue === undefined ? "" : String(defaultValue)}
        aria-invalid={error ? true : undefined}
        required={required}
      >
        {placeholder !== undefined ? <Select.Option value="">{placeholder}</Select.Option> : null}
        {options.map((option) => (
          <Select.Option key={option.value} value={String(option.value)}>
            {option.label}
          </Select.Option>
        ))}
      </Select>
      {error ? <ValidationMessage>{error}</ValidationMessage> : null}
    </Field>
  );
}
