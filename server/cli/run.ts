import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { RoleSchema } from '../../shared/admin-api';
import { createServer } from '../app';
import { resolveHashOptions } from '../crypto/password-hasher';
import { checkServerKey, openDataDir } from '../storage/open-data-dir';
import { KEY_FILE, SecretBox, loadServerKey } from '../crypto/secret-box';
import { allowOnly, parseArgs, stringOption, UsageError, type ParsedArgs } from './args';
import { addUser, auditVerifyReport, ensureInitialAdmin, notEnrolledWarning, resetMfa, setPassword, setPolicy, unlockUser } from './host-commands';
import { acquireDataDirLock } from '../storage/data-dir-lock';
import { openDatabase } from '../storage/database';
import { isLoopbackBind, parsePublicOrigin } from '../http/deployment';
import { promptPassword } from './prompt';

export const USAGE = `Usage: twofold-server <command> [--data DIR]

  serve [--host 127.0.0.1] [--port 8787] [--public-origin https://mfa.example.com]
        [--trust-proxy ADDR[,ADDR]] [--api-key-days 30]
                                             run the MFA server (see server/README.md, Security model)
  user add <name> --role admin|member        add a user (password: TWOFOLD_USER_PASSWORD or a prompt)
  user passwd <name>                         set a password; revokes the user's sessions and API keys
  mfa reset <name>                           remove a user's TOTP (recovery; bypasses the safeguard)
  mfa unlock <name>                          clear a user's code lockout and password delay
  audit verify                               check the audit log's hash chain
  policy set --mode Disabled|Optional|Required [--issuer X]
                                             set the policy (recovery; bypasses the safeguard)

--public-origin defaults to $TWOFOLD_PUBLIC_ORIGIN; it is required to listen on a non-loopback --host.
--data DIR defaults to $TWOFOLD_DATA_DIR or ~/.local/share/twofold-server. Host commands need the
server stopped (one process per data directory). --insecure-fast-hash makes password hashes cheap:
for benchmarks only, never for real accounts.`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

function dataDirOf(args: ParsedArgs, env: NodeJS.ProcessEnv): string {
  return resolve(stringOption(args, 'data') ?? env.TWOFOLD_DATA_DIR ?? join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'twofold-server'));
}

/** The self-service page: beside the sources (tsx) or two levels up from out/node (built). */
function findWebRoot(): string | null {
  const here = import.meta.dirname;
  for (const candidate of [join(here, 'web', 'public'), join(here, '..', 'web', 'public'), join(here, '..', '..', 'server', 'web', 'public')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

async function passwordFrom(env: NodeJS.ProcessEnv, prompt: string): Promise<string> {
  return env.TWOFOLD_USER_PASSWORD || promptPassword(prompt);
}

/** Runs one command; resolves with the exit code (serve resolves when the server stops). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.err((e as Error).message);
    return 2;
  }
  const [command, sub, name] = args.positionals;
  if (!command || args.options.has('help')) {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  try {
    const fast = args.options.get('insecure-fast-hash') === true;
    const passwordHashOptions = resolveHashOptions(io.env, fast);
    if (fast) io.err('WARNING: --insecure-fast-hash: password hashes are cheap to crack. Benchmarks only.');
    const dataDir = dataDirOf(args, io.env);
    if (command === 'serve') {
      allowOnly(args, ['data', 'host', 'port', 'insecure-fast-hash', 'issuer', 'public-origin', 'trust-proxy', 'api-key-days']);
      return await serve(args, io, dataDir, passwordHashOptions);
    }
    const key = `${command} ${sub ?? ''}`.trim();
    const store = () => openDataDir({ dataDir, passwordHashOptions, serverKeyText: io.env.TWOFOLD_SERVER_KEY });
    switch (key) {
      case 'user add': {
        allowOnly(args, ['data', 'role', 'insecure-fast-hash']);
        if (!name) throw new UsageError('user add <name> --role admin|member');
        const roleArg = stringOption(args, 'role');
        const role = roleArg === 'admin' ? 'server_admin' : roleArg === 'member' ? 'member' : RoleSchema.safeParse(roleArg).data;
        if (!role) throw new UsageError('--role must be admin or member.');
        const s = store();
        try {
          await addUser(s.ctx, name, role, await passwordFrom(io.env, `Password for ${name}: `));
        } finally {
          s.close();
        }
        io.out(`Added ${role === 'server_admin' ? 'Server Admin' : 'member'} ${name}.`);
        return 0;
      }
      case 'user passwd': {
        allowOnly(args, ['data', 'insecure-fast-hash']);
        if (!name) throw new UsageError('user passwd <name>');
        const s = store();
        try {
          await setPassword(s.ctx, name, await passwordFrom(io.env, `New password for ${name}: `));
        } finally {
          s.close();
        }
        io.out(`Password of ${name} changed; their sessions and API keys were revoked.`);
        return 0;
      }
      case 'mfa reset': {
        allowOnly(args, ['data']);
        if (!name) throw new UsageError('mfa reset <name>');
        const s = store();
        try {
          resetMfa(s.ctx, name);
        } finally {
          s.close();
        }
        io.out(`MFA of ${name} reset (audited as a host command).`);
        return 0;
      }
      case 'mfa unlock': {
        allowOnly(args, ['data']);
        if (!name) throw new UsageError('mfa unlock <name>');
        const s = store();
        try {
          unlockUser(s.ctx, name);
        } finally {
          s.close();
        }
        io.out(`Lockouts of ${name} cleared; their authenticator is kept (audited as a host command).`);
        return 0;
      }
      case 'audit verify': {
        allowOnly(args, ['data']);
        // The database, and the server key when there is one (never created here): the check
        // must not stop at a broken log the way a start does.
        const release = acquireDataDirLock(dataDir);
        try {
          const db = openDatabase(dataDir);
          try {
            const hasKey = (io.env.TWOFOLD_SERVER_KEY ?? '') !== '' || existsSync(join(dataDir, KEY_FILE));
            const box = hasKey ? new SecretBox(loadServerKey(dataDir, io.env.TWOFOLD_SERVER_KEY)) : null;
            if (box) checkServerKey(db, box);
            const report = auditVerifyReport(db, box);
            (report.ok ? io.out : io.err)(report.line);
            return report.ok ? 0 : 1;
          } finally {
            db.close();
          }
        } finally {
          release();
        }
      }
      case 'policy set': {
        allowOnly(args, ['data', 'mode', 'issuer']);
        const mode = stringOption(args, 'mode');
        if (!mode) throw new UsageError('policy set --mode Disabled|Optional|Required [--issuer X]');
        const s = store();
        try {
          setPolicy(s.ctx, mode, stringOption(args, 'issuer'));
          io.out(`Policy set to ${mode} (version ${s.ctx.policy.get().version}, issuer ${s.ctx.policy.get().issuer}); audited as a host command.`);
        } finally {
          s.close();
        }
        return 0;
      }
      default:
        throw new UsageError(`Unknown command "${key}".\n${USAGE}`);
    }
  } catch (e) {
    io.err(e instanceof UsageError ? e.message : `Error: ${(e as Error).message}`);
    return e instanceof UsageError ? 2 : 1;
  }
}

async function serve(args: ParsedArgs, io: CliIo, dataDir: string, passwordHashOptions: ReturnType<typeof resolveHashOptions>): Promise<number> {
  const host = stringOption(args, 'host') ?? '127.0.0.1';
  const portText = stringOption(args, 'port') ?? io.env.PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, not "${portText}".`);
  const publicOrigin = stringOption(args, 'public-origin') ?? (io.env.TWOFOLD_PUBLIC_ORIGIN || undefined);
  if (publicOrigin !== undefined) {
    try {
      parsePublicOrigin(publicOrigin);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  // Reachable from other machines without a declared origin, the server could not tell its own
  // name from a rebinding attacker's, nor set a Secure cookie: refuse rather than guess.
  if (!isLoopbackBind(host) && publicOrigin === undefined) {
    throw new UsageError(`--host ${host} is reachable from other machines: also give --public-origin (or TWOFOLD_PUBLIC_ORIGIN), the https origin clients use, e.g. --public-origin https://mfa.example.com.`);
  }
  const trustText = stringOption(args, 'trust-proxy');
  const trustProxy = trustText === undefined ? [] : trustText.split(',').map((a) => a.trim()).filter(Boolean);
  const daysText = stringOption(args, 'api-key-days') ?? io.env.TWOFOLD_API_KEY_DAYS;
  const apiKeyDays = daysText === undefined ? undefined : Number(daysText);
  if (apiKeyDays !== undefined && (!Number.isInteger(apiKeyDays) || apiKeyDays < 1 || apiKeyDays > 365)) {
    throw new UsageError(`--api-key-days must be a whole number of days from 1 to 365, not "${daysText}".`);
  }
  const server = await createServer({
    dataDir,
    passwordHashOptions,
    serverKeyText: io.env.TWOFOLD_SERVER_KEY,
    webRoot: findWebRoot(),
    defaultIssuer: stringOption(args, 'issuer'),
    logLevel: io.env.TWOFOLD_LOG_LEVEL ?? 'info',
    ...(publicOrigin === undefined ? {} : { publicOrigin }),
    trustProxy,
    ...(apiKeyDays === undefined ? {} : { apiKeyDays }),
  });
  let first: Awaited<ReturnType<typeof ensureInitialAdmin>>;
  try {
    first = await ensureInitialAdmin(server.ctx, io.env.TWOFOLD_ADMIN_PASSWORD);
  } catch (e) {
    await server.close();
    if (e instanceof UsageError) throw new UsageError(`TWOFOLD_ADMIN_PASSWORD: ${e.message} Or leave it unset to get a generated one.`);
    throw e;
  }
  if (first.generatedPassword) {
    io.out(`Created the Server Admin "admin" with the password: ${first.generatedPassword}`);
    io.out('It is shown only this once. Sign in and change it, or set TWOFOLD_ADMIN_PASSWORD on first start.');
  } else if (first.created) {
    io.out('Created the Server Admin "admin" with the password from TWOFOLD_ADMIN_PASSWORD.');
  }
  const address = await server.app.listen({ host, port });
  io.out(`Twofold MFA server listening on ${address} (data: ${dataDir})${publicOrigin ? `, public origin ${publicOrigin}` : ''}`);
  const warning = notEnrolledWarning(server.ctx);
  if (warning) io.err(warning);
  return new Promise((resolveExit) => {
    const stop = () => {
      void server.close().then(() => resolveExit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
