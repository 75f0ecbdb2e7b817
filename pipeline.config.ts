import { defineConfig } from './src/config.ts';

// Defaults for `npm start`; command-line flags override them. See README "Configuration".
export default defineConfig({
  input: 'raw',
  output: 'output',
  rules: 'rules',
  concurrency: 0, // one worker per core
  extensions: ['.txt', '.md', '.html', '.htm', '.jsonl', '.json'],
  maxFileBytes: 10 * 1024 * 1024,
});
