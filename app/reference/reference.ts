/**
 * The reference part of docs/reference.md, generated from the code people use: every CLI command's
 * own --help and the access table of every API route and page (app/api/access.ts). Written by
 * `npx tsx app/reference/write-reference.ts`; reference.test.ts fails when the document is stale, so
 * the reference cannot drift from what the commands and the API do.
 */
import { Command } from 'commander';
import { apiAccess, pageAccess, type Rule } from '../api/access.ts';
import { commands } from '../cli/commands/index.ts';

export const REFERENCE_START = '<!-- reference:start (generated: npx tsx app/reference/write-reference.ts) -->';
export const REFERENCE_END = '<!-- reference:end -->';

/** The options every command shares, shown once rather than under each command. */
const COMMON = /^\s+(--db <path>|--timezone <tz>|-h, --help)(?=\s|$)/;

function helpOf(cmd: Command): string {
  cmd.configureHelp({ helpWidth: 100 });
  const lines = cmd.helpInformation().split('\n');
  const kept: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (COMMON.test(line)) skipping = true;
    else if (!/^\s{10,}\S/.test(line)) skipping = false; // a continuation line belongs to the option above
    if (!skipping) kept.push(line);
  }
  return kept.join('\n').trimEnd();
}

function commandSections(): string[] {
  const program = new Command('callboard');
  for (const register of commands) register(program);
  const out: string[] = [];
  for (const cmd of program.commands) {
    out.push(`### \`callboard ${cmd.name()}\``, '', '```text', helpOf(cmd), '```', '');
    for (const sub of cmd.commands) {
      if (sub.name() === 'help') continue;
      out.push(`#### \`callboard ${cmd.name()} ${sub.name()}\``, '', '```text', helpOf(sub), '```', '');
    }
  }
  return out;
}

const who = (r: Rule) => ('public' in r ? 'anyone' : r.roles.join(', ') + (r.ownRep ? ' (a rep: only their own)' : ''));

function accessTables(): string[] {
  const out = ['### API routes', '', '| route | who may call it |', '|---|---|'];
  for (const [route, rule] of Object.entries(apiAccess)) out.push(`| \`${route}\` | ${who(rule)} |`);
  out.push('', '### Pages', '', '| page | who may open it |', '|---|---|');
  for (const [page, rule] of Object.entries(pageAccess)) out.push(`| \`${page}\` | ${who(rule)} |`);
  return out;
}

export function renderReference(): string {
  return ['## Commands', '', ...commandSections(), '## Who may call and open what', '', ...accessTables()].join('\n').trimEnd() + '\n';
}

/** A document with the part between the markers replaced by the rendered reference. */
export function withReference(doc: string, reference = renderReference()): string {
  const start = doc.indexOf(REFERENCE_START);
  const end = doc.indexOf(REFERENCE_END);
  if (start < 0 || end < start) throw new Error('docs/reference.md lacks the reference markers');
  return doc.slice(0, start + REFERENCE_START.length) + '\n\n' + reference + '\n' + doc.slice(end);
}
