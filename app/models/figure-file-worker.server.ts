/**
 * Uploaded figure files are read in worker threads, never on the event loop that serves everyone:
 * each worker has its own memory limit, and a file that takes too long is stopped by ending its
 * worker, so a hostile file can at most end the worker reading it (and the memory goes with it).
 * One file per person is read at a time, and only a few in the whole process; the rest are told to
 * come back shortly. A worker that finished a file waits a little for the next one (starting one
 * costs about a second: loading tsx and exceljs), then ends.
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
  /** An idle worker ends after this long. */
  idleMs: 60_000,
  /** Heap of one worker: real workbooks of 5000 rows need a few tens of MB. */
  resourceLimits: { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
  retryAfterSeconds: 5,
};

export type Busy = { ok: false; busy: "own" | "all"; retryAfterSeconds: number };

const readingFor = new Set<number>();
let reading = 0;
const idle: Array<{ worker: Worker; timer: NodeJS.Timeout }> = [];

/** How many files are being read now, and how many workers wait (for tests). */
export function fileReaders() {
  return { reading, idle: idle.length };
}

/** Reads an uploaded file for `userId` in a worker thread, or says it is busy. */
export async function readFigureFileInWorker(userId: number, fileName: string, bytes: Uint8Array): Promise<ReadResult | Busy> {
  if (readingFor.has(userId)) return { ok: false, busy: "own", retryAfterSeconds: FILE_READING.retryAfterSeconds };
  if (reading >= FILE_READING.maxAtOnce) return { ok: false, busy: "all", retryAfterSeconds: FILE_READING.retryAfterSeconds };
  readingFor.add(userId);
  reading++;
  try {
    return await read(fileName, bytes);
  } finally {
    readingFor.delete(userId);
    reading--;
  }
}

/** Ends the workers waiting for a file (they end by themselves after FILE_READING.idleMs too). */
export async function endIdleWorkers() {
  const waiting = idle.splice(0);
  for (const { timer } of waiting) clearTimeout(timer);
  await Promise.all(waiting.map(({ worker }) => worker.terminate()));
}

function startWorker() {
  const root = projectRoot();
  const worker = new Worker(join(root, "app/workers/start-typescript.mjs"), {
    workerData: { module: pathToFileURL(join(root, "app/workers/figure-file.worker.ts")).href },
    resourceLimits: FILE_READING.resourceLimits,
    stdout: true,
    stderr: true,
  });
  // What a worker prints is not the portal's log.
  worker.stdout.resume();
  worker.stderr.resume();
  worker.unref();
  return worker;
}

function takeWorker() {
  const waiting = idle.pop();
  if (!waiting) return startWorker();
  clearTimeout(waiting.timer);
  return waiting.worker;
}

function putBack(worker: Worker) {
  const timer = setTimeout(() => {
    idle.splice(
      idle.findIndex((w) => w.worker === worker),
      1,
    );
    void worker.terminate();
  }, FILE_READING.idleMs);
  timer.unref();
  idle.push({ worker, timer });
}

function read(fileName: string, bytes: Uint8Array): Promise<ReadResult> {
  const worker = takeWorker();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ReadResult, reusable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      if (reusable) putBack(worker);
      else void worker.terminate();
      resolve(result);
    };
    const onMessage = (result: ReadResult) => finish(result, true);
    const onError = (error: Error & { code?: string }) => {
      logger.warn({ code: error.code, fileBytes: bytes.byteLength }, "figure file: the worker reading it failed");
      finish({ ok: false, error: error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "figures.fileTooHeavy" : "figures.fileUnreadable" }, false);
    };
    const onExit = () => finish({ ok: false, error: "figures.fileTooHeavy" }, false);
    const timer = setTimeout(() => {
      logger.warn({ fileBytes: bytes.byteLength }, "figure file: reading took too long; stopped");
      finish({ ok: false, error: "figures.fileTooHeavy" }, false);
    }, FILE_READING.timeoutMs);
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    worker.postMessage({ fileName, bytes });
  });
}
