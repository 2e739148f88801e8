// Drives the browser example in headless Chromium (Debian's /usr/bin/chromium,
// through playwright-core, which never downloads a browser of its own).
//
//   CHAT_TOKEN=<jwt> node test/drive-chromium.mjs --page http://127.0.0.1:8081/ \
//     --server http://127.0.0.1:8080 --conversation ID --expect-body "hello from bob" \
//     [--send-body "hello from the browser"] [--transports polling,websocket|websocket] \
//     [--timeout-ms 45000] \
//     [--chromium /usr/bin/chromium] [--screenshot page.png]
//
// What it does, with one line on stdout per step, so a caller in another
// language can follow it:
//   1. opens the page with server, token and conversation in the URL hash and
//      waits until the page says it joined the conversation;
//   2. types --send-body and clicks Send, waits for the ok ack on the page,
//      then prints   SENT <the ack's Message as JSON>   and   READY
//      (the caller now makes another user send --expect-body);
//   3. waits until the page lists a received `message` event whose body is
//      --expect-body, then prints   PAGE_EVENTS <every listed event as JSON>
//      read back from the page's DOM, and exits 0.
// Any failure or the overall timeout prints FAILED <why>, the page status and
// PAGE_EVENTS, and exits 1. The token comes from the environment so that it
// stays out of process listings.
import { chromium } from 'playwright-core';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (fallback === undefined) usage(`--${name} is required`);
  return fallback;
}

function usage(problem) {
  console.error(`drive-chromium.mjs: ${problem}`);
  process.exit(2);
}

const page = option('page');
const server = option('server');
const conversation = option('conversation');
const expectBody = option('expect-body');
const sendBody = option('send-body', 'hello from the browser');
const transports = option('transports', 'polling,websocket');
const timeoutMs = Number(option('timeout-ms', '45000'));
const executablePath = option('chromium', '/usr/bin/chromium');
const screenshot = option('screenshot', '');
const token = process.env.CHAT_TOKEN ?? usage('the CHAT_TOKEN environment variable is required');
if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) usage(`--timeout-ms must be a positive integer, got "${option('timeout-ms')}"`);

// The last line of defence: whatever hangs, this process ends.
const watchdog = setTimeout(() => {
  console.log(`FAILED overall timeout of ${timeoutMs} ms`);
  process.exit(1);
}, timeoutMs);

/** Every line of the page's event list, as shown: kind, event name and the displayed JSON. */
function readEvents(tab) {
  return tab.$$eval('#events li', (items) => items.map((li) => ({
    kind: li.dataset.kind,
    event: li.dataset.event,
    payload: li.querySelector('code')?.textContent ?? '',
  })));
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  timeout: 20000,
  // Playwright gives every launch a fresh temporary user-data-dir and removes it on close.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let tab;
let exitCode = 1;
try {
  tab = await browser.newPage();
  tab.setDefaultTimeout(15000);
  tab.on('console', (msg) => console.error(`[page console.${msg.type()}] ${msg.text()}`));
  tab.on('pageerror', (err) => console.error(`[page error] ${err.message}`));

  const hash = new URLSearchParams({ server, token, conversation, transports });
  await tab.goto(`${page}#${hash}`);
  await tab.locator('#status[data-state="joined"]').waitFor();

  await tab.fill('#body', sendBody);
  await tab.click('#send');
  const ack = tab.locator('#events li[data-kind="ack"][data-event="message"]').first();
  await ack.waitFor();
  const ackJson = JSON.parse(await ack.locator('code').textContent());
  if (!ackJson.ok) throw new Error(`the server refused the page's message: ${JSON.stringify(ackJson)}`);
  console.log(`SENT ${JSON.stringify(ackJson.data)}`);
  console.log('READY');

  await tab.locator('#events li[data-kind="received"][data-event="message"] code', { hasText: expectBody })
    .first().waitFor({ timeout: timeoutMs });
  if (screenshot) await tab.screenshot({ path: screenshot, fullPage: true });
  console.log(`PAGE_EVENTS ${JSON.stringify(await readEvents(tab))}`);
  exitCode = 0;
} catch (err) {
  console.log(`FAILED ${err.message.split('\n')[0]}`);
  if (tab) {
    console.log(`PAGE_STATUS ${await tab.locator('#status').textContent().catch(() => '(unreadable)')}`);
    console.log(`PAGE_EVENTS ${JSON.stringify(await readEvents(tab).catch(() => []))}`);
  }
} finally {
  await browser.close().catch(() => {});
  clearTimeout(watchdog);
}
process.exit(exitCode);
