// Opens the built demo hub in Debian's chromium (driven by playwright-core) over a local server:
// no console errors, no failed requests to the site, threads that open and close from the
// keyboard, a Mastodon reply that goes through the reader's own server (asked once), the desk
// (the report, the reply queue's feeds, the exports, and a search from the header that finds a
// French comment by unaccented words), no serious or critical axe-core violations, and
// screenshots at phone and desktop widths. Usage: node hub_browser_test.mjs SITE_DIR ARTIFACT_DIR
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveSite } from './serve_site.mjs';

const require = createRequire(import.meta.url);
const [siteDir, artifactDir] = process.argv.slice(2);
if (!siteDir || !artifactDir) {
  console.error('usage: node hub_browser_test.mjs SITE_DIR ARTIFACT_DIR');
  process.exit(2);
}
await mkdir(artifactDir, { recursive: true });

const failures = [];
const fail = (message) => {
  failures.push(message);
  console.error(`FAIL ${message}`);
};

const firstThread = (await readdir(join(siteDir, 'threads'))).sort()[0];
const firstPerson = (await readdir(join(siteDir, 'people'))).filter((n) => n !== 'index.html').sort()[0];
const pages = ['/', `/threads/${firstThread}/`, '/people/', `/people/${firstPerson}/`, '/sources/',
  '/spam/', '/about/', '/report/', '/search/?q=lyon'];

const { server, origin } = await serveSite(siteDir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

try {
  const context = await browser.newContext();
  // Tests never touch the internet: third-party embeds (video players) get an empty answer.
  await context.route((url) => !url.href.startsWith(origin),
    (route) => route.fulfill({ status: 204, body: '' }));
  const axeSource = require.resolve('axe-core/axe.min.js');

  for (const path of pages) {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') fail(`${path}: console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => fail(`${path}: page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      if (request.url().startsWith(origin)) fail(`${path}: request failed: ${request.url()}`);
    });
    page.on('response', (response) => {
      if (response.url().startsWith(origin) && response.status() >= 400) {
        fail(`${path}: HTTP ${response.status()} for ${response.url()}`);
      }
    });
    const response = await page.goto(origin + path, { waitUntil: 'load' });
    if (!response || response.status() !== 200) fail(`${path}: not served (${response?.status()})`);

    await page.addScriptTag({ path: axeSource });
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const run = await axe.run(document, { resultTypes: ['violations'] });
      return run.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length,
        target: v.nodes[0]?.target?.join(' ') }));
    });
    for (const violation of result) {
      if (violation.impact === 'serious' || violation.impact === 'critical') {
        fail(`${path}: axe ${violation.impact} ${violation.id} (${violation.nodes}x, e.g. ${violation.target})`);
      }
    }
    await page.close();
  }

  // Threads expand and collapse from the keyboard alone.
  const page = await context.newPage();
  await page.goto(origin + '/', { waitUntil: 'load' });
  const summary = page.locator('details.replies > summary').first();
  const isOpen = () => summary.evaluate((node) => node.parentElement.open);
  if (!(await isOpen())) fail('the first thread\'s replies should start open');
  await summary.focus();
  const focused = await page.evaluate(() => document.activeElement?.tagName);
  if (focused !== 'SUMMARY') fail(`summary did not take focus (${focused})`);
  await page.keyboard.press('Enter');
  if (await isOpen()) fail('Enter on the summary did not collapse the replies');
  await page.keyboard.press('Space');
  if (!(await isOpen())) fail('Space on the summary did not expand the replies');
  // The skip link is the first stop and leads to the conversation.
  await page.keyboard.press('Tab');
  await page.goto(origin + '/', { waitUntil: 'load' });
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => document.activeElement?.getAttribute('href'));
  if (skip !== '#conversation') fail(`first Tab stop is ${skip}, not the skip link`);

  // "Reply on Mastodon" asks for the reader's server once, remembers it, and opens the status
  // there through authorize_interaction.
  let mastodonThread = null;
  for (const slug of (await readdir(join(siteDir, 'threads'))).sort()) {
    const html = await readFile(join(siteDir, 'threads', slug, 'index.html'), 'utf8');
    if (html.includes('data-reply-server="mastodon"')) { mastodonThread = slug; break; }
  }
  if (!mastodonThread) {
    fail('no thread page has a Mastodon reply link');
  } else {
    await page.goto(origin + `/threads/${mastodonThread}/`, { waitUntil: 'load' });
    const reply = page.locator('a[data-reply-server="mastodon"]').first();
    const status = await reply.getAttribute('href');
    let asked = 0;
    page.on('dialog', (dialog) => { asked += 1; dialog.accept('@reader@mastodon.example'); });
    const expected = 'https://mastodon.example/authorize_interaction?uri=' + encodeURIComponent(status);
    for (let click = 0; click < 2; click += 1) {
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.url().startsWith('https://mastodon.example/'), { timeout: 5000 }),
        reply.click(),
      ]);
      if (request.url() !== expected) fail(`Mastodon reply went to ${request.url()}, not ${expected}`);
      await page.goto(origin + `/threads/${mastodonThread}/`, { waitUntil: 'load' });
    }
    if (asked !== 1) fail(`the reader's server was asked ${asked} times, not once`);
  }

  // The desk's files are served, and the report links its exports.
  for (const file of ['/awaiting.xml', '/awaiting.json', '/new.xml', '/report.json', '/search.json',
    '/exports/nodes.csv', '/exports/people.csv', '/exports/awaiting.csv']) {
    const response = await page.request.get(origin + file);
    if (response.status() !== 200) fail(`${file}: HTTP ${response.status()}`);
  }
  await page.goto(origin + '/report/', { waitUntil: 'load' });
  if ((await page.locator('main svg').count()) < 2) fail('the report shows fewer than two charts');
  for (const file of ['nodes.csv', 'people.csv', 'awaiting.csv']) {
    if ((await page.locator(`a[href$="exports/${file}"]`).count()) === 0) {
      fail(`the report does not link exports/${file}`);
    }
  }

  // Search from the header with the keyboard alone: unaccented words find the French comment.
  await page.goto(origin + '/', { waitUntil: 'load' });
  await page.locator('#site-search-q').focus();
  await page.keyboard.type('tres belle idee');
  await Promise.all([page.waitForURL(/\/search\/\?q=/), page.keyboard.press('Enter')]);
  try {
    await page.locator('#search-results li').first().waitFor({ timeout: 5000 });
  } catch {
    fail('searching "tres belle idee" showed no result');
  }
  const snippets = await page.locator('#search-results .search-snippet').allTextContents();
  if (!snippets.some((text) => text.includes('Très belle idée'))) {
    fail(`"tres belle idee" did not find the French comment (results: ${snippets.join(' | ')})`);
  }
  const status = await page.locator('#search-status').textContent();
  if (!status || !/\d/.test(status)) fail(`the search status says no count: "${status}"`);

  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(origin + '/', { waitUntil: 'load' });
    await page.screenshot({ path: join(artifactDir, `hub-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    if (overflow > 0) fail(`at ${width}px the page scrolls sideways by ${overflow}px`);
    await page.goto(origin + `/threads/${firstThread}/`, { waitUntil: 'load' });
    await page.screenshot({ path: join(artifactDir, `thread-${width}.png`), fullPage: true });
    await page.goto(origin + '/report/', { waitUntil: 'load' });
    await page.screenshot({ path: join(artifactDir, `report-${width}.png`), fullPage: true });
    const reportOverflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    if (reportOverflow > 0) fail(`at ${width}px the report scrolls sideways by ${reportOverflow}px`);
  }
  await page.close();
} finally {
  await browser.close();
  server.close();
}

if (failures.length > 0) {
  console.error(`${failures.length} browser check(s) failed`);
  process.exit(1);
}
console.log(`browser checks passed on ${pages.length} pages; screenshots in ${artifactDir}`);
