import helmet from 'helmet';
import type { App } from './http.types';

/**
 * Twilio's Voice SDK opens a WebSocket to its signalling edge, posts call-quality events, and plays its ringing
 * tones from Twilio's CDN; everything else comes from our own origin.
 */
const twilioConnect = [
  'wss://*.twilio.com',
  'https://*.twilio.com',
  'https://media.twiliocdn.com',
  'https://sdk.twilio.com',
];

/** The dialer needs the microphone; nothing here needs the camera or location. */
const permissionsPolicy = 'microphone=(self), camera=(), geolocation=(), payment=()';

/**
 * The same security headers on every response. Helmet's middleware is built once, here: the headers depend on
 * the configuration only, so no request pays for turning the policy into header values again.
 */
export function registerSecurityHeaders(app: App, options: { hsts: boolean }): void {
  const applyHelmet = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...twilioConnect],
        mediaSrc: ["'self'", 'blob:', 'https://media.twiliocdn.com', 'https://sdk.twilio.com'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: options.hsts ? [] : null,
      },
    },
    strictTransportSecurity: options.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('permissions-policy', permissionsPolicy);
    applyHelmet(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    );
  });
}
