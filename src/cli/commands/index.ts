/**
 * The registry of CLI commands, in the order `slth --help` lists them.
 */
import type { Command } from '../command.js';
import { gWeight } from './g-weight.js';

/** Every command of the CLI. */
export const COMMANDS: readonly Command[] = [gWeight];
