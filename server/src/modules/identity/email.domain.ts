/** Rules about email addresses and the domains companies claim. Pure; unit-tested. */

/** Webmail providers anyone can register at: never a company's domain. */
const publicMailDomains = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'live.com',
  'live.co.uk',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.fr',
  'yahoo.de',
  'yahoo.co.jp',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'zoho.com',
  'fastmail.com',
  'hey.com',
  'tutanota.com',
  'tuta.io',
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'naver.com',
  'daum.net',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'libero.it',
  'virgilio.it',
  'btinternet.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'rediffmail.com',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
  'bol.com.br',
  'uol.com.br',
  'terra.com.br',
  'hushmail.com',
  'inbox.com',
  'mailinator.com',
]);

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export function isPublicMailDomain(domain: string): boolean {
  return publicMailDomains.has(domain.toLowerCase());
}

/** The domain a new company claims for its seats: its founder's, unless that is public webmail. */
export function companyDomainFor(founderEmail: string): string | null {
  const domain = domainOf(founderEmail);
  return isPublicMailDomain(domain) ? null : domain;
}

/** "Ada Lovelace's account" style names for individual accounts, from the address. */
export function individualAccountName(email: string): string {
  const local = email.slice(0, email.lastIndexOf('@'));
  return local.length > 0 ? local : email;
}
