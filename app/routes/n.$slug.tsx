import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { permissionsOf } from "~/models/permissions.server";
import { requireMember } from "~/utils/access.server";
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

export default function NetworkLayout() {
  const { t } = useI18n();
  const { network, can } = useLoaderData<typeof loader>();
  const links: Array<{ to: string; label: MessageKey; show: boolean; end?: boolean }> = [
    { to: `/n/${network.slug}`, label: "nav.home", show: true, end: true },
    { to: `/n/${network.slug}/members`, label: "nav.members", show: can["members.view"] },
    { to: `/n/${network.slug}/invitations`, label: "nav.invitations", show: can["invitations.manage"] },
    { to: `/n/${network.slug}/outbox`, label: "nav.outbox", show: can["outbox.view"] },
    { to: `/n/${network.slug}/audit`, label: "nav.audit", show: can["audit.view"] },
  ];
  return (
    <>
      <nav className="network-nav" aria-label={t("nav.networkMenu")}>
        <div className="network-nav__inner">
          <ul>
            <li>
              <strong>{network.name}</strong>
            </li>
            {links
              .filter((link) => link.show)
              .map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to} end={link.end} className="ds-link">
                    {t(link.label)}
                  </NavLink>
                </li>
              ))}
          </ul>
        </div>
      </nav>
      <Outlet />
    </>
  );
}
