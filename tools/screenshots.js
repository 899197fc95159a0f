// Full-page screenshots of the reader pages for docs/screenshots/, as a reader scrolls them (lazy pictures loaded).
// Needs a running site with the sample content and playwright-core from npm (no browser download; Debian's chromium):
//   npm install --prefix /tmp/shots playwright-core
//   NODE_PATH=/tmp/shots/node_modules SITE=http://127.0.0.1:5090 node tools/screenshots.js
// then: pngquant --force --skip-if-larger --ext .png docs/screenshots/*.png
const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
  const base = process.env.SITE || 'http://127.0.0.1:5090';
  const out = require('path').join(__dirname, '..', 'docs', 'screenshots');
  const pages = [['home','/'],['article','/artikel/kreml-lehnt-internationale-truppen-in-ukraine-strikt-ab'],['ressort','/ressort/politik'],['tag','/thema/ukraine'],['search','/suche?q=Ukriane'],['impressum','/impressum']];
  for (const [name, path] of pages) {
    for (const scheme of ['light','dark']) {
      for (const width of [1280, 375]) {
        const page = await browser.newPage({ viewport: { width, height: width === 1280 ? 900 : 812 }, colorScheme: scheme });
        await page.goto(base + path, { waitUntil: 'networkidle' });
        // Lazy pictures load as they come into view: scroll through once, as a reader would.
        await page.evaluate(async () => { for (let y = 0; y < document.body.scrollHeight; y += 400) { window.scrollTo(0, y); await new Promise(r => setTimeout(r, 60)); } window.scrollTo(0, 0); });
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${out}/${name}-${scheme}-${width}.png`, fullPage: true });
        await page.close();
      }
    }
  }
  await browser.close();
})();
