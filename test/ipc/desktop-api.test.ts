import { describe, expect, it, vi } from 'vitest';
import { ipcChannelNames, ipcEventNames } from '../../shared/ipc/contract';
import { apiPathOf, buildDesktopApi } from '../../shared/ipc/desktop-api';

describe('window.twofold, built from the contract', () => {
  it('maps area:verb channels to area.camelVerb methods', () => {
    expect(apiPathOf('vault:change-password')).toEqual(['vault', 'changePassword']);
    expect(apiPathOf('codes:hotp-next')).toEqual(['codes', 'hotpNext']);
    expect(apiPathOf('accounts:list')).toEqual(['accounts', 'list']);
    expect(() => apiPathOf('nocolon')).toThrow(/area:verb/);
  });

  it('has one function per channel that forwards the channel and its arguments, and nothing else', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: null }));
    const api = buildDesktopApi(ipcChannelNames, ipcEventNames, invoke, () => () => {});
    await api.vault.unlock('hunter22');
    await api.accounts.update('id-1', { favourite: true });
    expect(invoke.mock.calls).toEqual([
      ['vault:unlock', ['hunter22']],
      ['accounts:update', ['id-1', { favourite: true }]],
    ]);
    const methods = Object.entries(api).flatMap(([area, group]) => (typeof group === 'function' ? [area] : Object.keys(group as object).map((m) => `${area}.${m}`)));
    expect(methods).toHaveLength(ipcChannelNames.length + 1);
    expect(Object.keys(api)).not.toContain('invoke');
  });

  it('subscribes to known events only and returns the unsubscribe', () => {
    const off = vi.fn();
    const subscribe = vi.fn(() => off);
    const api = buildDesktopApi(ipcChannelNames, ipcEventNames, async () => null, subscribe);
    const listener = () => {};
    expect(api.on('vault:changed', listener)).toBe(off);
    expect(subscribe).toHaveBeenCalledWith('vault:changed', listener);
    expect(() => (api.on as (e: string, l: () => void) => unknown)('ipc:anything', listener)).toThrow(/Unknown event/);
  });

  it('refuses a channel area named "on" (it would shadow the event API)', () => {
    expect(() => buildDesktopApi(['on:thing'], [], async () => null, () => () => {})).toThrow(/reserved/);
  });
});
