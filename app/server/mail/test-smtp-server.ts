/**
 * Test helper: an SMTP server in the test's own process (smtp-server), on a free port, that keeps every
 * mail it accepts (parsed with mailparser, as a mail program would read it). It takes one user and
 * password, refuses mailboxes listed in `refuse`, and can be stopped to play an unreachable server.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import type { SmtpConfig } from './smtp-settings.ts';

export interface Received {
  envelopeTo: string[];
  mail: ParsedMail;
}

export interface TestSmtp {
  port: number;
  received: Received[];
  /** Mailboxes the server answers 550 for. */
  refuse: Set<string>;
  config: (overrides?: Partial<SmtpConfig>) => SmtpConfig;
  close: () => Promise<void>;
}

export const SMTP_USER = 'reports';
export const SMTP_PASSWORD = 'right-password';

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, done) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return done(null, { user: auth.username });
      done(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, done) {
      if (refuse.has(address.address.toLowerCase())) return done(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }));
      done();
    },
    onData(stream, session, done) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          done();
        })
        .catch(done);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    refuse,
    config: (overrides = {}) => ({ host: '127.0.0.1', port, tls: 'none', username: SMTP_USER, password: SMTP_PASSWORD, from_address: 'callboard@city.example', ...overrides }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}
