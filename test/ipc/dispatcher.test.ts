import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ipcContract } from '../../shared/ipc/contract';
import { AccountViewSchema } from '../../shared/otp/account';
import { OtpUriError } from '../../shared/otp/otp-errors';
import { createIpcDispatcher, type Handlers } from '../../electron/main/ipc/dispatcher';
import { VaultError } from '../../electron/main/services/vault';

const contract = {
  'test:unlock': { args: z.tuple([z.string().min(1).describe('password')]), result: z.object({ state: z.string() }) },
  'test:add': {
    args: z.tuple([z.object({ issuer: z.string(), digits: z.number().int() }).describe('account')]),
    result: AccountViewSchema,
  },
  'test:boom': { args: z.tuple([]), result: z.null() },
  'test:wrong-shape': { args: z.tuple([]), result: z.object({ count: z.number() }) },
} as const;

const account = {
  id: '5f0c6a2e-7c1b-4c89-9a3e-2a1b6f0d9c11',
  issuer: 'GitHub',
  name: 'alice',
  tags: [],
  favourite: false,
  note: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  otp: { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 },
};

function setup(overrides: Partial<Handlers<typeof contract>> = {}) {
  const report = vi.fn();
  const handlers: Handlers<typeof contract> = {
    'test:unlock': async () => ({ state: 'unlocked' }),
    // A buggy handler that returns the stored account, secret included.
    'test:add': async () => account as never,
    'test:boom': () => {
      throw Object.assign(new Error('ENOENT: no such file, open /home/alice/.config/Twofold/vault.json'), { code: 'ENOENT' });
    },
    'test:wrong-shape': () => ({ count: 'three' }) as never,
    ...overrides,
  };
  return { dispatch: createIpcDispatcher(contract, handlers, { report }), report };
}

describe('createIpcDispatcher', () => {
  it('runs the handler with the parsed arguments and wraps the result', async () => {
    const { dispatch } = setup();
    await expect(dispatch('test:unlock', ['hunter22'])).resolves.toEqual({ ok: true, value: { state: 'unlocked' } });
  });

  it('refuses bad arguments with bad-request naming the argument, without calling the handler', async () => {
    const handler = vi.fn();
    const { dispatch } = setup({ 'test:unlock': handler });
    const result = await dispatch('test:unlock', ['']);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'password' } });
    expect(!result.ok && result.error.message).toMatch(/argument "password"/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('names the nested field of an argument', async () => {
    const { dispatch } = setup();
    const result = await dispatch('test:add', [{ issuer: 'x', digits: 'six' }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request', field: 'account.digits' } });
  });

  it('refuses a wrong number of arguments and a non-array argument list', async () => {
    const { dispatch } = setup();
    expect(await dispatch('test:unlock', [])).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch('test:unlock', ['a', 'b'])).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch('test:unlock', 'hunter22')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses unknown channels, including inherited property names', async () => {
    const { dispatch } = setup();
    for (const channel of ['test:nope', '__proto__', 'constructor', 'toString']) {
      expect(await dispatch(channel, [])).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });

  it('passes domain errors through with their code, message and field', async () => {
    const { dispatch } = setup({
      'test:unlock': async () => {
        throw new VaultError('wrong-password', 'Wrong password.', 'password');
      },
    });
    expect(await dispatch('test:unlock', ['x'])).toEqual({ ok: false, error: { code: 'wrong-password', message: 'Wrong password.', field: 'password' } });

    const uri = setup({
      'test:unlock': () => {
        throw new OtpUriError('invalid-secret', 'The key contains characters that are not base32.', 'secret');
      },
    });
    expect(await uri.dispatch('test:unlock', ['x'])).toMatchObject({ ok: false, error: { code: 'invalid-secret', field: 'secret' } });
  });

  it('turns any other failure into a generic internal error: no stack, no path, no message from inside', async () => {
    const { dispatch, report } = setup();
    const result = await dispatch('test:boom', []);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/ENOENT|alice|vault\.json|at .*\.ts/);
    expect(report).toHaveBeenCalledWith('test:boom', 'handler failed', expect.any(Error));
  });

  it('parses results with the result schema, so a secret a handler returns by mistake never leaves', async () => {
    const { dispatch } = setup();
    const result = await dispatch('test:add', [{ issuer: 'GitHub', digits: 6 }]);
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('reports a result that does not match its schema and answers internal', async () => {
    const { dispatch, report } = setup();
    expect(await dispatch('test:wrong-shape', [])).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(report.mock.calls[0]?.[1]).toMatch(/count/);
  });
});

describe('the IPC contract', () => {
  it('names every channel area:verb in kebab case and names every argument', () => {
    for (const [channel, spec] of Object.entries(ipcContract)) {
      expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
      for (const item of spec.args.def.items) expect((item as z.ZodType).description, `${channel} argument`).toBeTruthy();
    }
  });

  it('takes an OTP secret (a key or an otpauth URI) only where the user adds an account', () => {
    const secretBearing = Object.entries(ipcContract)
      .filter(([, spec]) => JSON.stringify(z.toJSONSchema(spec.args, { unrepresentable: 'any' })).match(/"secret":\{|"description":"uri"/))
      .map(([channel]) => channel);
    expect(secretBearing.sort()).toEqual(['accounts:add', 'accounts:add-uri']);
  });
});
