// Entry of the portal's worker threads. Node 20 does not hand a worker the main thread's
// `--import tsx`, so the worker registers tsx itself and then loads the TypeScript module it was
// started for (workerData.module, a file URL).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.module);
