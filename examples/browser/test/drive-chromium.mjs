// Drives the browser example in headless Chromium (Debian's /usr/bin/chromium,
// through playwright-core, which never downloads a browser of its own).
//
//   CHAT_TOKEN=<jwt> node test/drive-chromium.mjs --page http://127.0.0.1:8081/ \
//     --server http://127.0.0.1:8080 --conversation ID --expect-body "hello from bob" \
//     [--send-body "hello from the browser"] [--transports polling,websocket|websocket] \
//     [--expect-events typing,message-read,message-edited] \
//     [--click-buttons --edit-body "edited in the browser"] [--expect-after-click message-deleted] \
//     [--timeout-ms 45000] [--chromium /usr/bin/chromium] [--screenshot page.png]
//
// What it does, with one line on stdout per step, so a caller in another
// language can follow it and play the other user:
//   1. opens the page with server, token and conversation in the URL hash and
//      waits until the page says it joined the conversation;
//   2. types --send-body and clicks Send, waits for the ok ack on the page,
//      then prints   SENT <the ack's Message as JSON>   and   READY
//      (the caller now makes another user send a message with --expect-body);
//   3. waits until the page lists a received `message` whose body is
//      --expect-body, then one received event of each name in --expect-events;
//   4. with --click-buttons: clicks Typing, Mark read, Edit my last (with
//      --edit-body) and Delete my last, each waiting for its ok ack, then
//      prints   CLICKED   and waits for each event in --expect-after-click;
//   5. prints   PAGE_EVENTS <every listed event as JSON>   read back from the
//      page's DOM, and exits 0.
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

function list(text) {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
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
const expectEvents = list(option('expect-events', ''));
const clickButtons = process.argv.includes('--click-buttons');
const editBody = option('edit-body', 'edited in the browser');
const expectAfterClick = list(option('expect-after-click', ''));
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

const entries = (kind, event) => `#events li[data-kind="${kind}"][data-event="${event}"]`;

/** Waits until the page lists a received `event`. */
async function awaitReceived(tab, event) {
  await tab.locator(entries('received', event)).first().waitFor();
}

/** Clicks a button and waits for the ack of the `event` it sends; a refused ack fails the run. */
async function clickAndAwaitAck(tab, button, event) {
  const selector = entries('ack', event);
  const before = await tab.locator(selector).count();
  await tab.click(`#${button}`);
  await tab.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length > n, [selector, before]);
  const ack = JSON.parse(await tab.locator(selector).nth(before).locator('code').textContent());
  if (!ack.ok) throw new Error(`the server refused the page's ${event}: ${JSON.stringify(ack)}`);
  return ack.data;
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
  const sent = await clickAndAwaitAck(tab, 'send', 'message');
  console.log(`SENT ${JSON.stringify(sent)}`);
  console.log('READY');

  await tab.locator(`${entries('received', 'message')} code`, { hasText: expectBody })
    .first().waitFor({ timeout: timeoutMs });
  for (const event of expectEvents) await awaitReceived(tab, event);

  if (clickButtons) {
    await clickAndAwaitAck(tab, 'typing', 'typing');
    await clickAndAwaitAck(tab, 'read', 'message-read');
    await tab.fill('#body', editBody);
    await clickAndAwaitAck(tab, 'edit', 'message-edited');
    await clickAndAwaitAck(tab, 'delete', 'message-deleted');
    console.log('CLICKED');
    for (const event of expectAfterClick) await awaitReceived(tab, event);
  }

  console.log(`PAGE_EVENTS ${JSON.stringify(await readEvents(tab))}`);
  exitCode = 0;
} catch (err) {
  console.log(`FAILED ${err.message.split('\n')[0]}`);
  if (tab) {
    console.log(`PAGE_STATUS ${await tab.locator('#status').textContent().catch(() => '(unreadable)')}`);
    console.log(`PAGE_EVENTS ${JSON.stringify(await readEvents(tab).catch(() => []))}`);
  }
} finally {
  // A picture of the page as it ended, passed or failed: the quickest way to see what went wrong.
  if (tab && screenshot) await tab.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
  await browser.close().catch(() => {});
  clearTimeout(watchdog);
}
process.exit(exitCode);
