import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/web/nonce";
import { logger } from "~/utils/logger.server";

const ABORT_DELAY_MS = 5_000;

/** Errors thrown by loaders and actions, with the request id the access log line carries too. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error({ reqId: request.headers.get("x-request-id"), err: error }, "request failed");
}
export const streamTimeout = ABORT_DELAY_MS;

/**
 * Renders the document. Browsers get the shell as soon as it is ready; crawlers (and anything that
 * cannot stream) wait for the whole page.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellFailed = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: shellFailed ? 500 : responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          shellFailed = true;
          // Logged once here; the page the user sees never contains the stack trace.
          logger.error({ reqId: request.headers.get("x-request-id"), err: error }, "rendering failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY_MS + 1000);
  });
}
