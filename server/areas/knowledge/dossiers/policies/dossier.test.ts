import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MembershipRole } from '../../../../db/schema.ts';
import { type Actor, anonymous } from '../../../../policies/actor.ts';
import { type DossierAccess, dossierPolicy } from './dossier.ts';

const actor = (roles: [string, MembershipRole][] = [], isInstanceAdmin = false): Actor => ({
  accountId: 'me',
  isInstanceAdmin,
  blocked: false,
  roles: new Map(roles),
});
const draft: DossierAccess = {
  organisation_id: 'nbz',
  status: 'draft',
  recipient_organisation_id: null,
  recipient_email: null,
};
const sentToBody: DossierAccess = { ...draft, status: 'sent', recipient_organisation_id: 'stadt' };
const sentByMail: DossierAccess = { ...draft, status: 'received', recipient_email: 'ausschuss@example.org' };

describe('dossier policy', () => {
  test('a draft is seen and edited only by its compilers and instance admins', () => {
    assert.ok(dossierPolicy.view(actor([['nbz', 'staff']]), draft));
    assert.ok(dossierPolicy.edit(actor([], true), draft));
    assert.ok(!dossierPolicy.view(actor([['nbz', 'volunteer']]), draft));
    assert.ok(!dossierPolicy.view(actor([['stadt', 'admin']]), draft));
    assert.ok(!dossierPolicy.view(anonymous, draft));
  });

  test('a sent dossier is public and no longer editable', () => {
    assert.ok(dossierPolicy.view(anonymous, sentToBody));
    assert.ok(!dossierPolicy.edit(actor([['nbz', 'admin']]), sentToBody));
  });

  test('the receiving body records its handling; for an outside body the compilers do', () => {
    assert.ok(dossierPolicy.handle(actor([['stadt', 'staff']]), sentToBody));
    assert.ok(!dossierPolicy.handle(actor([['nbz', 'staff']]), sentToBody));
    assert.ok(!dossierPolicy.handle(actor([], true), sentToBody));
    assert.ok(dossierPolicy.handle(actor([['nbz', 'staff']]), sentByMail));
    assert.ok(!dossierPolicy.handle(actor([['stadt', 'staff']]), sentByMail));
    assert.ok(!dossierPolicy.handle(actor([['stadt', 'staff']]), { ...sentToBody, status: 'answered' }));
  });

  test('the network compiles only through instance admins', () => {
    assert.ok(dossierPolicy.createFor(actor([], true), null));
    assert.ok(!dossierPolicy.createFor(actor([['nbz', 'admin']]), null));
    assert.ok(dossierPolicy.createFor(actor([['nbz', 'admin']]), 'nbz'));
    assert.ok(!dossierPolicy.createFor(actor([['nbz', 'volunteer']]), 'nbz'));
  });
});
