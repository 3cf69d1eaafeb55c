import type { NextFunction, Request, Response } from "express";

/** A form without a file: the longest is a meeting's minutes (100,000 characters, percent-encoded, twice when merging). */
export const MAX_FORM_BYTES = 4 * 1024 * 1024;
/**
 * What an upload may declare before its route sees it. Each upload route refuses its own, smaller,
 * limit from the same header with a message of its own (a meeting file 25 MB, figures 5 MB, a map
 * 2 MB); past this the edge refuses without involving any route.
 */
export const MAX_UPLOAD_REQUEST_BYTES = 100 * 1024 * 1024;
/** The addresses whose actions take files. */
const UPLOAD_PATHS = [/^\/n\/[^/]+\/figures\/report$/, /^\/n\/[^/]+\/maps$/, /^\/n\/[^/]+\/meetings\/\d+$/];

/**
 * A body must say how long it is, and be no longer than its address allows, before anything reads
 * it: Node's parser never delivers more than the declared length, so every route that reads a form
 * (which buffers it whole) is bounded. Browsers always declare the length of a form; a chunked body
 * of unknown length is refused with 411.
 */
export function requestBodyLimits() {
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = req.get("content-length");
    if (req.get("transfer-encoding") && declared === undefined) {
      res
        .status(411)
        .set("Connection", "close")
        .type("text/plain; charset=utf-8")
        .send("Forespørselen må oppgi lengden sin. / The request must state its length.");
      return;
    }
    const max = UPLOAD_PATHS.some((path) => path.test(req.path)) ? MAX_UPLOAD_REQUEST_BYTES : MAX_FORM_BYTES;
    if (declared !== undefined && !(Number(declared) <= max)) {
      const mb = Math.round(max / 1024 / 1024);
      res
        .status(413)
        .set("Connection", "close")
        .type("text/plain; charset=utf-8")
        .send(`Forespørselen er for stor (høyst ${mb} MB). / The request is too large (at most ${mb} MB).`);
      return;
    }
    next();
  };
}
