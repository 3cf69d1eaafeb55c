import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Heading, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useRef } from "react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { getMeeting } from "~/models/meetings.server";
import { MinutesConflictError, saveMinutes } from "~/models/minutes.server";
import { requireMember } from "~/web/access.server";
import { parseForm } from "~/web/forms.server";
import { idParam, runModel, throwHttpError } from "~/web/http.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { msg } from "~/web/validation";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "meetings.minutes");

const MAX_MINUTES = 100_000;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "meetings.manage");
  const meetingId = idParam(params.meetingId);
  try {
    const { meeting } = getMeeting({ actor, meetingId });
    return {
      slug: actor.networkSlug,
      meeting: {
        id: meeting.id,
        title: meeting.title,
        minutes: meeting.minutes,
        version: meeting.minutesVersion,
        published: meeting.minutesState === "published",
      },
    };
  } catch (error) {
    throwHttpError(error);
  }
}

const ActionSchema = z.object({
  intent: z.enum(["save", "preview"]),
  minutes: z.string({ error: msg("validation.invalid") }).max(MAX_MINUTES, msg("validation.tooLong", { max: MAX_MINUTES })),
  baseVersion: z.coerce.number().int().min(0),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "meetings.manage");
  const meetingId = idParam(params.meetingId);
  const parsed = parseForm(ActionSchema, await request.formData(), t);
  if (!parsed.ok) return data({ kind: "invalid" as const, errors: parsed.errors }, { status: 400 });
  const { intent, minutes, baseVersion } = parsed.data;
  if (intent === "preview") return { kind: "preview" as const, html: renderMarkdown(minutes) };
  try {
    const result = await runModel(t, () => saveMinutes({ actor, meetingId, text: minutes, baseVersion }));
    if (!result.ok) return data({ kind: "invalid" as const, errors: result.errors }, { status: 400 });
    return redirect(`/n/${actor.networkSlug}/meetings/${meetingId}/minutes?saved=1`);
  } catch (error) {
    if (error instanceof MinutesConflictError) {
      // 409: nothing saved; the page shows both texts so the writer can merge.
      return data(
        { kind: "conflict" as const, yours: minutes, theirs: error.current.text, version: error.current.version },
        { status: 409 },
      );
    }
    throw error;
  }
}

export default function MinutesEditor() {
  const { t } = useI18n();
  const { slug, meeting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const preview = useFetcher<typeof action>();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const conflict = actionData?.kind === "conflict" ? actionData : null;
  const errors = actionData?.kind === "invalid" ? actionData.errors : {};
  const saved = typeof window !== "undefined" && new URLSearchParams(window.location.search).get("saved");
  const previewHtml = preview.data?.kind === "preview" ? preview.data.html : null;

  function showPreview() {
    const form = new FormData();
    form.set("intent", "preview");
    form.set("minutes", textRef.current?.value ?? "");
    form.set("baseVersion", String(meeting.version));
    preview.submit(form, { method: "post" });
  }

  return (
    <Page title={t("meetings.minutesEditTitle", { title: meeting.title })}>
      <Paragraph>
        <Link asChild>
          <RemixLink to={`/n/${slug}/meetings/${meeting.id}`}>{t("meetings.back")}</RemixLink>
        </Link>
      </Paragraph>
      {saved && !actionData ? (
        <Alert data-color="success" role="status">
          {t("meetings.minutesSaved")}
        </Alert>
      ) : null}
      {conflict ? (
        <Alert data-color="warning" role="alert">
          {t("meetings.conflict")}
        </Alert>
      ) : null}
      <div className={conflict ? "two-columns" : undefined}>
        {conflict ? (
          <section aria-labelledby="theirs-heading" className="stack-sm">
            <Heading level={2} data-size="xs" id="theirs-heading">
              {t("meetings.conflictTheirs")}
            </Heading>
            <pre className="email-body" data-testid="theirs">
              {conflict.theirs}
            </pre>
          </section>
        ) : null}
        <Form method="post" className="stack-sm minutes-editor" key={conflict ? `conflict-${conflict.version}` : "editor"}>
          <input type="hidden" name="baseVersion" value={conflict ? conflict.version : meeting.version} />
          <Textfield
            ref={textRef as never}
            id="minutes"
            name="minutes"
            label={conflict ? t("meetings.conflictYours") : t("meetings.minutesText")}
            description={t("meetings.minutesHelp")}
            multiline
            rows={18}
            defaultValue={conflict ? conflict.yours : meeting.minutes}
            error={errors.minutes}
          />
          <div className="row">
            <Button type="submit" name="intent" value="save" loading={navigation.state === "submitting"}>
              {t("meetings.minutesSave")}
            </Button>
            <Button type="button" variant="secondary" onClick={showPreview} loading={preview.state !== "idle"}>
              {t("meetings.preview")}
            </Button>
          </div>
        </Form>
      </div>
      {previewHtml !== null ? (
        <section aria-labelledby="preview-heading" className="stack-sm" aria-live="polite">
          <Heading level={2} data-size="sm" id="preview-heading">
            {t("meetings.previewTitle")}
          </Heading>
          <div className="minutes-body" dangerouslySetInnerHTML={{ __html: previewHtml }} />
        </section>
      ) : null}
    </Page>
  );
}
