import { defineConfig, devices } from "@playwright/test";
import { portalSignIn, type PortalProviderId } from "./scripts/dev-idp/portal-env";

/** Ports for the test run: chosen away from the portal's default so a running portal does not clash. */
export const E2E = {
  port: Number(process.env.E2E_PORT ?? 3917),
  smtpPort: Number(process.env.E2E_SMTP_PORT ?? 2587),
  smtpHttpPort: Number(process.env.E2E_SMTP_HTTP_PORT ?? 2588),
  idpPort: Number(process.env.E2E_IDP_PORT ?? 3918),
  databasePath: ".cache/e2e/portal.db",
};

// The test OpenID provider's clients and the portal's variables for them come from one function. Its
// private_key_jwt client key is made here, as the config loads, so the file exists before either
// server starts: the provider registers its public part and the portal signs with it.
const idpProviders: PortalProviderId[] = ["ansattporten", "idporten", "entra-nav", "entra-kort"];
const idpCacheDir = ".cache/e2e-idp";
const signIn = portalSignIn({
  portalUrl: `http://127.0.0.1:${E2E.port}`,
  idpOrigin: `http://127.0.0.1:${E2E.idpPort}`,
  keyFile: `${idpCacheDir}/client-key.json`,
  providers: idpProviders,
});

const chromiumArgs = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  // One worker: the machines this runs on have two cores, and two browsers at once made timing flaky.
  workers: 1,
  retries: 0,
  // The journeys walk through many pages; a busy 2-core CI machine needs the headroom.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E.port}`,
    locale: "nb-NO",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: chromiumArgs,
        },
      },
    },
  ],
  webServer: [
    {
      command: "node --import tsx tests/helpers/smtp-sink.ts",
      url: `http://127.0.0.1:${E2E.smtpHttpPort}/messages`,
      reuseExistingServer: false,
      env: { SMTP_SINK_PORT: String(E2E.smtpPort), SMTP_SINK_HTTP_PORT: String(E2E.smtpHttpPort) },
    },
    {
      command: "node --import tsx scripts/dev-idp.ts",
      url: `http://127.0.0.1:${E2E.idpPort}/ansattporten/.well-known/openid-configuration`,
      reuseExistingServer: false,
      env: {
        IDP_PORT: String(E2E.idpPort),
        PORTAL_URL: `http://127.0.0.1:${E2E.port}`,
        IDP_CACHE_DIR: idpCacheDir,
        IDP_PORTAL_PROVIDERS: idpProviders.join(","),
      },
    },
    {
      command: "node --import tsx tests/helpers/e2e-server.ts",
      url: `http://127.0.0.1:${E2E.port}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(E2E.port),
        HOST: "127.0.0.1",
        DATABASE_PATH: E2E.databasePath,
        SMTP_URL: `smtp://127.0.0.1:${E2E.smtpPort}`,
        PUBLIC_URL: `http://127.0.0.1:${E2E.port}`,
        SESSION_SECRET: "e2e-test-secret",
        // What `npm start` serves: React's production build.
        NODE_ENV: "production",
        ...signIn.env,
      },
    },
  ],
});
