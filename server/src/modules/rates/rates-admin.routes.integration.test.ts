import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../../../test/support/accounts';
import { createHttpClient, type HttpClient } from '../../../test/support/http-client';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { waitFor } from '../../../test/support/wait';
import { rates } from './tables';

describe('rate administration', () => {
  let t: TestApp;
  let admin: HttpClient;
  const origin = 'http://localhost:3000';

  beforeAll(async () => {
    t = await createTestApp({ work: true, env: { ADMIN_EMAILS: 'rates-admin@mobayilo.test' } });
    await t.modules.rates.start();
    admin = createHttpClient(t.app, { origin });
    await signUp(admin, { email: 'rates-admin@mobayilo.test' });
  });
  afterAll(async () => {
    await t.close();
  });

  const csv = [
    'prefix,country,destination,individual,company',
    '4477,GB,United Kingdom — Mobile (77),0.2,0.15',
  ].join('\n');

  it('is closed to everyone but platform admins', async () => {
    expect((await createHttpClient(t.app, { origin }).post('/api/admin/rates/yaml')).statusCode).toBe(401);
    const user = createHttpClient(t.app, { origin });
    await signUp(user, { email: uniqueEmail() });
    for (const url of [
      '/api/admin/rates/yaml',
      '/api/admin/rates/csv/preview',
      '/api/admin/rates/csv',
      '/api/admin/rates/sync',
    ]) {
      expect((await user.post(url, { csv })).statusCode).toBe(403);
    }
  });

  it('loads the YAML deck again without changing prices already in force', async () => {
    const response = await admin.post('/api/admin/rates/yaml');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ added: 0, changed: 0 });
    expect(response.json().unchanged).toBeGreaterThan(100);
  });

  it('previews a CSV import without writing, then applies it', async () => {
    const before = await t.modules.rates.service.quote('+447712345678', 'individual');
    const preview = await admin.post('/api/admin/rates/csv/preview', { csv });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ added: 2, errors: [] });
    expect(await t.modules.rates.service.quote('+447712345678', 'individual')).toEqual(before);

    const applied = await admin.post('/api/admin/rates/csv', { csv });
    expect(applied.json()).toMatchObject({ added: 2 });
    const after = await t.modules.rates.service.quote('+447712345678', 'individual');
    expect(after).toMatchObject({ priced: true, rateMicros: 200_000 });
    expect((await admin.post('/api/admin/rates/csv', { csv })).json()).toMatchObject({
      added: 0,
      changed: 0,
      unchanged: 2,
    });
  });

  it('answers row-level errors in the preview, and refuses to apply a file with any', async () => {
    const bad = [
      'prefix,country,destination,individual,company',
      '4477,GB,Mobile,abc,0.1',
      '99,ZZ,Nowhere,0.1,0.1',
    ].join('\n');
    const preview = (await admin.post('/api/admin/rates/csv/preview', { csv: bad })).json();
    expect(preview.errors.map((error: { row: number }) => error.row)).toEqual(expect.arrayContaining([2, 3]));
    const applied = await admin.post('/api/admin/rates/csv', { csv: bad });
    expect(applied.statusCode).toBe(422);
    expect(applied.json().error.code).toBe('invalid_rates');
    const empty = await admin.post('/api/admin/rates/csv', { csv: '' });
    expect(empty.json().error.code).toBe('validation_failed');
  });

  it('queues a provider price sync that sets costs from the sandbox price list', async () => {
    const response = await admin.post('/api/admin/rates/sync', { countries: ['fr'] });
    expect(response.statusCode).toBe(202);
    const synced = await waitFor(async () => {
      const rows = await t.db
        .select()
        .from(rates)
        .where(and(eq(rates.country, 'FR'), eq(rates.source, 'twilio'), isNull(rates.effectiveTo)));
      return rows.length > 0 ? rows : undefined;
    }, 15_000);
    // Price = the provider's cost plus the plan's markup (40 % individual, 25 % company by default).
    for (const row of synced) {
      expect(row.costMicros).toBeGreaterThan(0);
      const percent = row.plan === 'individual' ? 140 : 125;
      expect(row.priceMicros).toBe(Math.ceil(((row.costMicros ?? 0) * percent) / 100));
    }
  });
});
