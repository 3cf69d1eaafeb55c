/// <reference types="@remix-run/dev" />

import "@remix-run/node";

declare module "@remix-run/node" {
  // Turns on single-fetch types for useLoaderData/useActionData.
  interface Future {
    v3_singleFetch: true;
  }
  // What server.ts passes to every loader and action.
  interface AppLoadContext {
    clientIp: string;
    /** The Content-Security-Policy nonce of this request (server.ts). */
    cspNonce?: string;
  }
}
