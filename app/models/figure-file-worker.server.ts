/**
 * Uploaded figure files are read in worker threads, never on the event loop that serves everyone:
 * each file in a worker of its own with its own memory limit and a time limit, so a hostile file can
 * at most end its own worker (and the memory it took goes with it). One file per person is read at
 * a time, and only a few in the whole process; the rest are told to come back shortly.
 */
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { logger } from "~/utils/logger.server";
import { projectRoot } from "~/utils/project-root.server";
import type { ReadResult } from "./figure-files.server";

export const FILE_READING = {
  /** Files read at once in the process (the machine has two cores; requests need one). */
  maxAtOnce: 2,
  timeoutMs: 20_000,
  /** Heap of one worker: real workbooks of 5000 rows need a few tens of MB. */
  resourceLimits: { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
  retryAfterSeconds: 5,
};

export type Busy = { ok: false; busy: "own" | "all"; retryAfterSeconds: number };

const readingFor = new Set<number>();
let reading = 0;

/** How many files are being read now (for tests and health). */
export function filesBeingRead() {
  return reading;
}

/** Reads an uploaded file for `userId` in a worker thread, or says it is busy. */
export async function readFigureFileInWorker(userId: number, fileName: string, bytes: Uint8Array): Promise<ReadResult | Busy> {
  if (readingFor.has(userId)) return { ok: false, busy: "own", retryAfterSeconds: FILE_READING.retryAfterSeconds };
  if (reading >= FILE_READING.maxAtOnce) return { ok: false, busy: "all", retryAfterSeconds: FILE_READING.retryAfterSeconds };
  readingFor.add(userId);
  reading++;
  try {
    return await inWorker(fileName, bytes);
  } finally {
    readingFor.delete(userId);
    reading--;
  }
}

function inWorker(fileName: string, bytes: Uint8Array): Promise<ReadResult> {
  const root = projectRoot();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ReadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const worker = new Worker(join(root, "app/workers/start-typescript.mjs"), {
      workerData: { module: pathToFileURL(join(root, "app/workers/figure-file.worker.ts")).href, fileName, bytes },
      resourceLimits: FILE_READING.resourceLimits,
      stdout: true,
      stderr: true,
    });
    // What a worker prints is not the portal's log.
    worker.stdout.resume();
    worker.stderr.resume();
    const timer = setTimeout(() => {
      logger.warn({ fileBytes: bytes.byteLength }, "figure file: reading took too long; stopped");
      finish({ ok: false, error: "figures.fileTooHeavy" });
    }, FILE_READING.timeoutMs);
    worker.once("message", (result: ReadResult) => finish(result));
    worker.once("error", (error: Error & { code?: string }) => {
      logger.warn({ code: error.code, fileBytes: bytes.byteLength }, "figure file: the worker reading it failed");
      finish({ ok: false, error: error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "figures.fileTooHeavy" : "figures.fileUnreadable" });
    });
    worker.once("exit", () => finish({ ok: false, error: "figures.fileTooHeavy" }));
  });
}
