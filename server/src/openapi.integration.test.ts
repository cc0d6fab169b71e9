import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/support/test-app';

describe('the OpenAPI document of the whole product', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('describes every module’s routes, generated from their schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    for (const path of [
      '/api/me',
      '/api/auth/email',
      '/api/account/seats',
      '/api/wallet',
      '/api/wallet/transactions',
      '/api/wallet/topups',
      '/api/rates/{iso}',
      '/api/calls/token',
      '/api/calls/quote',
      '/api/admin/accounts/{id}/adjustments',
    ]) {
      expect(paths, path).toContain(path);
    }
    const topup = response.json().paths['/api/wallet/topups'].post;
    expect(topup.requestBody.content['application/json'].schema.required).toContain('amountCents');
  });
});
