import { Form, useNavigation } from "@remix-run/react";
import { Button, Heading, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { RowAction } from "~/components/ui/row-action";
import { useI18n } from "~/i18n/use-t";

interface Props {
  slug: string;
  meetingId: number;
  files: Array<{ id: number; filename: string; size: number }>;
  canManage: boolean;
  errors: Record<string, string>;
}

/** A meeting's presentations and files: links to download them, and for facilitators upload and remove. */
export function FilesSection({ slug, meetingId, files, canManage, errors }: Props) {
  const { t } = useI18n();
  const navigation = useNavigation();
  return (
    <section aria-labelledby="files-heading" className="stack-sm" id="files">
      <Heading level={2} data-size="sm" id="files-heading">
        {t("meetings.files")}
      </Heading>
      {files.length === 0 ? <Paragraph>{t("meetings.filesEmpty")}</Paragraph> : null}
      <ul>
        {files.map((f) => (
          <li key={f.id}>
            <Link href={`/n/${slug}/meetings/${meetingId}/files/${f.id}`} download>
              {f.filename}
            </Link>{" "}
            <span className="muted">({Math.max(1, Math.round(f.size / 1024))} kB)</span>
            {canManage ? (
              <RowAction intent="delete-file" fields={{ attachmentId: f.id }} label={t("meetings.remove")} name={f.filename} />
            ) : null}
          </li>
        ))}
      </ul>
      {canManage ? (
        <Form method="post" encType="multipart/form-data" className="row no-print">
          <Textfield
            id="file"
            name="file"
            type="file"
            label={t("meetings.fileUpload")}
            accept=".pdf,.ppt,.pptx,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg,.gif,.webp"
            error={errors.file}
          />
          <div>
            <Button
              type="submit"
              variant="secondary"
              loading={
                navigation.state === "submitting" && navigation.formEncType === "multipart/form-data" ? t("meetings.fileUploading") : false
              }
            >
              {t("meetings.fileAdd")}
            </Button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
