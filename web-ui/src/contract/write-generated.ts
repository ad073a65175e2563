/** `npm run generate`: writes src/generated/ from the contracts in docs/ (see codegen.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { GENERATED_DIR, generatedSources } from './codegen';

mkdirSync(GENERATED_DIR, { recursive: true });
for (const [name, contents] of Object.entries(await generatedSources())) {
  writeFileSync(new URL(name, GENERATED_DIR), contents);
  console.log(`wrote src/generated/${name}`);
}
