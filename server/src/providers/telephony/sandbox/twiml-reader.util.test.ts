import { describe, expect, it } from 'vitest';
import { readTwiml, TwimlError } from './twiml-reader.util';

describe('readTwiml', () => {
  it('reads a Dial with its attributes and Number noun', () => {
    const response = readTwiml(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Dial callerId="+15005550006" timeLimit="120" ' +
        'action="http://x/a?b=1&amp;c=2"><Number statusCallbackEvent="initiated ringing">+447400123456</Number>' +
        '</Dial></Response>',
    );
    const [dial] = response.children;
    expect(dial?.name).toBe('Dial');
    expect(dial?.attributes).toEqual({
      callerId: '+15005550006',
      timeLimit: '120',
      action: 'http://x/a?b=1&c=2',
    });
    expect(dial?.children[0]).toMatchObject({
      name: 'Number',
      attributes: { statusCallbackEvent: 'initiated ringing' },
      text: '+447400123456',
    });
  });

  it('reads Say text with entities and a self-closing Hangup', () => {
    const response = readTwiml(
      '<Response>\n  <Say>You don&apos;t have &#x41; &lt;credit&gt;</Say>\n<Hangup/></Response>',
    );
    expect(response.children.map((child) => child.name)).toEqual(['Say', 'Hangup']);
    expect(response.children[0]?.text).toBe("You don't have A <credit>");
  });

  it('refuses what Twilio could not read', () => {
    for (const bad of ['', '<Response><Say>hi</Response>', '<Other/>', '<Response/><Response/>', 'text']) {
      expect(() => readTwiml(bad)).toThrow(TwimlError);
    }
  });
});
