// Starts the real NotificationOps app (the built Dashboard dll) on a random loopback port with a fresh
// SQLite file, and stops it again. Lives outside test/ because `node --test` runs every file under test/.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const API_KEY = 'nops_sdk_test_key_0123456789';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LISTENING = /Now listening on: (http:\/\/127\.0\.0\.1:(\d+))/;
const LOG_LINES_KEPT = 300;

/**
 * Starts the app and resolves once Kestrel reports its port.
 * @returns {Promise<{ baseUrl: string, apiUrl: string, logTail: (n?: number) => string, exited: () => boolean, stop: () => Promise<void> }>}
 */
export async function startApp({ startupTimeoutMs = 120_000 } = {}) {
  const configuration = process.env.CONFIGURATION || 'Release';
  const dllDir = join(repoRoot, 'Dashboard', 'bin', configuration, 'net10.0');
  const dll = join(dllDir, 'NotificationOps.Dashboard.dll');
  if (!existsSync(dll)) {
    throw new Error(`App not built: ${dll} does not exist. Build first: dotnet build NotificationOps.sln -c ${configuration}`);
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'nops-sdk-test-'));
  const env = {
    ...process.env,
    ASPNETCORE_ENVIRONMENT: 'Production',
    ConnectionStrings__Notifications: `Data Source=${join(dataDir, 'notifications.db')}`,
    Bootstrap__AdminEmail: 'admin@example.com',
    Bootstrap__AdminPassword: 'Admin-Passw0rd',
    Bootstrap__ApiKey: API_KEY,
    'Logging__LogLevel__Microsoft.Hosting.Lifetime': 'Information',
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
    DOTNET_NOLOGO: '1',
  };
  delete env.ASPNETCORE_URLS;

  const child = spawn('dotnet', [dll, '--urls', 'http://127.0.0.1:0'], {
    cwd: dllDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const lines = [];
  let exitInfo = null;
  const remember = (line) => {
    lines.push(line);
    if (lines.length > LOG_LINES_KEPT) lines.shift();
  };
  const logTail = (n = 60) => lines.slice(-n).join('\n');

  // Safety net: never leave the app running when the test process ends abruptly.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  const exited = new Promise((resolveExit) => {
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolveExit(exitInfo);
    });
  });

  const listening = new Promise((resolveUrl, rejectUrl) => {
    const onData = (streamName) => {
      let partial = '';
      return (chunk) => {
        partial += chunk.toString('utf8');
        const parts = partial.split(/\r?\n/);
        partial = parts.pop();
        for (const line of parts) {
          remember(`[${streamName}] ${line}`);
          const m = LISTENING.exec(line);
          if (m) resolveUrl(m[1]);
        }
      };
    };
    child.stdout.on('data', onData('out'));
    child.stderr.on('data', onData('err'));
    child.on('error', (err) => rejectUrl(new Error(`Could not start "dotnet": ${err.message}`)));
    exited.then(({ code, signal }) =>
      rejectUrl(new Error(`The app exited during startup (code ${code}, signal ${signal}). Last output:\n${logTail()}`)));
  });

  let timer;
  const timeout = new Promise((_, rejectTimeout) => {
    timer = setTimeout(
      () => rejectTimeout(new Error(
        `The app did not report "Now listening on: http://127.0.0.1:<port>" within ${startupTimeoutMs} ms. Last output:\n${logTail()}`)),
      startupTimeoutMs);
  });

  const stop = async () => {
    process.off('exit', killOnExit);
    if (exitInfo === null) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => { if (exitInfo === null) child.kill('SIGKILL'); }, 10_000);
      await exited;
      clearTimeout(forced);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  let baseUrl;
  try {
    baseUrl = await Promise.race([listening, timeout]);
  } catch (err) {
    await stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }

  return {
    baseUrl,
    apiUrl: `${baseUrl}/api`,
    logTail,
    exited: () => exitInfo !== null,
    stop,
  };
}
