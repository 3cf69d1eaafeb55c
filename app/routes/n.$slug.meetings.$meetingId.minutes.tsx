import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Heading, Link, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useRef } from "react";
import { z } from "zod";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { getMeeting } from "~/models/meetings.server";
import { saveMinutes, type MinutesNow } from "~/models/minutes.server";
import { requireMember } from "~/web/access.server";
import { parseForm } from "~/web/forms.server";
import { idParam, runModel, orHttpError } from "~/web/http.server";
import { intentOf, refused, succeeded } from "~/web/actions.server";
import { errorsOf } from "~/web/answer";
import { renderMarkdown } from "~/utils/markdown.server";
import { msg } from "~/web/validation";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "meetings.minutes");

const MAX_MINUTES = 100_000;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug, "meetings.manage");
  const meetingId = idParam(params.meetingId);
  return orHttpError(() => {
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
  });
}

const MinutesSchema = z.object({
  intent: z.enum(["save", "preview"]),
  minutes: z.string({ error: msg("validation.invalid") }).max(MAX_MINUTES, msg("validation.tooLong", { max: MAX_MINUTES })),
  baseVersion: z.coerce.number().int().min(0),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, t } = await requireMember(request, context, params.slug, "meetings.manage");
  const meetingId = idParam(params.meetingId);
  const form = await request.formData();
  const intent = intentOf(form);
  const parsed = parseForm(MinutesSchema, form, t);
  if (!parsed.ok) return refused<Written>(parsed.errors, { intent });
  const { minutes, baseVersion } = parsed.data;
  if (parsed.data.intent === "preview") return succeeded<Written>(null, { intent, value: { html: renderMarkdown(minutes) } });
  const saved = await runModel(t, () => saveMinutes({ actor, meetingId, text: minutes, baseVersion }));
  // 409 on a conflict: nothing saved; the page shows both texts (what is there now in `value`) to merge.
  if (!saved.ok)
    return refused<Written>(saved.errors, {
      intent,
      status: saved.status,
      values: { minutes },
      value: saved.current as MinutesNow | undefined,
    });
  return redirect(`/n/${actor.networkSlug}/meetings/${meetingId}/minutes?saved=1`);
}

/** What an answer carries beside its message: the preview's HTML, or the minutes as they are now. */
type Written = { html: string } | MinutesNow;

export default function MinutesEditor() {
  const { t } = useI18n();
  const { slug, meeting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const preview = useFetcher<typeof action>();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const now = actionData?.value && "text" in actionData.value ? actionData.value : null;
  const conflict = now ? { theirs: now.text, version: now.version, yours: String(actionData?.values?.minutes ?? "") } : null;
  const errors = errorsOf(actionData);
  const saved = typeof window !== "undefined" && new URLSearchParams(window.location.search).get("saved");
  const previewHtml = preview.data?.value && "html" in preview.data.value ? preview.data.value.html : null;

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
      {errors.form ? (
        <Alert data-color={conflict ? "warning" : "danger"} role="alert">
          {errors.form}
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
