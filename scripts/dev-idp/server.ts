/**
 * One HTTP server on loopback with the three issuers under path prefixes: /ansattporten, /idporten
 * and /entra. oidc-provider is mounted the way its documentation shows for a bare Node handler: the
 * prefix moves from `url` to `originalUrl`, and the issuer URL carries the prefix.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { IdpClient } from "./clients";
import type { IssuerKind } from "./identities";
import { handleInteraction } from "./interactions";
import { issuerKinds } from "./issuers";
import { renderErrorPage } from "./logout-pages";
import { buildIssuer, type Issuer } from "./provider";

export interface IdpOptions {
  /** 0 picks a free port. */
  port: number;
  clients: IdpClient[];
}

export interface RunningIdp {
  issuers: Record<IssuerKind, string>;
  close(): Promise<void>;
}

const interactionPath = /^\/(ansattporten|idporten|entra)\/interaction\/[\w-]+$/;

function fail(res: ServerResponse, status: number, error: string, description?: string) {
  if (res.headersSent) return res.end();
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.end(renderErrorPage({ locale: "nb", error, description }));
}

export async function startIdp(options: IdpOptions): Promise<RunningIdp> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const byKind = new Map<IssuerKind, { issuer: Issuer; handler: ReturnType<Issuer["provider"]["callback"]> }>();
  for (const kind of issuerKinds) {
    const issuer = buildIssuer(
      kind,
      `${base}/${kind}`,
      options.clients.filter((client) => client.issuer === kind),
    );
    byKind.set(kind, { issuer, handler: issuer.provider.callback() });
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    const kind = path.split("/")[1] as IssuerKind;
    const mounted = byKind.get(kind);
    if (!mounted) return fail(res, 404, "not_found", "No issuer at this path");
    if (interactionPath.test(path)) {
      handleInteraction(mounted.issuer, req, res).catch((error: { error?: string; error_description?: string; statusCode?: number }) =>
        fail(res, error.statusCode ?? 500, error.error ?? "server_error", error.error_description),
      );
      return;
    }
    const mountedReq = req as IncomingMessage & { originalUrl?: string };
    mountedReq.originalUrl = req.url;
    req.url = (req.url ?? "/").slice(kind.length + 1) || "/";
    if (!req.url.startsWith("/")) req.url = `/${req.url}`;
    mounted.handler(req, res);
  });

  return {
    issuers: { ansattporten: `${base}/ansattporten`, idporten: `${base}/idporten`, entra: `${base}/entra` },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
