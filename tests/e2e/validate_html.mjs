// Runs the Nu HTML Checker (vnu-jar, needs Java) over every HTML page of a built site and fails
// on any error. Usage: node validate_html.mjs SITE_DIR
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [siteDir] = process.argv.slice(2);
if (!siteDir) {
  console.error('usage: node validate_html.mjs SITE_DIR');
  process.exit(2);
}
const vnu = require('vnu-jar');
let output = '';
try {
  output = execFileSync('java', ['-jar', vnu, '--errors-only', '--skip-non-html', '--format', 'json',
    siteDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (error) {
  output = (error.stdout ?? '') + (error.stderr ?? '');
}
const start = output.indexOf('{');
const messages = start >= 0 ? JSON.parse(output.slice(start)).messages : [];
const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
for (const m of errors) {
  console.error(`${m.url?.replace(/^file:/, '')}:${m.lastLine ?? '?'}: ${m.message}`);
}
if (errors.length > 0) {
  console.error(`${errors.length} HTML error(s)`);
  process.exit(1);
}
console.log('every page passes the Nu HTML Checker');
