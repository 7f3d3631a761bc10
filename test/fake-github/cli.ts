// Runs the fake GitHub on its own for the demo and benchmarks:
//   node dist/test/fake-github/cli.js --port 0 --scenario demo|empty|big [--token T] [--repos N --pulls N]
// Prints one JSON line {"url","token"} on stdout, then serves until SIGTERM/SIGINT.
import { startFakeGitHub } from './server';
import { emptyScenario, type Scenario } from './scenario';
import { bigScenario, demoScenario } from './scenarios';
import { addInboxStates } from './inboxScenario';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function scenarioNamed(name: string): Scenario {
  switch (name) {
    case 'demo': {
      const now = new Date();
      const s = demoScenario(now);
      addInboxStates(s, now); // the demo shows every state of the review inbox
      return s;
    }
    case 'empty': return emptyScenario();
    case 'big': return bigScenario({ repos: Number(arg('repos') ?? 50), pulls: Number(arg('pulls') ?? 500) });
    default: throw new Error(`Unknown scenario "${name}" (demo, empty, big)`);
  }
}

async function main(): Promise<void> {
  const token = arg('token') ?? 'test-token';
  const fake = await startFakeGitHub(scenarioNamed(arg('scenario') ?? 'demo'), { port: Number(arg('port') ?? 0), tokens: [token], eagerGraphQL: true });
  process.stdout.write(`${JSON.stringify({ url: fake.url, token })}\n`);
  const stop = (): void => { void fake.close().then(() => process.exit(0)); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-github: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
