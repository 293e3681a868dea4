#!/usr/bin/env node
// The `lets` bin: npm needs a JavaScript entry, so this registers tsx's ESM loader and runs lets.ts.
import { register } from "tsx/esm/api";

register();
await import("./lets.ts");
