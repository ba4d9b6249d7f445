import type { Locator, Page } from '@playwright/test';

/** One of a report's figures (`.report-figures`), by its name: its value, then the words beneath it. */
const figureDds = (page: Page, term: string): Locator =>
  page
    .locator('.report-figures > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd');

/** The value of one of the report's figures, by its name (a regular expression's source). */
export const figure = (page: Page, term: string): Locator => figureDds(page, term).first();

/** The words under one of the report's figures. */
export const figureNote = (page: Page, term: string): Locator => figureDds(page, term).nth(1);
