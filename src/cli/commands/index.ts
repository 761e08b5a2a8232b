/**
 * The registry of CLI commands, in the order `slth --help` lists them.
 */
import type { Command } from '../command.js';
import { auditCommand } from './audit.js';
import { checkCommand } from './check.js';
import { claimTestCommand, mergeCommand, thresholdCommand } from './claim-test.js';
import { constructCommand } from './construct.js';
import { errorCommand } from './error.js';
import { existsCommand } from './exists.js';
import { exportCommand } from './export.js';
import { falsifyCommand, replayCommand } from './falsify.js';
import { gWeight } from './g-weight.js';
import { lemmaCommands } from './lemma.js';
import { netEval } from './net-eval.js';
import { netGenerate } from './net-generate.js';
import { netImport } from './net-import.js';
import { netValidate } from './net-validate.js';
import { widthCommand } from './width.js';
import { universalCommand } from './universal.js';

/** Every command of the CLI. */
export const COMMANDS: readonly Command[] = [
  netGenerate,
  netValidate,
  netEval,
  netImport,
  gWeight,
  widthCommand,
  constructCommand,
  checkCommand,
  exportCommand,
  errorCommand,
  ...lemmaCommands,
  existsCommand,
  universalCommand,
  falsifyCommand,
  replayCommand,
  claimTestCommand,
  thresholdCommand,
  mergeCommand,
  auditCommand,
];
