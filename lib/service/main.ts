import { ZodError } from 'zod';
import { parseConfig } from './config';
import { startService } from './server';

/** `npm run service -- --port N --db PATH`: the reference token service in the foreground. */
async function main(): Promise<void> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.argv.slice(2), process.env);
  } catch (error) {
    const detail =
      error instanceof ZodError
        ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n')
        : String(error instanceof Error ? error.message : error);
    console.error(
      `token-lens service: ${detail}\nUsage: npm run service -- --port N --db PATH [--host H] [--public-origin URL] [--rate-limit N] [--seed-demo]`,
    );
    process.exit(2);
  }
  const service = await startService(config);
  if (service.demoOwner) {
    console.log(
      `demo owner: ${service.demoOwner.email} / password ${service.demoOwner.password} (shown once; keep it)`,
    );
  }
  console.log(`token-lens service listening on ${service.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests and closing the database`);
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('could not stop cleanly', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('token-lens service failed to start:', error);
  process.exit(1);
});
