import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { inTransaction } from '../db/tx.ts';
import { createTestDatabase, testDatabaseKinds } from '../testing/databases.ts';
import { countRows } from '../testing/http.ts';
import { findOrCreatePerson, findPersonById, findPersonByPrn } from './people.repo.ts';

describe.each(testDatabaseKinds())('people repository on %s', (kind) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('creates a person with every field, and finds them by id and by PRN', async () => {
    const { person, created } = await findOrCreatePerson(handle.db, {
      name: 'Aroha Pōtae',
      prn: 'PRN-1001',
      dateOfBirth: '1990-02-14',
      site: 'Arohata',
      unit: 'Unit 3',
      contact: 'via unit officer',
    });
    expect(created).toBe(true);
    expect(person).toMatchObject({
      name: 'Aroha Pōtae',
      prn: 'PRN-1001',
      dateOfBirth: '1990-02-14',
      site: 'Arohata',
      unit: 'Unit 3',
      contact: 'via unit officer',
      highProfile: false,
    });
    expect(await findPersonById(handle.db, person.id)).toEqual(person);
    expect(await findPersonByPrn(handle.db, 'PRN-1001')).toEqual(person);
    expect(await findPersonByPrn(handle.db, 'PRN-NONE')).toBeUndefined();
    expect(await findPersonById(handle.db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('C.09.07.6: the same PRN is the same person, whatever name is given (the register keeps its record)', async () => {
    const first = await findOrCreatePerson(handle.db, { name: 'Hēmi Walker', prn: 'PRN-2002' });
    const again = await findOrCreatePerson(handle.db, {
      name: 'Hemi Walker',
      prn: 'PRN-2002',
      site: 'Elsewhere',
    });
    expect(again.created).toBe(false);
    expect(again.person).toEqual(first.person);
  });

  it('without a PRN every request is a new person: a name alone does not identify anyone', async () => {
    const a = await findOrCreatePerson(handle.db, { name: 'John Smith' });
    const b = await findOrCreatePerson(handle.db, { name: 'John Smith' });
    expect(a.created && b.created).toBe(true);
    expect(a.person.id).not.toBe(b.person.id);
    expect(a.person.prn).toBeNull();
  });

  it('two transactions creating the same new PRN at once end with one person and no error', async () => {
    const before = await countRows(handle.db, 'persons');
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        inTransaction(handle.db, (tx) => findOrCreatePerson(tx, { name: 'Mere Tūhoe', prn: 'PRN-RACE' })),
      ),
    );
    expect(new Set(results.map((r) => r.person.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await countRows(handle.db, 'persons')).toBe(before + 1);
  });
});
