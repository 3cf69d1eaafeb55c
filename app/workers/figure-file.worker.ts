/**
 * Reads one uploaded figure file in a worker thread of its own, so that a hostile file can at most
 * exhaust this worker's memory or time, never the process that serves everyone.
 */
import { parentPort, workerData } from "node:worker_threads";
import { readFigureFile } from "../models/figure-files.server";

const { fileName, bytes } = workerData as { fileName: string; bytes: Uint8Array };
parentPort!.postMessage(await readFigureFile(fileName, bytes));
