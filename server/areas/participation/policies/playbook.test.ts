import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluate, expectedFor, roleNames } from '../../../policies/actors.fixture.ts';
import { playbookPolicy } from './playbook.ts';

describe('playbook policy', () => {
  test('everyone reads the shared know-how', () => {
    assert.deepEqual(
      evaluate((a) => playbookPolicy.view(a)),
      expectedFor(roleNames),
    );
  });

  test('staff and admins of any organisation, and instance admins, write it; volunteers and citizens do not', () => {
    assert.deepEqual(
      evaluate((a) => playbookPolicy.edit(a)),
      expectedFor(['staff', 'orgAdmin', 'otherOrgAdmin', 'instanceAdmin']),
    );
  });
});
