/**
 * The page's wire types, generated from the other sides' contracts (never copied by hand):
 *
 * - `src/generated/cardsync-api.ts` from docs/openapi.json, the backend's OpenAPI document (openapi-typescript);
 *   the backend's OpenApiDocumentTest holds that file to what the backend serves;
 * - `src/generated/agent-protocol.ts` from docs/agent-protocol.schema.json (json-schema-to-typescript); the
 *   bridge agent's AgentProtocolSchemaTest holds the agent's codes and real messages to that schema.
 *
 * `npm run generate` writes them; codegen.test.ts fails when the checked-in files are not what this gives.
 */
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import { readDoc } from './repo-docs';

const BANNER = (source: string, tool: string) => `/**
 * Generated from docs/${source} by ${tool}: do not edit. Refresh with \`npm run generate\` (docs/web-ui.md).
 */
`;

export const GENERATED_DIR = new URL('../generated/', import.meta.url);

/** File name under src/generated/ and its contents. */
export async function generatedSources(): Promise<Record<string, string>> {
  // openapi-typescript indents by 4; the house style (.editorconfig) for TypeScript is 2.
  const openApi = astToString(await openapiTS(readDoc('openapi.json')))
    .replace(/^(?: {4})+/gm, (indent) => ' '.repeat(indent.length / 2));
  const agentSchema = JSON.parse(readDoc('agent-protocol.schema.json')) as JSONSchema;
  const agentProtocol = await compile(agentSchema, 'AgentProtocol', {
    bannerComment: '',
    unreachableDefinitions: true,
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    format: true,
  });
  return {
    'cardsync-api.ts': BANNER('openapi.json', 'openapi-typescript') + openApi,
    'agent-protocol.ts': BANNER('agent-protocol.schema.json', 'json-schema-to-typescript') + agentProtocol,
  };
}
