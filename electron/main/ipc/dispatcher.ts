import type { z } from 'zod';
import type { ChannelMap, ChannelSpec } from '../../../shared/ipc/channel-types';
import { err, ok, type AppError, type Result } from '../../../shared/result';
import { INTERNAL_ERROR, toAppError } from './error-mapping';

/** A handler receives the parsed arguments and returns (or resolves to) the result. */
export type Handler<C extends ChannelSpec> = (...args: z.output<C['args']>) => z.input<C['result']> | Promise<z.input<C['result']>>;

/** One handler per channel of the contract: TypeScript refuses a missing or mistyped one. */
export type Handlers<M extends ChannelMap> = { readonly [K in keyof M]: M[K] extends ChannelSpec ? Handler<M[K]> : never };

export type IpcDispatch = (channel: string, rawArgs: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /**
   * Where failures that are not domain errors are reported (main-process log). Never pass the
   * arguments here: they can hold passwords and keys.
   */
  report?: (channel: string, problem: string, error?: unknown) => void;
}

/**
 * The transport-independent core of IPC: `ipcMain.handle` (register-handlers.ts) and the e2e
 * harness's `page.exposeBinding` both call it, so the channel table, validation and error
 * mapping under test are the ones the app runs.
 *
 * - Arguments are untrusted: parsed as `unknown` against the channel's tuple schema; a failure is
 *   a 'bad-request' that names the argument (its `.describe()` name) and the problem.
 * - Thrown domain errors become `{ ok: false, error: { code, message, field } }`; anything else
 *   becomes 'internal' with no stack or message from inside.
 * - Results are parsed with the result schema before they leave. Zod objects drop unknown keys,
 *   so even a handler bug that returned a whole `Account` would send an `AccountView`: the
 *   secret cannot ride along (defence in depth for DESIGN.md's "the renderer never sees a
 *   secret"). A result that does not match is a bug, reported and replaced by 'internal'.
 */
export function createIpcDispatcher<M extends ChannelMap>(contract: M, handlers: Handlers<M>, options: DispatcherOptions = {}): IpcDispatch {
  const report = options.report ?? ((channel, problem, error) => console.error(`[ipc] ${channel}: ${problem}`, error ?? ''));

  return async (channel, rawArgs) => {
    if (!Object.hasOwn(contract, channel)) {
      return err({ code: 'bad-request', message: `Unknown IPC channel "${String(channel).slice(0, 80)}".` });
    }
    const spec = contract[channel as keyof M] as ChannelSpec;
    const handler = handlers[channel as keyof M] as unknown as (...args: unknown[]) => unknown;
    const parsed = spec.args.safeParse(rawArgs);
    if (!parsed.success) return err(badRequest(channel, spec, parsed.error));

    let value: unknown;
    try {
      value = await handler(...(parsed.data as unknown[]));
    } catch (error) {
      const appError = toAppError(error);
      if (appError) return err(appError);
      report(channel, 'handler failed', error);
      return err(INTERNAL_ERROR);
    }

    const checked = spec.result.safeParse(value);
    if (!checked.success) {
      report(channel, `result does not match its schema: ${checked.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
      return err(INTERNAL_ERROR);
    }
    return ok(checked.data);
  };
}

/** 'bad-request' naming the argument: `vault:unlock: argument "password": Too small: …`. */
function badRequest(channel: string, spec: ChannelSpec, error: z.ZodError): AppError {
  const issue = error.issues[0];
  if (!issue) return { code: 'bad-request', message: `${channel}: invalid arguments.` };
  const [index, ...rest] = issue.path;
  if (typeof index !== 'number') {
    const expected = spec.args.def.items.length;
    return { code: 'bad-request', message: `${channel}: expected ${expected} argument${expected === 1 ? '' : 's'} (${issue.message}).` };
  }
  const item = spec.args.def.items[index] as z.ZodType | undefined;
  const name = item?.description ?? `#${index + 1}`;
  const where = rest.length > 0 ? `${name}.${rest.map(String).join('.')}` : name;
  return { code: 'bad-request', message: `${channel}: argument "${where}": ${issue.message}`, field: where };
}
