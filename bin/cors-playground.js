#!/usr/bin/env node
// The command line: TypeScript sources run through tsx, so nothing needs building first.
import { register } from 'tsx/esm/api';

register();
await import('../runner/cli.ts');
