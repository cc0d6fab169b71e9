import { describe, expect, it } from 'vitest';
import { seatInviteMail } from './identity.templates';
import { renderMail } from './layout.templates';

describe('renderMail', () => {
  it('escapes everything it puts into HTML', () => {
    const mail = renderMail('test', 'Hi', {
      preview: '<b>',
      heading: 'Tom & "Jerry"',
      paragraphs: ['<script>alert(1)</script>'],
      action: { label: 'Go', url: 'https://x.test/?a=1&b="2"' },
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&#60;script&#62;');
    expect(mail.html).toContain('Tom &#38; &#34;Jerry&#34;');
    expect(mail.html).toContain('href="https://x.test/?a=1&#38;b=&#34;2&#34;"');
    expect(mail.text).toContain('Go: https://x.test/?a=1&b="2"');
  });

  it('names the company and the inviter in a seat invitation, and its lifetime', () => {
    const mail = seatInviteMail({
      url: 'https://m.test/magic/abc',
      companyName: 'Initech',
      inviterEmail: 'bill@initech.test',
      expiresInDays: 7,
    });
    expect(mail.subject).toBe("You're invited to call with Initech on Mobayilo");
    expect(mail.text).toContain('bill@initech.test gave you a seat in Initech');
    expect(mail.text).toContain('expires in 7 days');
  });
});
