/**
 * The portal's server process for benchmarks that measure whole pages: started on loopback against
 * the benchmark's database (tests/helpers/test-db sets DATABASE_PATH), with a signed-in cookie and a
 * timer for pages.
 */
import { performance } from "node:perf_hooks";
import { startPortal as startServer } from "../helpers/portal-process";

export async function startPortal(port: number) {
  const portal = await startServer(port);
  return { base: portal.base, stop: () => void portal.stop() };
}

export async function signInCookie(base: string, email: string) {
  const login = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: "samhandling-demo" }),
    redirect: "manual",
  });
  return (login.headers.get("set-cookie") ?? "").split(";")[0];
}

/** Median and 95th percentile of `requests` loads of a page, after five to warm up. */
export async function timePage(base: string, cookie: string, path: string, expected: number, requests: number) {
  const times: number[] = [];
  for (let i = 0; i < requests + 5; i++) {
    const start = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    await res.text();
    if (res.status !== expected) throw new Error(`${path} answered ${res.status}`);
    if (i >= 5) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
}
