import { measureRobustness, ROBUSTNESS_DEFAULTS } from './robustness';
import { robustnessSection } from './robustness-report';

/**
 * `npx tsx test/bench/robustness-only.ts`: the robustness figures alone, printed as the markdown
 * that `npm run bench` puts in docs/benchmarks.md (nothing is written). `--quick` runs each part
 * small, to try the harness.
 */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const figure = await measureRobustness(
    quick
      ? {
          fuzz: { ...ROBUSTNESS_DEFAULTS.fuzz, cases: 500 },
          burst: { writes: 200, clients: 4, killAfter: 80 },
          races: { rounds: 2, creates: 200, sites: 20 },
          load: { pages: 10, people: 2, connections: 16, seconds: 3 },
        }
      : {},
  );
  console.log(`\n${robustnessSection(figure).join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error('robustness run failed:', error);
  process.exit(1);
});
