/**
 * The reference floor for `npm run bench`: one bare wink-nlp `readDoc` pass over every article
 * file of a folder, on one core. The pipeline's full run is compared against it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

async function* files(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(full);
    else if (/\.(txt|md)$/i.test(e.name)) yield full;
  }
}

const nlp = winkNLP(model);
let tokens = 0;
for await (const f of files(process.argv[2]!)) tokens += nlp.readDoc(await readFile(f, 'utf8')).tokens().length();
process.stdout.write(`${tokens}\n`);
