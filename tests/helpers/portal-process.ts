/**
 * The portal's server process for integration tests and benchmarks, as an operator runs it
 * (`node --import tsx server.ts`), on loopback, against the caller's database (DATABASE_PATH from
 * tests/helpers/test-db unless `env` says otherwise). Resolves once /healthz answers.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface Portal {
  base: string;
  process: ChildProcess;
  /** Sends the signal and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startPortal(port: number, env: Record<string, string> = {}, { inspect }: { inspect?: number } = {}): Promise<Portal> {
  const child = spawn(process.execPath, [...(inspect ? [`--inspect=127.0.0.1:${inspect}`] : []), "--import", "tsx", "server.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "false", SMTP_URL: "", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      if (i > 150) throw new Error("the server did not start");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    process: child,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}
