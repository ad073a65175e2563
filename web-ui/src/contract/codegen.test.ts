/**
 * The checked-in wire types are what the contracts in docs/ generate today: a change to docs/openapi.json
 * (which the backend's OpenApiDocumentTest holds to the Java) or to docs/agent-protocol.schema.json (which the
 * agent's AgentProtocolSchemaTest holds to the Java) fails here until `npm run generate` is run, and then
 * `tsc` fails wherever the page no longer fits the new types.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generatedSources } from './codegen';

describe('generated wire types', async () => {
  const sources = await generatedSources();

  it.each(Object.keys(sources))('src/generated/%s is what its contract in docs/ generates (else: npm run generate)', (name) => {
    const checkedIn = readFileSync(new URL(name, GENERATED_DIR), 'utf8');
    expect(checkedIn === sources[name], `src/generated/${name} is stale: run npm run generate`).toBe(true);
  });
});
