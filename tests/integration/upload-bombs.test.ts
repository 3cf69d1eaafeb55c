/**
 * One person tries to take the server down with uploads: an .xlsx whose zip lies about its size
 * (1.1 MB on the wire, 1,000 bytes claimed, 1.1 GB inflated), four at once, and bodies that do not
 * say how long they are. The server keeps answering everyone else during and after, its memory
 * comes back, and the uploader is told why in Norwegian.
 */
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startPortal, type Portal } from "../helpers/portal-process";
import { lyingDeflatedZip } from "../helpers/zip";
import { signInCookie } from "../helpers/yjs-client";

const port = 3400 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
let portal: Portal;

// What the portal may grow by while refusing bombs: at most two file readers run at once, a reader
// that finished keeps its code loaded for a minute, and its heap is capped at 224 MB. Measured here:
// under 150 MiB on Node 20, 155–197 MiB on Node 24. One bomb inflated in memory would be 1,100 MiB.
const MAX_GROWTH_MIB = 300;
const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${portal.process.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

function upload(cookie: string, bytes: Buffer, name = "tall.xlsx") {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${base}/n/ukraina/figures/report`, { method: "POST", headers: { cookie, Origin: base }, body: form });
}

/** Times every answer to a page another member asks for while `during` runs. */
async function othersAnswerWhile(cookie: string, during: Promise<unknown>) {
  let done = false;
  void during.finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    const started = performance.now();
    const res = await fetch(`${base}/n/ukraina/members`, { headers: { cookie } });
    await res.text();
    assert.equal(res.status, 200);
    times.push(performance.now() - started);
  }
  await during;
  return times;
}

describe("hostile uploads", () => {
  let nav: string;
  let udi: string;
  let leader: string;
  const bomb = lyingDeflatedZip("xl/worksheets/sheet1.xml", 1.1 * 1024 ** 3, 1000);

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-bombs-"));
    portal = await startPortal(port, { DATABASE_PATH: join(dir, "portal.db"), SEED_DEMO: "true", LOG_LEVEL: "error" });
    [nav, udi, leader] = await Promise.all([
      signInCookie(base, "representant@nav.example"),
      signInCookie(base, "representant@udi.example"),
      signInCookie(base, "leder@imdi.example"),
    ]);
  });
  after(() => portal.stop("SIGKILL"));

  it("refuses a zip that lies about its size, while everyone else is answered, and gives its memory back", async () => {
    assert.ok(bomb.length < 1.3 * 1024 * 1024, "about 1.1 MB on the wire");
    await fetch(`${base}/n/ukraina/members`, { headers: { cookie: leader } });
    const before = rssMiB();
    const answer = upload(nav, bomb);
    const times = await othersAnswerWhile(leader, answer);
    const res = await answer;
    assert.equal(res.status, 413);
    assert.match(await res.text(), /Filen pakker seg ut til mer enn 40 MB og blir ikke lest/);
    assert.ok(Math.max(...times) < 1500, `another member waited at most ${Math.round(Math.max(...times))} ms`);
    await new Promise((r) => setTimeout(r, 1000));
    assert.ok(rssMiB() - before < MAX_GROWTH_MIB, `memory after: +${Math.round(rssMiB() - before)} MiB`);
  });

  it("reads one file per person at a time: four bombs at once are each refused, for the file or to wait", async () => {
    const before = rssMiB();
    const four = Promise.all(Array.from({ length: 4 }, () => upload(nav, bomb)));
    const times = await othersAnswerWhile(leader, four);
    const answers = await four;
    // Which of them overlap depends on timing (a bomb is stopped in about 0.1 s); the model's own
    // test shows one file per person exactly. Here: every answer is a clear refusal.
    assert.ok(
      answers.every((r) => r.status === 413 || r.status === 429),
      answers.map((r) => r.status).join(", "),
    );
    assert.ok(answers.some((r) => r.status === 413));
    for (const res of answers.filter((r) => r.status === 429)) {
      assert.ok(Number(res.headers.get("retry-after")) > 0, "429 carries Retry-After");
      assert.match(await res.text(), /Vi leser fortsatt filen du lastet opp sist/);
    }
    assert.ok(Math.max(...times) < 1500, `another member waited at most ${Math.round(Math.max(...times))} ms`);
    // Two people at once are read side by side; the process as a whole reads only a few at a time.
    const [a, b] = await Promise.all([upload(nav, bomb), upload(udi, bomb)]);
    assert.deepEqual([a.status, b.status], [413, 413]);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await fetch(`${base}/healthz`)).status, 200, "still alive");
    assert.ok(rssMiB() - before < MAX_GROWTH_MIB, `memory after: +${Math.round(rssMiB() - before)} MiB`);
  });

  it("refuses a body that does not say how long it is, or says it is too long, before reading it", async () => {
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${base}/n/ukraina/figures/report`,
        {
          method: "POST",
          headers: { cookie: nav, Origin: base, "Content-Type": "multipart/form-data; boundary=x", "Transfer-Encoding": "chunked" },
        },
        (res) => {
          let body = "";
          res.on("data", (d) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.write("--x\r\n");
      req.end();
    });
    assert.equal(chunked.status, 411);
    assert.match(chunked.body, /Forespørselen må oppgi lengden sin/);
    const huge = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${base}/login`,
        {
          method: "POST",
          headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(500 * 1024 * 1024) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write("email=a");
    });
    assert.equal(huge, 413);
  });
});
