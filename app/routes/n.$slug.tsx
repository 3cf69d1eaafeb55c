import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, NavLink, Outlet, useLoaderData, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { CollapsibleMenu } from "~/components/ui/collapsible-menu";
import { ErrorPage } from "~/components/ui/error-page";
import { permissionsOf } from "~/models/permissions.server";
import { requireMember } from "~/web/access.server";
import { useI18n } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n";

/** Every network page: membership is checked here and again by each child's loader. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request, context, params.slug);
  return {
    network: { slug: actor.networkSlug, name: actor.networkName },
    role: actor.role,
    can: permissionsOf(actor.role),
  };
}

export type NetworkLayoutData = Awaited<ReturnType<typeof loader>>;

function NetworkNav({ network, can }: Pick<NetworkLayoutData, "network" | "can">) {
  const { t } = useI18n();
  const links: Array<{ to: string; label: MessageKey; show: boolean; end?: boolean }> = [
    { to: `/n/${network.slug}`, label: "nav.home", show: true, end: true },
    { to: `/n/${network.slug}/meetings`, label: "nav.meetings", show: can["meetings.view"] },
    { to: `/n/${network.slug}/measures`, label: "nav.measures", show: can["measures.view"] },
    { to: `/n/${network.slug}/maps`, label: "nav.maps", show: can["maps.view"] },
    { to: `/n/${network.slug}/figures`, label: "nav.figures", show: can["figures.view"] },
    { to: `/n/${network.slug}/evaluations`, label: "nav.evaluations", show: can["evaluations.view"] },
    { to: `/n/${network.slug}/members`, label: "nav.members", show: can["members.view"] },
    {
      to: `/n/${network.slug}/invitations`,
      label: "nav.invitations",
      show: can["invitations.manage"] || can["invitations.manageOwnAgency"],
    },
    { to: `/n/${network.slug}/outbox`, label: "nav.outbox", show: can["outbox.view"] },
    { to: `/n/${network.slug}/audit`, label: "nav.audit", show: can["audit.view"] },
    { to: `/n/${network.slug}/settings`, label: "nav.settings", show: can["network.settings"] },
  ];
  const { pathname } = useLocation();
  const shown = links.filter((link) => link.show);
  const current = shown.find((link) => (link.end ? pathname === link.to : pathname === link.to || pathname.startsWith(`${link.to}/`)));
  return (
    <nav className="network-nav" aria-label={t("nav.networkMenu")}>
      <div className="network-nav__inner">
        <strong className="network-nav__name">{network.name}</strong>
        <CollapsibleMenu id="network-menu" label={current ? t("nav.menuAt", { page: t(current.label) }) : t("nav.menu")}>
          <ul>
            {shown.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.end} className="ds-link">
                  {t(link.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </CollapsibleMenu>
      </div>
    </nav>
  );
}

export default function NetworkLayout() {
  const { network, can } = useLoaderData<typeof loader>();
  return (
    <>
      <NetworkNav network={network} can={can} />
      <Outlet />
    </>
  );
}

/** A page of the network that refuses (403) or is missing keeps the network's menu when the member may see it. */
export function ErrorBoundary() {
  const error = useRouteError();
  const layout = useRouteLoaderData<typeof loader>("routes/n.$slug");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // In the browser; on the server entry.server.tsx logs it with the request id.
  if (!isRouteErrorResponse(error) && typeof document !== "undefined") console.error(error);
  return (
    <>
      {layout ? <NetworkNav network={layout.network} can={layout.can} /> : null}
      <ErrorPage status={status} />
    </>
  );
}
