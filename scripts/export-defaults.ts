/**
 * Copies the best finished teacher and students of every LST setting into models/defaults/:
 *
 *   tsx scripts/export-defaults.ts [runsDir=runs] [outDir=models/defaults]
 */
import { initBackend } from '../src/models/backend.js';
import { exportDefaults } from '../src/models/lst/export-defaults-node.js';

const [runsDir = 'runs', outDir = 'models/defaults'] = process.argv.slice(2);
try {
  await initBackend({ prefer: 'cpu' });
  const summary = await exportDefaults(runsDir, outDir);
  for (const [setting, result] of Object.entries(summary)) {
    console.log(
      result === null
        ? `${setting}: no finished run, kept as is`
        : `${setting}: ${result.roles.join(', ')} from ${result.runs.map((run) => `runs/${run}`).join(' + ')}`,
    );
  }
} catch (error) {
  console.error(`export-defaults: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
