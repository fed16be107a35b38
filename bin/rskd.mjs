#!/usr/bin/env node
// Bootstrap of the rskd command: registers tsx so the TypeScript entry point runs as is.
import { register } from 'tsx/esm/api';

register();
await import('./rskd.ts');
