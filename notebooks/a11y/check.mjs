// Opens each HTML document given on the command line in headless Chromium (Debian's, through
// playwright-core), runs axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules, prints every
// violation and exits 1 if there is any. With --screenshot DIR, saves a PNG of the first
// screen of each (1000 x 1300 pixels), as a reader first sees it.
//   node notebooks/a11y/check.mjs [--screenshot DIR] page.html...
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const args = process.argv.slice(2);
let shots = null;
if (args[0] === "--screenshot") {
  shots = args[1];
  args.splice(0, 2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
let failed = 0;
for (const file of args) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1300 } });
  await page.goto(pathToFileURL(resolve(file)).href);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    })
  );
  for (const v of result.violations) {
    failed += 1;
    console.error(`${file}: ${v.id} (${v.impact}): ${v.help}`);
    for (const n of v.nodes.slice(0, 5)) console.error(`    ${n.target.join(" ")}: ${n.failureSummary}`);
  }
  console.log(`${file}: ${result.passes.length} rules passed, ${result.violations.length} violated`);
  if (shots) {
    await page.screenshot({ path: `${shots}/${basename(file, ".html")}.png` });
  }
  await page.close();
}
await browser.close();
process.exit(failed ? 1 : 0);
