import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './support/browser';

describe('the pricing calculator', () => {
  const browser = useBrowser();

  it('lets a visitor search "united k", pick the UK and see mobile and landline prices', async () => {
    const { page, errors, context } = await openPage(browser());
    await page.goto('/');
    const search = page.getByRole('combobox', { name: 'Where do you want to call?' });
    await search.fill('united k');
    const listbox = page.getByRole('listbox', { name: 'Countries' });
    await listbox.waitFor();
    expect(await listbox.getByRole('option').allTextContents()).toEqual([
      expect.stringContaining('United Kingdom'),
    ]);
    await listbox.getByRole('option', { name: /United Kingdom/ }).click();

    const results = page.getByRole('heading', { name: /Calling United Kingdom \(\+44\)/ });
    await results.waitFor();
    const cards = page.getByTestId('destination');
    const texts = await cards.allTextContents();
    expect(texts).toHaveLength(2);
    const landline = texts.find((text) => text.includes('United Kingdom — Landline'));
    const mobile = texts.find((text) => text.includes('United Kingdom — Mobile'));
    expect(landline).toMatch(/Individual\$0\.021\/minCompany seat\$0\.019\/min/);
    expect(mobile).toMatch(/Individual\$0\.049\/minCompany seat\$0\.044\/min/);
    expect(mobile).toMatch(/\$5 buys 102 min · \$20 buys 408 min · \$100 buys 2,040 min/);

    await page.locator('label').filter({ hasText: 'Company seat' }).click();
    expect(await page.getByRole('radio', { name: 'Company seat' }).isChecked()).toBe(true);
    expect(await cards.filter({ hasText: 'Mobile' }).textContent()).toMatch(/Company seat: \$5 buys 113 min/);

    await screenshot(page, 'pricing-uk-mobile');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works from the keyboard alone, by dialing code', async () => {
    const { page, errors, context } = await openPage(browser());
    await page.goto('/');
    const search = page.getByRole('combobox', { name: 'Where do you want to call?' });
    await search.focus();
    await page.keyboard.type('+49');
    expect(await search.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await search.getAttribute('aria-activedescendant')).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Calling Germany \(\+49\)/ }).waitFor();
    expect(await search.inputValue()).toBe('Germany');
    expect(await search.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Escape');
    expect(await search.inputValue()).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds countries by the names people type, and prices a pasted number on /pricing', async () => {
    const { page, errors, context } = await openPage(browser());
    await page.goto('/pricing');
    const search = page.getByRole('combobox', { name: 'Where do you want to call?' });
    const listbox = page.getByRole('listbox', { name: 'Countries' });
    await search.fill('UK');
    await listbox.waitFor();
    expect((await listbox.getByRole('option').allTextContents())[0]).toContain('United Kingdom');
    await search.fill('USA');
    expect(await listbox.getByRole('option').allTextContents()).toEqual([
      expect.stringContaining('United States'),
    ]);
    await search.fill('uae');
    expect(await listbox.getByRole('option').allTextContents()).toEqual([
      expect.stringContaining('United Arab Emirates'),
    ]);

    await search.fill('+1 202 555 0115');
    await page.getByRole('heading', { name: /Calling United States \(\+1\)/ }).waitFor();
    expect(await page.getByTestId('number-price').textContent()).toMatch(
      /^\+12025550115 is .*: \$0\.02\d*\/min$/,
    );

    // A search that matches nothing no longer shows the previous answer.
    await search.fill('Atlantis');
    await page.getByText('No country matches “Atlantis”.').waitFor();
    expect(await page.getByRole('heading', { name: /Calling/ }).count()).toBe(0);

    // Every callable country is listed, those priced at the default rate too.
    const list = page.getByTestId('country-list');
    await list.getByRole('rowheader', { name: /Cuba/ }).waitFor();
    await search.fill('cuba');
    await listbox.getByRole('option', { name: /Cuba/ }).click();
    await page.getByRole('heading', { name: /Calling Cuba \(\+53\)/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
