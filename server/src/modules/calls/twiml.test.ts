import { describe, expect, it } from 'vitest';
import { readTwiml } from '../../providers/telephony/sandbox/twiml-reader';
import { dialNumber, hangUp, sayAndHangUp } from './twiml';

describe('TwiML', () => {
  it('dials one number with our caller ID, the time limit, and every progress event to the status callback', () => {
    const twiml = dialNumber({
      number: '+447400123456',
      callerId: '+15005550006',
      timeLimitSeconds: 600,
      timeoutSeconds: 30,
      actionUrl: 'https://example.com/api/webhooks/twilio/dial-action?a=1&b=2',
      statusCallbackUrl: 'https://example.com/api/webhooks/twilio/status',
    });
    const [dial] = readTwiml(twiml).children;
    expect(dial?.attributes).toEqual({
      callerId: '+15005550006',
      timeLimit: '600',
      timeout: '30',
      answerOnBridge: 'true',
      action: 'https://example.com/api/webhooks/twilio/dial-action?a=1&b=2',
      method: 'POST',
    });
    expect(dial?.children).toEqual([
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
