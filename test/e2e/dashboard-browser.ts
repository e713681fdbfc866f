/**
 * Helpers of the dashboard's browser tests: Debian's Chromium driven by playwright-core with the
 * machine's headless flags (never a downloaded browser), canvas checks for uPlot charts, axe-core
 * injected into the page, and page screenshots under test-results/dashboard/ (git-ignored).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../cli/process-helpers.js';

/** Debian's chromium package. */
export const CHROMIUM = '/usr/bin/chromium';
/** Where screenshots go. */
export const SHOTS = join(ROOT, 'test-results', 'dashboard');
/** Desktop and phone widths of the screenshots. */
export const WIDTHS = [1280, 375] as const;

/**
 * Headless flags from the machine notes: without the background-networking ones Chromium keeps
 * dialling outside hosts, which this machine refuses. Playwright adds --headless and a fresh profile.
 */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why the browser tests cannot run here, or undefined when they can (in CI a missing browser fails instead). */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const why = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does)`;
  if (process.env.CI) throw new Error(why);
  return why;
}

/** Launches Chromium headless. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, timeout: 120_000 });
}

/** Pixels of a canvas inside `selector` within `tolerance` of an `#rrggbb` colour (devicePixelRatio-scaled). */
export async function colouredPixels(page: Page, selector: string, hex: string, tolerance = 40): Promise<number> {
  return page.evaluate(
    ({ selector, hex, tolerance }) => {
      const canvas = document.querySelector(`${selector} canvas`) as HTMLCanvasElement | null;
      if (!canvas || canvas.width === 0 || canvas.height === 0) return -1;
      const ctx = canvas.getContext('2d');
      if (!ctx) return -1;
      const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3] > 200 && Math.abs(px[i] - want[0]) <= tolerance && Math.abs(px[i + 1] - want[1]) <= tolerance && Math.abs(px[i + 2] - want[2]) <= tolerance) n++;
      }
      return n;
    },
    { selector, hex, tolerance },
  );
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One axe-core violation. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core in the page (evaluated over the DevTools protocol, so the page's CSP does not block it); serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const v = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((x) => ({ id: x.id, impact: x.impact, help: x.help, nodes: x.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
  return v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
}

/** Saves a full-page screenshot as test-results/dashboard/<name>-<width>.png; returns the path. */
export async function screenshot(page: Page, name: string, width: number): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}-${width}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Polls `f` in Node until it returns a truthy value. */
export async function poll<T>(f: () => Promise<T | undefined | false | null>, what: string, timeoutMs = 120_000, everyMs = 250): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await f();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
