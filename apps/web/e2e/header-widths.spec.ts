import type { Page } from '@playwright/test';
import { signIn } from './support/buying';
import { DEMO_PASSWORD, expect, test } from './support/fixtures';

/**
 * The header between a phone and a wide screen (WEB.md §3 checks 390 and 1280 px): at a tablet's widths the links of
 * a business member and of a producer, the longest the header has, stay inside the screen, none over another, and
 * their first line (the catalogue, the cart, their orders, signing out) stays one line from 1024 px.
 */
const PEOPLE = [
  { who: 'business', email: 'chef@lecomtois.example', path: '/pro/rse', items: 9 },
  { who: 'producer', email: 'fromagerie@revermont.example', path: '/producteur', items: 6 },
  { who: 'visitor', email: null, path: '/produits', items: 4 },
];

interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The header's links and buttons as laid out, each with its box. */
const headerItems = (page: Page): Promise<Box[]> =>
  page
    .getByRole('navigation', { name: 'Navigation principale' })
    .locator('.site-nav__line > a, .site-nav__line > form button')
    .evaluateAll((elements) =>
      elements.map((element) => {
        const { x, y, width, height } = element.getBoundingClientRect();
        return { name: element.textContent?.trim() ?? '', x, y, width, height };
      }),
    );

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

for (const { who, email, path, items: count } of PEOPLE)
  test(`a ${who}'s header at 768, 1024 and 1180 px: every link inside the screen, none over another`, async ({
    page,
    snap,
  }, testInfo) => {
    // One width set of its own: the mobile project would only repeat it.
    test.skip(testInfo.project.name !== 'desktop', 'the widths are set by the test');
    if (email) await signIn(page, email, DEMO_PASSWORD, path);
    for (const width of [768, 1024, 1180]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(path);
      const items = await headerItems(page);
      expect(items).toHaveLength(count);
      for (const item of items) {
        expect(item.width, `${item.name} at ${width} px`).toBeGreaterThan(0);
        expect(item.x, `${item.name} at ${width} px`).toBeGreaterThanOrEqual(0);
        expect(item.x + item.width, `${item.name} at ${width} px`).toBeLessThanOrEqual(width);
      }
      for (const [index, item] of items.entries())
        for (const other of items.slice(index + 1))
          expect(overlap(item, other), `${item.name} over ${other.name} at ${width} px`).toBe(false);
      // A visitor's few links stay beside the brand, one short header.
      if (!email) expect((await page.getByRole('banner').boundingBox())!.height).toBeLessThan(100);
      // The spaces' line stays one line (at 768 px it broke beside the brand, « Membres » alone under it).
      const rows = (boxes: Box[]) => new Set(boxes.map((item) => Math.round(item.y + item.height / 2))).size;
      const spaces = items.filter(
        (item) => !/^(Produits|Producteurs|Mes commandes|Panier|Se déconnecter|Se connecter)/.test(item.name),
      );
      if (spaces.length) expect(rows(spaces), `the spaces at ${width} px`).toBe(1);
      if (email && width >= 1024) {
        const firstLine = items.filter((item) =>
          /^(Produits|Producteurs|Mes commandes|Panier|Se déconnecter)/.test(item.name),
        );
        expect(firstLine).toHaveLength(5);
        expect(rows(firstLine)).toBe(1);
      }
      await snap(`header-${who}-${width}`);
    }
  });
