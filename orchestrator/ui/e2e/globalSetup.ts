import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';
import { preview } from 'vite';
import { ADMIN_STATE, newAdmin, saveSignedInState } from './auth';
import { freePort, startServer } from './serverProcess';
import { assetsWorkflow, datasetEchoWorkflow, daysWorkflow, echoWorkflow, flakyOnceWorkflow, gridBenchWorkflow, gridWorkflow, jsonLogWorkflow, slowDaysWorkflow } from './testWorkflows';

const uiFolder = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(uiFolder, '../..');

/**
 * Starts the real server from the repository's build (PIPELINE_SERVER_DLL overrides; the newer of the Release and
 * Debug builds, built when there is none) in a fresh temporary folder, with a first admin whose password and API
 * key are made here, and the UI: the server itself (serving this dist/) when it serves the UI at /, otherwise
 * `vite preview` of dist/ forwarding /api to it. Signs the admin in through the sign-in page and saves the session
 * the specs start from. Returns the teardown that stops both and removes the folder.
 */
export default async function globalSetup(config: FullConfig) {
  const dll = process.env.PIPELINE_SERVER_DLL ?? newestBuild();
  if (!existsSync(dll)) {
    console.log(`[e2e] ${dll} is missing: building the orchestrator`);
    execFileSync('dotnet', ['build', 'orchestrator', '--nologo', '-v', 'q'], { cwd: repoRoot, stdio: 'inherit' });
  }

  const work = mkdtempSync(join(tmpdir(), 'pipeline-ui-e2e-'));
  const workflows = join(work, 'workflows');
  mkdirSync(workflows);
  const marker = join(work, 'flaky.marker');
  writeFileSync(join(workflows, 'e2e-flaky.json'), JSON.stringify(flakyOnceWorkflow(marker), null, 2));
  writeFileSync(join(workflows, 'e2e-echo.json'), JSON.stringify(echoWorkflow(), null, 2));
  writeFileSync(join(workflows, 'e2e-dataset.json'), JSON.stringify(datasetEchoWorkflow(), null, 2));
  writeFileSync(join(workflows, 'e2e-grid.json'), JSON.stringify(gridWorkflow(), null, 2));
  writeFileSync(join(workflows, 'e2e-grid-bench.json'), JSON.stringify(gridBenchWorkflow(), null, 2));
  writeFileSync(join(workflows, 'e2e-days.json'), JSON.stringify(daysWorkflow(join(work, 'days.marker')), null, 2));
  writeFileSync(join(workflows, 'e2e-slow-days.json'), JSON.stringify(slowDaysWorkflow(), null, 2));
  writeFileSync(join(workflows, 'e2e-json-log.json'), JSON.stringify(jsonLogWorkflow(), null, 2));
  // The shipped backfill of the features asset: the Assets page's Materialize starts it.
  copyFileSync(join(repoRoot, 'workflows/features-backfill.json'), join(workflows, 'features-backfill.json'));
  // The shipped training workflow, for the models scenario: real steps on the bundled sample.
  copyFileSync(join(repoRoot, 'workflows/sensor-training.json'), join(workflows, 'sensor-training.json'));
  // The assets scenario: the real Chunker and FeatureCreator writing day partitions into the catalog.
  const continuous = JSON.parse(readFileSync(join(repoRoot, 'workflows/sensor-continuous.json'), 'utf8')) as Parameters<typeof assetsWorkflow>[0];
  writeFileSync(join(workflows, 'e2e-assets.json'), JSON.stringify(assetsWorkflow(continuous), null, 2));

  const admin = newAdmin();
  const server = await startServer({
    dll,
    cwd: repoRoot,
    logFile: join(work, 'server.log'),
    env: {
      Storage__SqliteFile: join(work, 'p.db'),
      Engine__DataRoot: join(work, 'data'),
      Workflows__Folder: workflows,
      Scheduler__Enabled: 'false',
      // The Models page shows the registry the models scenario trains into.
      'Models__Registries__sensor-clusters': join(work, 'registry'),
      // Runs may read and write paths in the work folder (the models scenario's registry input).
      Engine__InputRoots__0: work,
      // The UI just built, not the copy in the server's wwwroot from its last build.
      Ui__Root: join(uiFolder, 'dist'),
      // The first admin: specs sign in with the password; API calls made outside a browser use the key.
      Auth__Admin__Name: admin.user,
      Auth__Admin__Password: admin.password,
      Auth__Admin__ApiKey: admin.apiKey,
      // The commands the test workflows run (e2e-flaky, e2e-echo, and the designer scenario's two steps).
      Runner__Process__AllowedCommands__0: '/bin/echo',
      Runner__Process__AllowedCommands__1: '/bin/sh',
      Runner__Process__AllowedCommands__2: 'sh',
    },
  });
  console.log(`[e2e] server ${server.url} (work folder ${work})`);

  let baseUrl = server.url;
  let closePreview: (() => Promise<void>) | undefined;
  const mode = process.env.PIPELINE_E2E_UI ?? 'auto';
  const serverHasUi = mode !== 'preview' && (await serverServesUi(server.url));
  if (mode === 'server' && !serverHasUi) throw new Error('PIPELINE_E2E_UI=server, but the server does not serve the UI at /');
  if (!serverHasUi) {
    if (!existsSync(join(uiFolder, 'dist/index.html'))) throw new Error('dist/ is missing: run npm run build first');
    process.env.PIPELINE_API = server.url;
    const previewServer = await preview({
      root: uiFolder,
      configFile: join(uiFolder, 'vite.config.ts'),
      logLevel: 'warn',
      preview: {
        host: '127.0.0.1',
        port: await freePort(),
        strictPort: true,
        proxy: { '/api': { target: server.url }, '/hooks': { target: server.url } },
      },
    });
    baseUrl = previewServer.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
    closePreview = () => previewServer.close();
    console.log(`[e2e] UI from vite preview at ${baseUrl} (the server does not serve it yet)`);
  } else {
    console.log('[e2e] UI served by the server');
  }

  // Read by the tests (workers inherit the environment set here).
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_SERVER_URL = server.url;
  process.env.E2E_WORK = work;
  process.env.E2E_ADMIN_USER = admin.user;
  process.env.E2E_ADMIN_PASSWORD = admin.password;
  process.env.E2E_ADMIN_KEY = admin.apiKey;

  try {
    await saveSignedInState(baseUrl, admin.user, admin.password, config.projects[0]?.use.launchOptions ?? {}, ADMIN_STATE);
  } catch (error) {
    await closePreview?.();
    await server.stop();
    throw error;
  }

  return async () => {
    await closePreview?.();
    await server.stop();
    if (!process.env.E2E_KEEP) rmSync(work, { recursive: true, force: true });
  };
}

/** The most recently built of the Release and Debug server assemblies (the Debug path when neither exists). */
function newestBuild(): string {
  const builds = ['Release', 'Debug']
    .map((c) => join(repoRoot, `orchestrator/Server/bin/${c}/net10.0/Pipeline.Orchestrator.dll`))
    .filter((path) => existsSync(path))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return builds[0] ?? join(repoRoot, 'orchestrator/Server/bin/Debug/net10.0/Pipeline.Orchestrator.dll');
}

async function serverServesUi(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/workflows`);
    return response.ok && (await response.text()).includes('<div id="root">');
  } catch {
    return false;
  }
}
