// Loads TimelineJS JSON files into the real TimelineJS 3 library, in headless
// Chromium, on a page served from 127.0.0.1, and prints what TimelineJS built
// for each file as one JSON object per line:
//   {"file", "slides", "titleSlides", "slideIds", "headlines", "errors"}
//
// usage: node check_timeline.mjs FILE.json...
// env:   CHROMIUM  the browser binary (default /usr/bin/chromium)
//        ANNALS_SCREENSHOTS  a folder to save a screenshot of each timeline in
//
// Exit status: 0 when every file was loaded (the caller judges the counts),
// 1 on any failure to load, 2 on bad usage.

import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, "node_modules", "@knight-lab", "timelinejs", "dist");
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node check_timeline.mjs FILE.json...");
  process.exit(2);
}
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const deadline = setTimeout(() => {
  console.error("check_timeline: gave up after 120 seconds");
  process.exit(1);
}, 120_000);

const types = {
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".html": "text/html; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".eot": "application/vnd.ms-fontobject",
};

function page(n) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>annals export check</title>
<link rel="stylesheet" href="/tl/css/timeline.css">
<script src="/tl/js/timeline.js"></script>
<style>html, body { margin: 0; height: 100%; } #timeline { width: 1200px; height: 800px; }</style>
</head><body><div id="timeline"></div>
<script>
  window.annalsResult = null;
  window.addEventListener("error", (e) => {
    window.annalsResult = window.annalsResult || { failed: "page error: " + e.message };
  });
  const timeline = new TL.Timeline("timeline", "/data/${n}.json", { hash_bookmark: false });
  timeline.on("loaded", () => {
    const slides = [...document.querySelectorAll(".tl-storyslider .tl-slide")];
    window.annalsResult = {
      slides: slides.length,
      titleSlides: slides.filter((s) => s.classList.contains("tl-slide-titleslide")).length,
      slideIds: slides.map((s) => s.id),
      headlines: slides.map((s) => {
        const h = s.querySelector(".tl-headline");
        return h ? h.textContent : null;
      }),
      errors: timeline.config ? timeline.config.getErrors() : ["no config"],
    };
  });
</script></body></html>`;
}

function serve(req, res) {
  const url = new URL(req.url, "http://127.0.0.1");
  let body = null;
  let type = "text/plain";
  const page_m = url.pathname.match(/^\/page\/(\d+)$/);
  const data_m = url.pathname.match(/^\/data\/(\d+)\.json$/);
  if (page_m && Number(page_m[1]) < files.length) {
    body = page(Number(page_m[1]));
    type = types[".html"];
  } else if (data_m && Number(data_m[1]) < files.length) {
    body = fs.readFileSync(files[Number(data_m[1])]);
    type = types[".json"];
  } else if (url.pathname.startsWith("/tl/")) {
    const rel = path.normalize(decodeURIComponent(url.pathname.slice(4)));
    const full = path.join(dist, rel);
    if (full.startsWith(dist + path.sep) && fs.existsSync(full) && fs.statSync(full).isFile()) {
      body = fs.readFileSync(full);
      type = types[path.extname(full)] || "application/octet-stream";
    }
  }
  if (body === null) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
    return;
  }
  res.writeHead(200, { "content-type": type });
  res.end(body);
}

const server = http.createServer(serve);
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "annals-chromium-"));
let context = null;
let status = 0;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  // nothing leaves this machine: only the local server answers
  await context.route("**/*", (route) =>
    route.request().url().startsWith(origin + "/") ? route.continue() : route.abort(),
  );
  for (let n = 0; n < files.length; n++) {
    const tab = await context.newPage();
    const problems = [];
    tab.on("pageerror", (e) => problems.push("page error: " + e.message));
    await tab.goto(`${origin}/page/${n}`);
    await tab.waitForFunction(() => window.annalsResult !== null, null, { timeout: 60_000 });
    const result = await tab.evaluate(() => window.annalsResult);
    result.file = files[n];
    if (problems.length) {
      result.errors = (result.errors || []).concat(problems);
    }
    if (result.failed) {
      status = 1;
    }
    if (process.env.ANNALS_SCREENSHOTS) {
      await tab.waitForTimeout(1000);
      await tab.screenshot({ path: path.join(process.env.ANNALS_SCREENSHOTS, `timeline-${n}.png`) });
    }
    console.log(JSON.stringify(result));
    await tab.close();
  }
} catch (e) {
  console.error("check_timeline: " + (e && e.message ? e.message : e));
  status = 1;
} finally {
  if (context) {
    await context.close();
  }
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
  clearTimeout(deadline);
}
process.exit(status);
