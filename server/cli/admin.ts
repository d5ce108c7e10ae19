import { readFileSync } from 'node:fs';
import { migrateToLatest } from '../db/migrate.ts';
import { Problem } from '../http/problem.ts';
import { t } from '../i18n/messages.ts';
import { importHsds, parseHsds, reportLines } from '../interop/hsds/import.ts';
import { audit } from '../platform/audit.ts';
import { ensureNetwork } from '../platform/network.ts';
import { createAccount, findAccountByEmail, normaliseEmail } from '../repositories/accounts.ts';
import { createLoginToken, loginLink } from '../routes/api/session/index.ts';
import { CliError, openConfigured, parseArgs, runCli, say } from './common.ts';

/** The sign-in link printed on the console is for the person at the keyboard; a day is long enough. */
const linkMinutes = 24 * 60;
const usage = [
  'Usage: npm run admin -- create EMAIL "Display Name"',
  '       npm run admin -- import-hsds FILE [--dry-run] [--en]',
].join('\n');

/** Thrown to roll a dry run's transaction back once its report is made. */
class DryRun extends Error {}

/**
 * `npm run admin -- import-hsds FILE [--dry-run] [--en]`: imports an Open Referral HSDS 3 directory
 * (a JSON document with "organizations", a list of them, or NDJSON) into the network, which must have
 * no organisations yet; one transaction; prints what was taken and what was refused and why, in
 * German (or English with --en). --dry-run prints the same report and saves nothing.
 */
async function importCommand(args: string[]) {
  const { positional, flags } = parseArgs(args, ['--dry-run', '--en']);
  const [, file] = positional;
  if (!file || positional.length > 2) throw new CliError(usage);
  const locale = flags.has('--en') ? 'en' : 'de';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  const target = await openConfigured({ mustExist: false });
  try {
    const { db } = target.database;
    await migrateToLatest(db);
    const { network } = await ensureNetwork(db, {
      slug: process.env.NETWORK_SLUG ?? 'knotenpunkt',
      name: process.env.NETWORK_NAME ?? 'Knotenpunkt',
    });
    let lines: string[] = [];
    try {
      const organisations = parseHsds(text);
      await db.transaction().execute(async (tx) => {
        lines = reportLines(await importHsds(tx, network.id, organisations, null), locale);
        if (flags.has('--dry-run')) throw new DryRun();
      });
    } catch (err) {
      if (err instanceof Problem) throw new CliError(t(locale, err.code, err.params));
      if (!(err instanceof DryRun)) throw err;
      lines.push('', t(locale, 'hsds.import.dry_run'));
    }
    for (const line of lines) say(line);
  } finally {
    await target.close();
  }
}

/**
 * `npm run admin -- create EMAIL "Display Name"`: makes an instance administrator (creating the
 * account, or promoting an existing one). For a new account it prints a one-time sign-in link: this
 * is how the first administrator of an installation started with SEED=none gets in. An existing
 * account gets no link — it would let whoever runs the command in as that person.
 */
runCli('admin', async (args) => {
  if (args[0] === 'import-hsds') return importCommand(args);
  const { positional } = parseArgs(args, []);
  const [command, rawEmail, rawName] = positional;
  if (command !== 'create' || !rawEmail || positional.length > 3) throw new CliError(usage);
  const email = normaliseEmail(rawEmail);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new CliError(`"${rawEmail}" is not an email address.`);
  const displayName = (rawName ?? '').trim();

  const target = await openConfigured({ mustExist: false });
  try {
    const { db } = target.database;
    await migrateToLatest(db);
    const { network } = await ensureNetwork(db, {
      slug: process.env.NETWORK_SLUG ?? 'knotenpunkt',
      name: process.env.NETWORK_NAME ?? 'Knotenpunkt',
    });
    const outcome = await db.transaction().execute(async (tx) => {
      const existing = await findAccountByEmail(tx, network.id, email);
      let accountId: string;
      let created = false;
      if (existing) {
        accountId = existing.id;
        await tx
          .updateTable('account')
          .set({ is_instance_admin: true })
          .where('network_id', '=', network.id)
          .where('id', '=', existing.id)
          .execute();
      } else {
        if (displayName.length < 1 || displayName.length > 80)
          throw new CliError(`A new account needs a display name of 1 to 80 characters.\n${usage}`);
        const account = await createAccount(tx, {
          networkId: network.id,
          email,
          displayName,
          isInstanceAdmin: true,
        });
        accountId = account.id;
        created = true;
      }
      await audit(tx, {
        networkId: network.id,
        actorId: null,
        action: created ? 'account.created' : 'account.promoted',
        entityType: 'account',
        entityId: accountId,
        details: { instanceAdmin: true, via: 'cli' },
      });
      const name = existing?.display_name ?? displayName;
      // An existing account is someone's: a link for it would let whoever runs this command in as
      // them (their support circles included), so they sign in themselves, as always.
      if (!created) return { created, name, token: null, expires: null };
      const link = await createLoginToken(tx, network.id, { id: accountId, email }, linkMinutes);
      return { created, token: link.token, name, expires: link.expiresAt };
    });
    if (!outcome.token || !outcome.expires) {
      say(`${outcome.name} <${email}> is now an instance administrator of "${network.name}".`);
      say('They sign in as always: with their password, or with a link sent to their email address.');
      return;
    }
    say(`Created the instance administrator ${outcome.name} <${email}> in "${network.name}".`);
    say('');
    say(`One-time sign-in link (works once, until ${outcome.expires.toISOString()}):`);
    say(`  ${loginLink(target.config.publicUrl, outcome.token)}`);
    say('');
    say('Open it in a browser while Knotenpunkt runs, then set a password in your account settings.');
    if (target.config.publicUrl.startsWith('http://localhost'))
      say('(Set PUBLIC_URL if the server is reached under another address.)');
  } finally {
    await target.close();
  }
});
