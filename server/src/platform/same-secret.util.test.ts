import { describe, expect, it } from 'vitest';
import { sameSecret } from './same-secret.util';

describe('sameSecret', () => {
  it('is true only for the same bytes, as text or as a buffer', () => {
    expect(sameSecret('s3cr3t-token', 's3cr3t-token')).toBe(true);
    expect(sameSecret(Buffer.from('abc'), 'abc')).toBe(true);
    expect(sameSecret('s3cr3t-token', 's3cr3t-tokem')).toBe(false);
    expect(sameSecret('s3cr3t-token', 's3cr3t-token-longer')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
    expect(sameSecret('é', Buffer.from('e'))).toBe(false);
  });
});
