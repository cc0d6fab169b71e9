/**
 * The only code that writes TwiML, the instructions our voice webhook and Dial action answer Twilio (and the
 * sandbox) with.
 */
const xmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => xmlEscapes[character] ?? character);
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

function response(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}

/**
 * Bridges the browser to one phone number: the caller ID we chose, the time the hold pays for, the browser
 * hearing the far end ring (answerOnBridge), and every progress event of the dialed leg sent to our status
 * callback. The action URL hears how the dial ended. What every call shares is written once, here; the
 * function returned writes one call's dial (it answers every call setup).
 */
export function dialer(settings: { timeoutSeconds: number; actionUrl: string; statusCallbackUrl: string }) {
  const dialShared = attributes({
    timeout: settings.timeoutSeconds,
    answerOnBridge: 'true',
    action: settings.actionUrl,
    method: 'POST',
  });
  const numberShared = attributes({
    statusCallback: settings.statusCallbackUrl,
    statusCallbackMethod: 'POST',
    statusCallbackEvent: 'initiated ringing answered completed',
  });
  return (call: { number: string; callerId: string; timeLimitSeconds: number }): string => {
    const dial = attributes({ callerId: call.callerId, timeLimit: call.timeLimitSeconds });
    return response(
      `<Dial${dial}${dialShared}><Number${numberShared}>${escapeXml(call.number)}</Number></Dial>`,
    );
  };
}

/** Tells the caller why the call cannot go through, then hangs up. */
export function sayAndHangUp(message: string): string {
  return response(`<Say>${escapeXml(message)}</Say><Hangup/>`);
}

/** Ends the browser's leg once its dial is over. */
export function hangUp(): string {
  return response('<Hangup/>');
}
