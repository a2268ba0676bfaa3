// `confab serve` in Debian's chromium (driven by playwright-core): an open page reloads by
// itself when content changes, shows the error of a broken template, and comes back when the
// template is fixed. Usage: node live_reload_browser.mjs CONFAB_BINARY
// Exits 77 (a skip for ctest) when playwright-core or chromium is not installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, unlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [confab] = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.error('playwright-core is not installed (run scripts/install-deps)');
  process.exit(77);
}
if (!existsSync(chromiumPath)) {
  console.error(`no chromium at ${chromiumPath}`);
  process.exit(77);
}

const work = await mkdtemp(join(tmpdir(), 'confab-live-reload-'));
const site = join(work, 'site');
const init = spawnSync(confab, ['init', site, '--title', 'Browser hub'], { encoding: 'utf8' });
if (init.status !== 0) throw new Error(`confab init failed: ${init.stderr}`);

const serve = spawn(confab, ['serve', '--port', '0', '--config', join(site, 'site.toml')]);
let log = '';
const origin = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 30000);
  serve.stderr.on('data', (chunk) => {
    log += chunk;
    const found = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
    if (found) {
      clearTimeout(timer);
      resolve(found[1]);
    }
  });
});

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let failed = false;
try {
  const page = await browser.newPage();
  await page.route((url) => !url.href.startsWith(origin), (route) => route.abort());
  await page.goto(`${origin}/`);
  await page.getByText('Browser hub').first().waitFor();

  // Nobody touches the page: the edit alone must bring the new text in.
  await writeFile(join(site, 'content/_index.md'), 'Now with **live reload**.\n');
  await page.locator('strong', { hasText: 'live reload' }).waitFor({ timeout: 15000 });

  await mkdir(join(site, 'templates'), { recursive: true });
  await writeFile(join(site, 'templates/index.html'), '{{#never_closed}}\n');
  await page.locator('#confab-build-error').waitFor({ timeout: 15000 });
  const message = await page.locator('#confab-build-error').textContent();
  if (!message.includes('index.html')) throw new Error(`error page does not name the file: ${message}`);

  await unlink(join(site, 'templates/index.html'));
  await page.locator('strong', { hasText: 'live reload' }).waitFor({ timeout: 15000 });
  const onDisk = await readFile(join(site, 'public/index.html'), 'utf8');
  if (onDisk.includes('__confab')) throw new Error('the reload script was written to public/');
  console.log('live reload: edit, broken template and recovery all reached the open page');
} catch (error) {
  failed = true;
  console.error(`FAIL ${error.message}\n--- serve log ---\n${log}`);
} finally {
  await browser.close();
  serve.kill('SIGTERM');
  await new Promise((resolve) => serve.on('exit', resolve));
  await rm(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
