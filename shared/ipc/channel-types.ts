import type { z } from 'zod';

/**
 * The shape of the IPC contract. A channel is named `'area:verb'` (STYLE.md) and declares the
 * schema of its argument list and of its result. Main validates every argument list against
 * `args` before a handler runs; replies travel as `Result<z.output<result>>` (shared/result.ts).
 *
 * Give each tuple item a `.describe('name')`: the dispatcher names the offending argument in
 * its 'bad-request' error with it.
 */
export interface ChannelSpec {
  readonly args: z.ZodTuple;
  readonly result: z.ZodType;
}

export type ChannelMap = Readonly<Record<`${string}:${string}`, ChannelSpec>>;

/** Events pushed from main to every window: `'area:changed'` with a payload schema. */
export type EventMap = Readonly<Record<`${string}:${string}`, z.ZodType>>;

export type ChannelArgs<C extends ChannelSpec> = z.input<C['args']>;
export type ChannelResult<C extends ChannelSpec> = z.output<C['result']>;
