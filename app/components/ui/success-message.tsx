import { Alert } from "@digdir/designsystemet-react";

/** The confirmation after a form was saved, announced politely to screen readers. Nothing when empty. */
export function SuccessMessage({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert data-color="success" role="status">
      {message}
    </Alert>
  );
}
