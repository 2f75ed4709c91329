import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** Decoded Subject header. */
  subject: string;
  /** Decoded text/plain part. */
  text: string;
  /** Decoded text/html part, when there is one. */
  html?: string;
  raw: string;
}

export interface LoopbackSmtp {
  /** `smtp://[user:pass@]127.0.0.1:<port>`, ready for SMTP_URL. */
  url: string;
  port: number;
  readonly messages: readonly ReceivedMail[];
  close(): Promise<void>;
}

export interface LoopbackSmtpOptions {
  /** Require AUTH PLAIN/LOGIN with these credentials (the URL carries them). */
  auth?: { user: string; pass: string };
  /** Listen on this port (e.g. to come back on the port of a server that was closed). Default: a free one. */
  port?: number;
}

/** A real SMTP server on 127.0.0.1 (no TLS) that keeps every message it accepts. */
export async function startLoopbackSmtp(options: LoopbackSmtpOptions = {}): Promise<LoopbackSmtp> {
  const messages: ReceivedMail[] = [];
  const serverOptions: SMTPServerOptions = {
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = options.auth && auth.username === options.auth.user && auth.password === options.auth.pass;
      callback(ok ? null : new Error('Invalid credentials'), ok ? { user: auth.username } : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          ...parseMessage(raw),
          raw,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined);
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  const credentials = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : '';
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `count` messages have arrived, or fails after `timeoutMs`. */
export async function waitForMessages(smtp: LoopbackSmtp, count: number, timeoutMs = 10_000): Promise<readonly ReceivedMail[]> {
  const deadline = Date.now() + timeoutMs;
  while (smtp.messages.length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${smtp.messages.length} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return smtp.messages;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitPart(raw: string): Part {
  const index = raw.search(/\r?\n\r?\n/);
  const head = index < 0 ? raw : raw.slice(0, index);
  const body = index < 0 ? '' : raw.slice(index).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return part.body;
}

function decodeQuotedPrintable(value: string): string {
  const bytes = value.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), as nodemailer writes them. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
      kind.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function lf(value: string): string {
  return value.replace(/\r\n/g, '\n');
}

function parseMessage(raw: string): { subject: string; text: string; html?: string } {
  const message = splitPart(raw);
  const subject = decodeHeader(message.headers.get('subject') ?? '');
  const type = message.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return { subject, text: lf(decodeBody(message)) };
  const parts = message.body.split(`--${boundary}`).slice(1, -1).map((chunk) => splitPart(chunk.replace(/^\r?\n/, '')));
  const find = (mime: string): Part | undefined => parts.find((part) => (part.headers.get('content-type') ?? '').toLowerCase().startsWith(mime));
  const text = find('text/plain');
  const html = find('text/html');
  return { subject, text: text ? lf(decodeBody(text)) : '', ...(html && { html: lf(decodeBody(html)) }) };
}
