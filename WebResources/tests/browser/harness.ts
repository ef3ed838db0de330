// Serves dist/ (as /WebResources/...) and the test host on 127.0.0.1, and drives Debian's Chromium.
import { createServer, type Server } from "node:http";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { Fixture } from "../fixtures/plans";

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, "..", "..");
export const DIST = join(ROOT, "dist");
const STATIC = join(HERE, "static");
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
};

export interface Served {
  server: Server;
  origin: string;
}

export async function serve(): Promise<Served> {
  const server = createServer((req, res) => {
    const url = new URL(req.url || "/", "http://127.0.0.1");
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    let base = "";
    let rest = "";
    if (url.pathname.startsWith("/WebResources/")) {
      base = DIST;
      rest = url.pathname.slice("/WebResources/".length);
    } else if (url.pathname.startsWith("/test/")) {
      base = STATIC;
      rest = url.pathname.slice("/test/".length);
    }
    const file = normalize(join(base, decodeURIComponent(rest)));
    if (base === "" || !file.startsWith(base)) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", "cache-control": "no-store" }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { server, origin: `http://127.0.0.1:${port}` };
}

export const CHROMIUM = process.env.APX_CHROMIUM || "/usr/bin/chromium";

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  problems: string[];
  dialogs: string[];
}

/** A page whose top frame (the test host only) carries the fixture, with the clock fixed. */
export async function session(browser: Browser, fixture: Fixture | null, now: Date, viewport = { width: 1280, height: 1400 }): Promise<Session> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: "en-US", timezoneId: "Europe/Berlin" });
  await context.clock.setFixedTime(now);
  await context.addInitScript((data) => {
    if (window.location.pathname === "/test/host.html") {
      (window as unknown as { __APX_FIXTURE__: unknown }).__APX_FIXTURE__ = data;
    }
  }, fixture);
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  const watch = (p: Page): void => {
    p.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    p.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") {
        problems.push(`console ${m.type()}: ${m.text()}`);
      }
    });
    p.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  };
  watch(page);
  context.on("page", watch);
  return { context, page, problems, dialogs };
}
