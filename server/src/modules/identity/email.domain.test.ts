import { describe, expect, it } from 'vitest';
import { companyDomainFor, domainOf, individualAccountName, isPublicMailDomain } from './email.domain';

describe('email domains', () => {
  it('finds the domain of an address', () => {
    expect(domainOf('ada@Example.COM')).toBe('example.com');
    expect(domainOf('"odd@local"@example.org')).toBe('example.org');
  });

  it('knows public webmail providers', () => {
    for (const domain of ['gmail.com', 'outlook.com', 'icloud.com', 'proton.me', 'GMAIL.COM']) {
      expect(isPublicMailDomain(domain)).toBe(true);
    }
    expect(isPublicMailDomain('acme.com')).toBe(false);
  });

  it('gives a company its founder’s domain unless it is webmail', () => {
    expect(companyDomainFor('boss@acme.io')).toBe('acme.io');
    expect(companyDomainFor('boss@gmail.com')).toBeNull();
  });

  it('names an individual account after the local part', () => {
    expect(individualAccountName('ada.lovelace@example.com')).toBe('ada.lovelace');
  });
});
