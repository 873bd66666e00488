import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A private X server for screen tests: Xvfb on the first free display number from :90, stopped
 * (with every client we started on it) by `stop()`. Only processes started here are killed, by
 * their own pid.
 */
export class Xvfb {
  private readonly children: ChildProcess[] = [];

  private constructor(
    readonly display: string,
    private readonly server: ChildProcess,
  ) {}

  static async start(size = '1920x1080x24'): Promise<Xvfb> {
    for (let n = 90; n < 120; n++) {
      if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
      const server = spawn('Xvfb', [`:${n}`, '-screen', '0', size, '-nolisten', 'tcp'], { stdio: 'ignore' });
      const up = await waitFor(() => existsSync(`/tmp/.X11-unix/X${n}`) || server.exitCode !== null, 10_000);
      if (up && server.exitCode === null) return new Xvfb(`:${n}`, server);
      server.kill();
    }
    throw new Error('Could not start Xvfb on any display from :90 to :119.');
  }

  /** Runs an X client on this display (e.g. ImageMagick's `display`); it is killed by stop(). */
  run(command: string, args: string[]): ChildProcess {
    const child = spawn(command, args, { stdio: 'ignore', env: { ...process.env, DISPLAY: this.display } });
    this.children.push(child);
    return child;
  }

  async stop(): Promise<void> {
    for (const child of [...this.children, this.server]) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    }
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}
