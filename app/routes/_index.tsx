import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Card, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Page } from "~/components/ui/page";
import { useI18n } from "~/i18n/use-t";
import { listNetworksForUser } from "~/models/networks.server";
import { requireUser } from "~/web/access.server";
import { pageTitle } from "~/web/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, context);
  return { networks: listNetworksForUser(actor.userId) };
}

export default function Home() {
  const { t } = useI18n();
  const { networks } = useLoaderData<typeof loader>();
  return (
    <Page title={t("home.title")}>
      {networks.length === 0 ? (
        <Paragraph>{t("home.none")}</Paragraph>
      ) : (
        <ul className="cards" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {networks.map((network) => (
            <li key={network.slug}>
              <Card asChild data-color="accent">
                <RemixLink to={`/n/${network.slug}`}>
                  <Heading level={2} data-size="sm">
                    {network.name}
                  </Heading>
                  <Paragraph data-size="sm">{network.description}</Paragraph>
                  <div className="row">
                    <Tag data-color="info">{t("home.role", { role: t(`role.${network.role}`) })}</Tag>
                    <span className="muted">{t("home.members", { count: network.memberCount })}</span>
                  </div>
                </RemixLink>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
