// `npm run dev`: the API server (src/server/main.ts) as a child process on API_PORT, and the Vite dev
// server with hot reload on PORT, proxying /api and /healthz to the API. Open http://127.0.0.1:PORT/work.
//   PORT      where you open the app (default 3000)
//   API_PORT  where the API listens (default PORT + 1)
// Everything else (TIAKI_DATA_DIR, DATABASE_URL, …) passes through to the API as usual.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const apiPort = Number(process.env.API_PORT ?? port + 1);
const host = process.env.HOST ?? '127.0.0.1';
const apiUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${apiPort}`;

function startApi(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(apiPort), HOST: host },
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(
        `tiaki dev: the API stopped (${signal ?? `exit ${code}`}); stopping the web server too.\n`,
      );
      void stop(code ?? 1);
    }
  });
  return child;
}

let stopping = false;
let vite: ViteDevServer | null = null;
const api = startApi();

async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  await vite?.close();
  if (api.exitCode === null && api.signalCode === null) {
    const exited = new Promise((resolve) => api.once('exit', resolve));
    // The API checkpoints and closes PGlite on SIGTERM; give it time before giving up.
    api.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  process.exit(code);
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

try {
  vite = await createServer({
    configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
    server: {
      host,
      port,
      strictPort: true,
      proxy: { '/api': apiUrl, '/healthz': apiUrl },
    },
  });
  await vite.listen();
  process.stdout.write(
    `\n  Tiaki dev: app with hot reload at http://${host}:${port}/work (kiosk /kiosk, public /request); API at ${apiUrl}\n\n`,
  );
} catch (error) {
  process.stderr.write(
    `tiaki dev: could not start Vite: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  await stop(1);
}
