import { defineConfig, devices } from "@playwright/test";

/** Ports for the test run: chosen away from the portal's default so a running portal does not clash. */
export const E2E = {
  port: Number(process.env.E2E_PORT ?? 3917),
  smtpPort: Number(process.env.E2E_SMTP_PORT ?? 2587),
  smtpHttpPort: Number(process.env.E2E_SMTP_HTTP_PORT ?? 2588),
  databasePath: ".cache/e2e/portal.db",
};

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
      },
    },
  ],
});
