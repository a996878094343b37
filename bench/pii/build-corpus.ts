// Builds bench/pii/corpus/*.txt and *.json (labels) from the annotated sources in corpus/src/.
// Run after editing a source: node --import tsx bench/pii/build-corpus.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAnnotated } from './corpus.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');
let count = 0;
for (const f of readdirSync(path.join(dir, 'src'))
  .filter((n) => n.endsWith('.txt'))
  .sort()) {
  const { text, labels } = parseAnnotated(readFileSync(path.join(dir, 'src', f), 'utf8'));
  writeFileSync(path.join(dir, f), text);
  // One span a line: easy to read and to diff.
  const spans = labels.map((l) => `  ${JSON.stringify(l)}`).join(',\n');
  const json = `{\n "file": ${JSON.stringify(f)},\n "offsets": "utf16",\n "spans": [\n${spans}\n ]\n}\n`;
  writeFileSync(path.join(dir, f.replace(/\.txt$/, '.json')), json);
  count++;
}
console.log(`built ${count} documents in ${dir}`);
