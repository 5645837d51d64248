#!/usr/bin/env node
// `npx lianxin <command>`: runs the TypeScript CLI through tsx, so no build step is needed.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/cli.ts', import.meta.url);
await main(process.argv.slice(2));
