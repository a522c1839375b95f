// examples/support-widget: a Norwegian bike shop's customer service page.
// Opt-in, a Norwegian box banner and a floating settings button. A support
// chat and its quality-review tool need "preferences" consent (gated by their
// service ids); an embedded video needs "marketing" consent, and stands behind
// a placeholder whose button allows that one service only. Everything through
// clicks and keys, as a visitor does it.
import { cookieNames, expect, inspector, test } from '../demo';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** The Norwegian texts the banner and the preferences show. */
const nb: Record<string, string> = JSON.parse(readFileSync(new URL('../../../locales/nb.json', import.meta.url), 'utf8'));

const CHAT = 'widget.supportly.example';
const REVIEW = 'review.supportly.example';
const VIDEO = 'player.videohost.example';
const CHAT_URL = `https://${CHAT}/chat.js`;
const REVIEW_URL = `https://${REVIEW}/review.js`;
const VIDEO_URL = `https://${VIDEO}/embed/gir-justering`;

const banner = (page: Page) => page.getByRole('region', { name: nb['banner.title'] });
const preferences = (page: Page) => page.getByRole('dialog', { name: nb['preferences.title'] });
const floating = (page: Page) => page.getByRole('button', { name: nb['button.settings'], exact: true });
const placeholder = (page: Page) => page.locator('[data-placeholder=videohost]');
const showVideo = (page: Page) => page.getByRole('button', { name: 'Vis video fra VideoHost' });
const video = (page: Page) => page.getByTitle('Video: slik justerer du girene');
const chatLauncher = (page: Page) => page.getByRole('button', { name: 'Chat med kundeservice' });

/** Banner → Tilpass → the preferences switch on → Lagre valg. */
async function acceptPreferencesOnly(page: Page) {
  await banner(page).getByRole('button', { name: nb['button.preferences'], exact: true }).click();
  const dialog = preferences(page);
  await expect(dialog).toBeVisible();
  const chat = dialog.getByRole('switch', { name: nb['category.preferences'] });
  await expect(chat).not.toBeChecked();
  await expect(dialog.getByRole('switch', { name: nb['category.marketing'] })).not.toBeChecked();
  await chat.check();
  await dialog.getByRole('button', { name: nb['button.save'], exact: true }).click();
  await expect(dialog).toBeHidden();
}

test.beforeEach(async ({ page, demo }) => {
  await page.goto('/support-widget/');
  await expect(banner(page)).toBeVisible();
  expect(demo.unexpected).toEqual([]);
});

test.afterEach(async ({ demo }) => {
  expect(demo.errors).toEqual([]);
  expect(demo.exceptions).toEqual([]);
  expect(demo.unexpected).toEqual([]);
});

test('asks in Norwegian, and loads no chat, review tool or video and sets no cookie before consent', async ({ page, demo }) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(banner(page).getByRole('button')).toHaveText([nb['button.acceptAll'], nb['button.rejectAll'], nb['button.preferences']]);
  await expect(inspector(page, 'allowed')).toHaveText('necessary');
  await expect(inspector(page, 'decided')).toHaveText('false / false');
  const gated = inspector(page, 'gated');
  await expect(gated).toContainText(`waiting  supportly-chat  script ${CHAT_URL}`);
  await expect(gated).toContainText(`waiting  supportly-review  script ${REVIEW_URL}`);
  await expect(gated).toContainText(`waiting  videohost  iframe ${VIDEO_URL}`);
  // The placeholder says who the video is from; the player itself is not there.
  await expect(placeholder(page)).toBeVisible();
  await expect(placeholder(page)).toContainText('VideoHost');
  await expect(showVideo(page)).toBeVisible();
  await expect(video(page)).toBeHidden();
  await expect(page.locator('[data-chat-note]')).toBeVisible();
  await page.waitForTimeout(300);
  expect(demo.to(CHAT)).toEqual([]);
  expect(demo.to(REVIEW)).toEqual([]);
  expect(demo.to(VIDEO)).toEqual([]);
  await expect(chatLauncher(page)).toHaveCount(0);
  await expect(inspector(page, 'ran')).toHaveText('(none)');
  expect(await cookieNames(page)).toEqual([]);
});

test('allowing preferences only loads the chat, then its review tool, with their cookies, but not the video; the chat works', async ({ page, demo }) => {
  await acceptPreferencesOnly(page);
  await expect(banner(page)).toBeHidden();
  await expect(inspector(page, 'allowed')).toHaveText('necessary, preferences');
  await expect(inspector(page, 'decided')).toHaveText('true / true');

  // Both ran, the chat first (document order).
  await expect(inspector(page, 'ran')).toHaveText('chat.js, review.js');
  await expect.poll(() => demo.requests.filter((url) => url == CHAT_URL || url == REVIEW_URL)).toEqual([CHAT_URL, REVIEW_URL]);
  await expect.poll(() => cookieNames(page)).toEqual(['samtykke', 'supportly_review', 'supportly_session']);

  // The chat's launcher is in the chat card, and answers a click.
  const launcher = page.locator('[data-chat-mount]').getByRole('button', { name: 'Chat med kundeservice' });
  await expect(launcher).toBeVisible();
  await expect(page.locator('[data-chat-note]')).toBeHidden();
  await launcher.click({ timeout: 5000 });
  await expect(page.locator('[data-chat-mount]').getByRole('button', { name: 'Kundeservice svarer snart…' })).toBeVisible();

  // The video still waits behind its placeholder.
  await expect(inspector(page, 'gated')).toContainText(`waiting  videohost  iframe ${VIDEO_URL}`);
  await expect(placeholder(page)).toBeVisible();
  await expect(video(page)).toBeHidden();
  await page.waitForTimeout(300);
  expect(demo.to(VIDEO)).toEqual([]);
  expect(await cookieNames(page)).not.toContain('vh_visitor');
});

test('"Vis video fra VideoHost" loads just the video, not the chat, and it is remembered while the banner still asks', async ({ page, demo }) => {
  await showVideo(page).click();
  await expect(video(page)).toBeVisible();
  await expect(placeholder(page)).toBeHidden();
  await expect.poll(() => demo.to(VIDEO)).toEqual([VIDEO_URL]);
  await expect(video(page).contentFrame().getByText('Video player')).toBeVisible();
  await expect(inspector(page, 'gated')).toContainText('ran      videohost  iframe');
  // One service, not its category, and nothing else.
  await expect(inspector(page, 'allowed')).toHaveText('necessary');
  await expect(inspector(page, 'record')).toContainText('"videohost": true');
  await expect(inspector(page, 'record')).toContainText('"marketing": false');
  await expect(inspector(page, 'record')).toContainText('"supportly-chat": false');
  await expect(inspector(page, 'gated')).toContainText(`waiting  supportly-chat  script ${CHAT_URL}`);
  await expect(inspector(page, 'gated')).toContainText(`waiting  supportly-review  script ${REVIEW_URL}`);
  // The chat and marketing categories are still undecided, so the banner still asks.
  await expect(banner(page)).toBeVisible();
  await expect(inspector(page, 'decided')).toHaveText('false / true');

  // A reload: the video is there at once, the banner still asks about the rest.
  await page.reload();
  await expect(banner(page)).toBeVisible();
  await expect(video(page)).toBeVisible();
  await expect(placeholder(page)).toBeHidden();
  await expect.poll(() => demo.to(VIDEO)).toEqual([VIDEO_URL, VIDEO_URL]);
  await expect(video(page).contentFrame().getByText('Video player')).toBeVisible();
  await expect(inspector(page, 'allowed')).toHaveText('necessary');
  await expect(inspector(page, 'decided')).toHaveText('false / true');
  await page.waitForTimeout(300);
  expect(demo.to(CHAT)).toEqual([]);
  expect(demo.to(REVIEW)).toEqual([]);
  await expect(chatLauncher(page)).toHaveCount(0);
  expect(await cookieNames(page)).toEqual(['samtykke']);
});

test('Avvis alle loads nothing, also after a reload, and the floating button reopens the preferences', async ({ page, demo }) => {
  await banner(page).getByRole('button', { name: nb['button.rejectAll'], exact: true }).click();
  await expect(banner(page)).toBeHidden();
  await expect(inspector(page, 'decided')).toHaveText('true / true');
  await expect(inspector(page, 'allowed')).toHaveText('necessary');
  await expect(floating(page)).toBeVisible();

  await page.reload();
  await expect(inspector(page, 'decided')).toHaveText('true / true');
  await expect(banner(page)).toHaveCount(0);
  await expect(floating(page)).toBeVisible();
  await expect(placeholder(page)).toBeVisible();
  await expect(video(page)).toBeHidden();
  await page.waitForTimeout(300);
  expect(demo.to(CHAT)).toEqual([]);
  expect(demo.to(REVIEW)).toEqual([]);
  expect(demo.to(VIDEO)).toEqual([]);
  await expect(chatLauncher(page)).toHaveCount(0);
  expect(await cookieNames(page)).toEqual(['samtykke']);

  // The floating button opens the preferences, with the refusal shown.
  await floating(page).click();
  const dialog = preferences(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('switch', { name: nb['category.necessary'] })).toBeDisabled();
  await expect(dialog.getByRole('switch', { name: nb['category.preferences'] })).not.toBeChecked();
  await expect(dialog.getByRole('switch', { name: nb['category.marketing'] })).not.toBeChecked();
});

test('withdrawing the chat from the floating button deletes its and the review tool\'s cookies, and records the change', async ({ page }) => {
  await acceptPreferencesOnly(page);
  await expect.poll(() => cookieNames(page)).toEqual(['samtykke', 'supportly_review', 'supportly_session']);
  await expect(inspector(page, 'record')).toContainText('"preferences": true');

  await floating(page).click();
  const dialog = preferences(page);
  await expect(dialog).toBeVisible();
  const chat = dialog.getByRole('switch', { name: nb['category.preferences'] });
  await expect(chat).toBeChecked();
  await chat.uncheck();
  await dialog.getByRole('button', { name: nb['button.save'], exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect.poll(() => cookieNames(page)).toEqual(['samtykke']);
  await expect(inspector(page, 'allowed')).toHaveText('necessary');
  await expect(inspector(page, 'decided')).toHaveText('true / true');
  await expect(inspector(page, 'record')).toContainText('"preferences": false');
  await expect(inspector(page, 'record')).toContainText('"supportly-chat": false');
  await expect(inspector(page, 'record')).toContainText('"supportly-review": false');
  await expect(page.locator('[data-chat-note]')).toBeVisible();
});

test('the placeholder button is reached with Tab and works with Enter', async ({ page, demo }) => {
  const button = showVideo(page);
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await button.evaluate((element) => element == document.activeElement);
  }
  expect(reached, 'Tab reaches "Vis video fra VideoHost"').toBe(true);
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(video(page)).toBeVisible();
  await expect(placeholder(page)).toBeHidden();
  await expect.poll(() => demo.to(VIDEO)).toEqual([VIDEO_URL]);
  await expect(inspector(page, 'allowed')).toHaveText('necessary');
  await page.waitForTimeout(300);
  expect(demo.to(CHAT)).toEqual([]);
});
