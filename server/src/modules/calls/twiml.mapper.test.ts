import { describe, expect, it } from 'vitest';
import { readTwiml } from '../../providers/telephony/sandbox/twiml-reader.util';
import { dialer, hangUp, sayAndHangUp } from './twiml.mapper';

describe('TwiML', () => {
  it('dials one number with our caller ID, the time limit, and every progress event to the status callback', () => {
    const dial = dialer({
      timeoutSeconds: 30,
      actionUrl: 'https://example.com/api/webhooks/twilio/dial-action?a=1&b=2',
      statusCallbackUrl: 'https://example.com/api/webhooks/twilio/status',
    });
    const twiml = dial({ number: '+447400123456', callerId: '+15005550006', timeLimitSeconds: 600 });
    const [verb] = readTwiml(twiml).children;
    expect(verb?.attributes).toEqual({
      callerId: '+15005550006',
      timeLimit: '600',
      timeout: '30',
      answerOnBridge: 'true',
      action: 'https://example.com/api/webhooks/twilio/dial-action?a=1&b=2',
      method: 'POST',
    });
    expect(verb?.children).toEqual([
      {
        name: 'Number',
        attributes: {
          statusCallback: 'https://example.com/api/webhooks/twilio/status',
          statusCallbackMethod: 'POST',
          statusCallbackEvent: 'initiated ringing answered completed',
        },
        children: [],
        text: '+447400123456',
      },
    ]);
    // Each call's own values, escaped: a second call shares nothing with the first but the settings.
    const [second] = readTwiml(
      dial({ number: '+12025550100', callerId: 'A&B', timeLimitSeconds: 60 }),
    ).children;
    expect(second?.attributes).toMatchObject({ callerId: 'A&B', timeLimit: '60', timeout: '30' });
    expect(second?.children[0]?.text).toBe('+12025550100');
  });

  it('speaks a refusal, escaped, then hangs up', () => {
    const twiml = sayAndHangUp("You don't have <enough> credit & more");
    expect(twiml).toContain('<Say>You don&apos;t have &lt;enough&gt; credit &amp; more</Say><Hangup/>');
    expect(readTwiml(twiml).children.map((verb) => [verb.name, verb.text])).toEqual([
      ['Say', "You don't have <enough> credit & more"],
      ['Hangup', ''],
    ]);
    expect(readTwiml(hangUp()).children.map((verb) => verb.name)).toEqual(['Hangup']);
  });
});
