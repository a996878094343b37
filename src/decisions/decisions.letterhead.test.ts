import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../letters/testing-letters.ts';
import { startRegister, type RegisterFixture } from '../requests/testing-requests.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { drafted, expectStatus, letterPdfBytes, openRequest, readDecision, step } from './testing-decisions.ts';

const AGENCY = 'Ara Poutama Aotearoa | Department of Corrections';

describe.each(testDatabaseKinds())('the letterhead on %s', (kind) => {
  let f: RegisterFixture;
  beforeAll(async () => {
    f = await startRegister(kind, ['officer'], { TIAKI_AGENCY_NAME: AGENCY });
  });
  afterAll(() => f.close());

  it('names the agency configured in TIAKI_AGENCY_NAME at the head of the letter', async () => {
    const request = await openRequest(f, 'privacy-access', { subject: { name: 'Aroha Pōtae' } });
    const decision = await drafted(f, request.id, { outcome: 'granted', grounds: [], formOfRelease: 'copy' });
    // A grant in full is finalised by the officer on submit (C.09.05), and the letter written.
    expectStatus(await step(f, decision.id, 'submit', 'officer'), 200);
    const letters = (await readDecision(f, request.id)).json.letters as Array<{ url: string; body: string }>;
    expect(letters).toHaveLength(1);
    const { bytes } = await letterPdfBytes(f, letters[0]!.url, 'officer');
    const text = pdfText(bytes).text;
    expect(text.indexOf(AGENCY)).toBeGreaterThanOrEqual(0);
    expect(text.indexOf(AGENCY)).toBeLessThan(text.indexOf('Kia ora'));
    expect(text).not.toContain('Privacy Office');
  });
});
