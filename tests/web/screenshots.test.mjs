// The sample comparison in light and dark mode and at a phone's width: screenshots written to
// tests/web/screenshots/ (git-ignored; docs/screenshot.png is a copy of sample-light.png), dark
// mode following the system, no sideways scrolling on a phone, every control reachable by keyboard.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { assertClean, ensureScreenshots, launch, openPage, root, serve } from './helpers.mjs';

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch(server.origin, { viewport: { width: 1280, height: 800 } });
  await openPage(browser.page, server.url);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('light and dark screenshots of the sample comparison', async () => {
  const { page, log } = browser;
  const dir = ensureScreenshots();
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await background(page);
  await page.screenshot({ path: join(dir, 'sample-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background(page);
  await page.screenshot({ path: join(dir, 'sample-dark.png') });
  assert.equal(light, 'rgb(255, 255, 255)');
  assert.notEqual(dark, light, 'dark mode follows the system');
  // The comparison itself, scrolled into view.
  await page.locator('#workspace').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(dir, 'sample-dark-rows.png') });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate(() => window.scrollTo(0, 0));
  if (process.env.UPDATE_SCREENSHOT) copyFileSync(join(dir, 'sample-light.png'), join(root, 'docs', 'screenshot.png'));
  await assertClean(page, log);
});

test('usable at a phone’s width: no sideways scrolling', async () => {
  const { page } = browser;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(widths.scroll <= widths.client + 1, `the page is ${widths.scroll}px wide in a ${widths.client}px window`);
  await page.screenshot({ path: join(ensureScreenshots(), 'sample-phone.png'), fullPage: false });
  await page.locator('#workspace').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ensureScreenshots(), 'sample-phone-rows.png'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('every control is reachable with the keyboard', async () => {
  const { page } = browser;
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.activeElement?.blur();
  });
  const reached = new Set();
  for (let k = 0; k < 80; ++k) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('name') || '');
    if (id) reached.add(id);
  }
  for (const id of ['open', 'paste-toggle', 'sample', 'swap', 'threshold', 'ignore-case', 'ignore-punctuation', 'layout', 'hide-equal', 'export-json', 'export-html', 'next']) {
    assert.ok(reached.has(id), `#${id} is reachable with Tab`);
  }
  // And "n" moves to a change from anywhere outside a text field.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('n');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('row')), true);
});
