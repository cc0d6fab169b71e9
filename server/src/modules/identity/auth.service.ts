import type { Database, Executor } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import { AppError } from '../../platform/errors/app.errors';
import type { Principal } from '../../platform/http/auth.guards';
import type { RateLimit } from '../../platform/http/rate-limit.adapter';
import type { JobDefinition } from '../../platform/jobs/define-job.util';
import type { JobQueue } from '../../platform/jobs/job-queue.adapter';
import type { Logger } from '../../platform/logger.adapter';
import {
  type MailService,
  magicLinkMail,
  passwordResetMail,
  signUpConfirmationMail,
  waitlistMail,
} from '../mail';
import { type BetaGate, marketingErrors } from '../marketing';
import { accountsRepository as accounts } from './accounts.repository';
import type { AccountsService } from './accounts.service';
import { type AddressProof, runAfterCommit } from './address-proof.service';
import { domainOf } from './email.domain';
import { identityErrors } from './identity.errors';
import { issueLink, linkLifetimeMs } from './links.service';
import { type LoginTokenPurpose, loginTokensRepository as loginTokens } from './login-tokens.repository';
import { hashPassword, passwordProblem, verifyAgainstDecoy, verifyPassword } from './passwords.util';
import type { RequestOrigin, SessionsService } from './sessions.service';
import type { SignInOrigin, SignIns } from './sign-ins.service';
import { hashToken } from './tokens.util';
import { usersRepository as users } from './users.repository';

export type AuthLimits = Record<
  | 'signInByIp'
  | 'signInByEmail'
  | 'signInByDevice'
  | 'linkByEmail'
  | 'linkByIp'
  | 'resetByEmail'
  | 'resetByIp',
  RateLimit
>;

export type AuthJobs = {
  emailEntry: JobDefinition<{ email: string }>;
  passwordForgot: JobDefinition<{ email: string }>;
};

export type AuthServiceDeps = {
  db: Database;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  jobs: Pick<JobQueue, 'send'>;
  mail: Pick<MailService, 'send'>;
  sessions: SessionsService;
  signIns: SignIns;
  proof: AddressProof;
  accounts: Pick<
    AccountsService,
    'createIndividualAccount' | 'createCompanyAccount' | 'ensureMembership' | 'acceptInvitation'
  >;
  limits: AuthLimits;
  /** BETA_GATE: whether a new person may become a user, and the moment an invitation is taken up. */
  gate: BetaGate;
};

const minutes = (ms: number) => Math.round(ms / 60_000);

/** The links that sign in: every kind but the password reset, which only chooses a new password. */
const linkPurposes: LoginTokenPurpose[] = ['magic_link', 'seat_invite', 'email_confirmation'];

export function createAuthService(deps: AuthServiceDeps, jobs: () => AuthJobs) {
  const { db, clock, limits } = deps;

  function assertStrongPassword(password: string, email: string) {
    const problem = passwordProblem(password, email);
    if (problem) throw identityErrors.weakPassword(problem);
  }

  /** Counts a request for an emailed link against the sender's IP and the address. */
  async function limitMailRequests(
    ip: string | null,
    email: string,
    byIp: RateLimit,
    byEmail: RateLimit,
    what: string,
  ) {
    await byIp.consume(ip ?? 'unknown');
    await byEmail.consume(
      email,
      `We have sent several ${what} to this address. Check your inbox, or wait a little.`,
    );
  }

  /**
   * Whether the beta gate holds back this address (and waitlists it). Existing users, and people joining a
   * company by its allowed domain, are let in: they, or their company, already are.
   */
  async function heldBackByGate(executor: Executor, email: string, source: string) {
    if (!deps.gate.betaGate) return false;
    if (await users.findByEmail(executor, email)) return false;
    if (await accounts.findCompanyProvisioning(executor, domainOf(email))) return false;
    return (await deps.gate.admit(executor, email, { source })) === 'waitlisted';
  }

  /** A sign-in link for a person, or for an address nobody uses yet (created when the link is used). */
  async function sendMagicLink(
    executor: Parameters<MailService['send']>[0],
    user: { id: string | null; email: string },
  ) {
    const url = await issueLink(executor, {
      userId: user.id,
      email: user.email,
      purpose: 'magic_link',
      now: clock.now(),
      publicUrl: deps.publicUrl,
    });
    await deps.mail.send(
      executor,
      user.email,
      magicLinkMail({ url, expiresInMinutes: minutes(linkLifetimeMs.magic_link) }),
    );
  }

  /**
   * Whose link this is: its person, or for a first sign-in link to a new address, that address's person —
   * created now, when the link is used (or found, if they arrived meanwhile).
   */
  async function personOf(executor: Executor, token: { userId: string | null; email: string | null }) {
    if (token.userId) return users.findById(executor, token.userId);
    if (!token.email) return undefined;
    return (
      (await users.findByEmail(executor, token.email)) ??
      (await users.insert(executor, { email: token.email, createdAt: clock.now() }))
    );
  }

  /** The sign-up confirmation: proves the address and keeps what the person set up. */
  async function sendConfirmation(
    executor: Parameters<MailService['send']>[0],
    user: { id: string; email: string },
  ) {
    await loginTokens.expireUnused(executor, user.id, 'email_confirmation', clock.now());
    const url = await issueLink(executor, {
      userId: user.id,
      purpose: 'email_confirmation',
      now: clock.now(),
      publicUrl: deps.publicUrl,
    });
    await deps.mail.send(
      executor,
      user.email,
      signUpConfirmationMail({
        url,
        expiresInDays: Math.round(linkLifetimeMs.email_confirmation / 86_400_000),
      }),
    );
  }

  return {
    /**
     * Password sign-up: a user, their account and owner membership, a session and the confirmation mail — all
     * or nothing. The address stays unproven until its owner follows the confirmation link.
     */
    async signUp(
      body: { email: string; password: string; accountType: 'individual' | 'company'; companyName?: string },
      origin: SignInOrigin,
    ) {
      assertStrongPassword(body.password, body.email);
      await limits.signInByIp.consume(origin.ip ?? 'unknown');
      // Outside the sign-up's transaction: the address stays on the waitlist although the sign-up is refused.
      if (await heldBackByGate(db, body.email, 'signup')) throw marketingErrors.waitlisted();
      const passwordHash = await hashPassword(body.password);
      return db.transaction(async (tx) => {
        const user = await users.insert(tx, { email: body.email, passwordHash, createdAt: clock.now() });
        await deps.gate.markJoined(tx, user.email);
        if (body.accountType === 'company') {
          await deps.accounts.createCompanyAccount(tx, user, body.companyName ?? body.email);
        } else {
          await deps.accounts.createIndividualAccount(tx, user);
        }
        await sendConfirmation(tx, user);
        return deps.signIns.complete(tx, user.id, origin);
      });
    },

    /** Another confirmation link for a signed-in person whose address is not proven yet. */
    async resendConfirmation(principal: Principal, origin: RequestOrigin) {
      const user = await users.findById(db, principal.user.id);
      if (!user || user.confirmedAt) return;
      await limitMailRequests(origin.ip, user.email, limits.linkByIp, limits.linkByEmail, 'links');
      await db.transaction((tx) => sendConfirmation(tx, user));
    },

    /**
     * Password sign-in for individuals and company owners/admins. Unknown addresses, seats and users without a
     * password take as long as a wrong password, and all fail the same way.
     */
    async signIn(body: { email: string; password: string }, origin: SignInOrigin) {
      await limits.signInByIp.consume(origin.ip ?? 'unknown');
      const user = await users.findByEmail(db, body.email);
      // A browser where this person signed in before has an allowance of its own, so that guesses from
      // elsewhere slow down without ever refusing them their own password.
      const device = await deps.signIns.knownDevice(db, origin.deviceToken, user?.id);
      const [limit, key] = device
        ? [limits.signInByDevice, device.tokenHash]
        : [limits.signInByEmail, body.email];
      await limit.consume(
        key,
        'Too many sign-in attempts for this address. Use an email link, or wait a little.',
      );
      const membership = user ? await accounts.activeMembershipOf(db, user.id) : undefined;
      const canUsePassword = user?.passwordHash && membership?.membership.role !== 'seat';
      const valid =
        canUsePassword && user.passwordHash
          ? await verifyPassword(user.passwordHash, body.password)
          : await verifyAgainstDecoy(body.password);
      if (!user || !valid) {
        deps.logger.info(
          { email: body.email, ip: origin.ip, known: Boolean(user) },
          'password sign-in failed',
        );
        throw identityErrors.invalidCredentials();
      }
      await limit.reset(key);
      return db.transaction(async (tx) => {
        await deps.accounts.ensureMembership(tx, user, { provisionByDomain: false });
        // A password set by someone who never proved the address must not cancel its owner's links.
        if (user.confirmedAt) await loginTokens.expireOutstanding(tx, user, clock.now());
        await deps.gate.markJoined(tx, user.email);
        return deps.signIns.complete(tx, user.id, origin);
      });
    },

    signOut(tokenHash: string) {
      return deps.sessions.end(db, tokenHash);
    },

    /**
     * The email-first entry. The answer never depends on whether the address is known: the work (finding or
     * creating the person, sending the link) happens in a job.
     */
    async requestEmailEntry(email: string, origin: RequestOrigin) {
      await limitMailRequests(origin.ip, email, limits.linkByIp, limits.linkByEmail, 'links');
      await deps.jobs.send(jobs().emailEntry, { email });
    },

    /**
     * Job: mails a sign-in link — or, when the beta gate holds the address back, tells them they are on the
     * waitlist (no link). Nothing is created for an address nobody uses yet until its link is used, so that a
     * stranger typing addresses creates no one.
     */
    async completeEmailEntry(email: string) {
      await db.transaction(async (tx) => {
        if (await heldBackByGate(tx, email, 'signin')) {
          await deps.mail.send(tx, email, waitlistMail());
          return;
        }
        const user = await users.findByEmail(tx, email);
        if (user) await deps.accounts.ensureMembership(tx, user, { provisionByDomain: true });
        await sendMagicLink(tx, user ?? { id: null, email });
      });
    },

    /**
     * Signs in with a magic link, a seat invitation or the sign-up confirmation. A link for another person than
     * the one signed in on this browser signs that person out first, and says who. The first proof of an
     * address other than the confirmation discards what an unproven party set up (see address-proof).
     */
    async consumeLink(token: string, currentSessionToken: string | undefined, origin: SignInOrigin) {
      const now = clock.now();
      const current = currentSessionToken ? await deps.sessions.authenticate(currentSessionToken) : null;
      const { after, ...result } = await db.transaction(async (tx) => {
        const used = await loginTokens.consume(tx, hashToken(token), linkPurposes, now);
        if (!used) {
          const known = await loginTokens.findByHash(tx, hashToken(token));
          if (!known || known.purpose === 'password_reset') throw identityErrors.linkInvalid();
          throw known.usedAt ? identityErrors.linkUsed() : identityErrors.linkExpired();
        }
        const user = await personOf(tx, used);
        if (!user) throw identityErrors.linkInvalid();
        const after = await deps.proof.prove(
          tx,
          user,
          used.purpose === 'email_confirmation' ? 'confirmation' : 'link',
          now,
        );
        if (used.purpose === 'seat_invite' && used.accountId) {
          await deps.accounts.acceptInvitation(tx, user, used.accountId);
        }
        await deps.accounts.ensureMembership(tx, user, { provisionByDomain: used.userId === null });
        await loginTokens.expireOutstanding(tx, user, now);
        await deps.gate.markJoined(tx, user.email);
        if (current) await deps.sessions.end(tx, current.tokenHash);
        const session = await deps.signIns.complete(tx, user.id, origin);
        return {
          ...session,
          after,
          signedOutEmail: current && current.user.id !== user.id ? current.user.email : null,
        };
      });
      await runAfterCommit(after);
      return result;
    },

    /** A fresh link for the person an expired or used link belonged to, without asking their address again. */
    async resendLink(token: string, origin: RequestOrigin) {
      const known = await loginTokens.findByHash(db, hashToken(token));
      if (!known || known.purpose === 'password_reset') return;
      const user = known.userId ? await users.findById(db, known.userId) : undefined;
      const email = user?.email ?? known.email;
      if (!email) return;
      await limitMailRequests(origin.ip, email, limits.linkByIp, limits.linkByEmail, 'links');
      await db.transaction((tx) =>
        user && known.purpose === 'email_confirmation' && !user.confirmedAt
          ? sendConfirmation(tx, user)
          : sendMagicLink(tx, user ?? { id: null, email }),
      );
    },

    /** Always accepted; the job emails a reset link only to people who can use a password. */
    async requestPasswordReset(email: string, origin: RequestOrigin) {
      await limitMailRequests(origin.ip, email, limits.resetByIp, limits.resetByEmail, 'reset links');
      await deps.jobs.send(jobs().passwordForgot, { email });
    },

    async completePasswordResetRequest(email: string) {
      const user = await users.findByEmail(db, email);
      if (!user) return;
      const membership = await accounts.activeMembershipOf(db, user.id);
      if (membership?.membership.role === 'seat') return; // seats sign in by email link only
      await db.transaction(async (tx) => {
        const url = await issueLink(tx, {
          userId: user.id,
          purpose: 'password_reset',
          now: clock.now(),
          publicUrl: deps.publicUrl,
        });
        await deps.mail.send(
          tx,
          user.email,
          passwordResetMail({ url, expiresInMinutes: minutes(linkLifetimeMs.password_reset) }),
        );
      });
    },

    /** Sets the new password from a reset link (once, within 30 minutes) and ends every other session. */
    async resetPassword(token: string, password: string, origin: SignInOrigin) {
      const known = await loginTokens.findByHash(db, hashToken(token));
      const user =
        known?.purpose === 'password_reset' && known.userId
          ? await users.findById(db, known.userId)
          : undefined;
      if (!known || !user) throw identityErrors.linkInvalid();
      assertStrongPassword(password, user.email);
      const passwordHash = await hashPassword(password);
      const now = clock.now();
      const { after, ...session } = await db.transaction(async (tx) => {
        const used = await loginTokens.consume(tx, known.tokenHash, ['password_reset'], now);
        if (!used) throw known.usedAt ? identityErrors.linkUsed() : identityErrors.linkExpired();
        const after = await deps.proof.prove(tx, user, 'reset', now);
        await users.setPasswordHash(tx, user.id, passwordHash);
        await loginTokens.expireOutstanding(tx, user, now);
        await deps.sessions.endAllOf(tx, user.id);
        return { ...(await deps.signIns.complete(tx, user.id, origin)), after };
      });
      await runAfterCommit(after);
      return session;
    },

    /** Sets or changes the password of a signed-in owner, admin or individual; other sessions end. */
    async changePassword(
      principal: Principal & { tokenHash: string },
      input: { currentPassword?: string; newPassword: string },
    ) {
      if (principal.membership.role === 'seat') {
        throw identityErrors.forbidden(
          'Seats sign in with email links; ask an admin of your company if you need more.',
        );
      }
      const user = await users.findById(db, principal.user.id);
      if (!user) throw identityErrors.notFound('Your user no longer exists.');
      if (
        user.passwordHash &&
        !(input.currentPassword && (await verifyPassword(user.passwordHash, input.currentPassword)))
      ) {
        throw new AppError('validation_failed', 'Your current password is not right.', {
          fields: [{ path: 'body.currentPassword', message: 'is not your current password' }],
        });
      }
      assertStrongPassword(input.newPassword, user.email);
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        await users.setPasswordHash(tx, user.id, passwordHash);
        await loginTokens.expireUnused(tx, user.id, 'password_reset', clock.now());
        await deps.sessions.endAllOf(tx, user.id, principal.tokenHash);
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
