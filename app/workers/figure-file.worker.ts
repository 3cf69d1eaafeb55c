/**
 * Reads uploaded figure files in a worker thread, one at a time, so that a hostile file can at most
 * exhaust this worker's memory or time, never the process that serves everyone. The worker stays
 * for the next file until it has been idle a while (figure-file-worker.server.ts decides).
 */
import { parentPort } from "node:worker_threads";
import { readFigureFile } from "../models/figure-files.server";

parentPort!.on("message", async ({ fileName, bytes }: { fileName: string; bytes: Uint8Array }) => {
  parentPort!.postMessage(await readFigureFile(fileName, bytes));
});
