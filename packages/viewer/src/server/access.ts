import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const COOKIE = 'sightline_token';

/** True for the loopback host names and addresses. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase());
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function hostName(hostHeader: string): string {
  const match = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(hostHeader.trim());
  return match === null ? '' : match[1];
}

/**
 * Who may talk to the servers. On loopback (the default) anyone on this machine, but only under a loopback
 * `Host` name (so a web page cannot reach the servers through DNS rebinding). With another host, a random
 * token printed at start: the page takes it once as `?token=` and keeps it in an HttpOnly, SameSite=Strict
 * cookie; OTLP senders put it in `Authorization: Bearer <token>`.
 */
export class Access {
  /** The token, or undefined on loopback. */
  readonly token: string | undefined;

  constructor(readonly host: string) {
    this.token = isLoopback(host) ? undefined : randomBytes(24).toString('base64url');
  }

  /** For a page request: allowed, or why not. */
  checkPage(req: IncomingMessage): 'ok' | 'bad-host' | 'no-token' {
    if (this.token === undefined) return isLoopback(hostName(req.headers.host ?? '')) ? 'ok' : 'bad-host';
    return same(cookieValue(req.headers.cookie ?? '', COOKIE), this.token) ? 'ok' : 'no-token';
  }

  /** True when `candidate` is the token (`?token=` on the page's first load). */
  isToken(candidate: string): boolean {
    return this.token !== undefined && same(candidate, this.token);
  }

  /** The `Set-Cookie` value that keeps the token for the page's later requests. */
  cookie(): string {
    return `${COOKIE}=${this.token ?? ''}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** For an OTLP request. */
  checkReceiver(req: IncomingMessage): boolean {
    if (this.token === undefined) return isLoopback(hostName(req.headers.host ?? ''));
    const authorization = String(req.headers.authorization ?? '');
    return authorization.startsWith('Bearer ') && same(authorization.slice('Bearer '.length).trim(), this.token);
  }
}

function cookieValue(header: string, name: string): string {
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return '';
}
