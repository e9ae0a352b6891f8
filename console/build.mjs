// Copies the console's files and its one vendored module into the jar's static folder. No bundler:
// the browser loads the ES modules as they are written (docs/console.md says why).
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const out = process.argv[2];
if (!out) throw new Error('usage: node build.mjs <output folder>');
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/vendor`, { recursive: true });
cpSync('src/main/web', out, { recursive: true });
// htm's standalone build: Preact, its hooks and htm in one ES module, no bare imports (an import map
// would be an inline script, which the console's CSP forbids)
cpSync('node_modules/htm/preact/standalone.module.js', `${out}/vendor/preact-htm.js`);
cpSync('node_modules/htm/LICENSE', `${out}/vendor/LICENSE-htm.txt`);
