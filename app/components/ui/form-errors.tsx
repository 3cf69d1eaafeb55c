import { useEffect, useRef, type ComponentRef } from "react";
import { ErrorSummary } from "@digdir/designsystemet-react";
import { useI18n } from "~/i18n/use-t";

/**
 * The list of a form's errors at its top, each linking to its field; focused when it appears so
 * screen reader and keyboard users learn of the errors at once.
 */
export function FormErrors({ errors, fieldIds }: { errors?: Record<string, string>; fieldIds?: Record<string, string> }) {
  const { t } = useI18n();
  const ref = useRef<ComponentRef<typeof ErrorSummary>>(null);
  const entries = Object.entries(errors ?? {});
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus();
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps -- focus when a new set of errors arrives, not when the entries array is rebuilt
  if (entries.length === 0) return null;
  return (
    <ErrorSummary ref={ref} tabIndex={-1}>
      <ErrorSummary.Heading>{t("validation.summary")}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {entries.map(([field, message]) => (
          <ErrorSummary.Item key={field}>
            <ErrorSummary.Link href={`#${fieldIds?.[field] ?? field}`}>{message}</ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
