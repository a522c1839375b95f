// Accessibility checks for the tools' own pages (the scan report, the log's
// dashboard): axe over the whole page at WCAG 2.2 AA, and WCAG 1.4.10
// Reflow at 320 px, where the page does not scroll sideways and a wide table
// scrolls in its own focusable box.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** No axe violation on the page; `what` names the view in the failure. */
export async function expectNoAxeViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`), `axe: ${what}`).toEqual([]);
}

/** At the current (320 px) width: no sideways page scroll, and the region
 * named `region` takes focus and scrolls sideways from the keyboard. */
export async function expectReflow(page: Page, region: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  const box = page.getByRole('region', { name: region });
  await box.focus();
  await expect(box).toBeFocused();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
}
