import { AdminClientError } from './admin-client-error';

/**
 * Checks a server address typed by the user and returns its normalized origin + path (no
 * trailing slash, no query or fragment). https is required: the API key and passwords travel
 * to it. Plain http is allowed only to this machine (loopback: 127.0.0.0/8, ::1, localhost),
 * where no network carries the traffic (RFC 6761 §6.3 reserves "localhost" for loopback).
 */
export function normalizeServerUrl(input: string): string {
  const text = input.trim();
  if (!text) throw new AdminClientError('invalid-server-url', 'Enter the address of the MFA server, for example https://mfa.example.com.', 'url');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new AdminClientError('invalid-server-url', `"${text.slice(0, 100)}" is not a web address. Use the form https://mfa.example.com.`, 'url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AdminClientError('invalid-server-url', `The address must start with https:// (not ${url.protocol}//).`, 'url');
  }
  if (url.username || url.password) {
    throw new AdminClientError('invalid-server-url', 'Leave the user name and password out of the address; you sign in on the next step.', 'url');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new AdminClientError(
      'insecure-server-url',
      `http:// is only allowed for this computer. ${url.hostname} is another machine, so use https:// to keep your password and key private.`,
      'url',
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/** 127.0.0.0/8, ::1 and localhost (and its subdomains). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return Boolean(v4 && Number(v4[1]) === 127 && v4.slice(1).every((p) => Number(p) <= 255));
}
