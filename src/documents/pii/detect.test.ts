import { describe, expect, it } from 'vitest';
import { detect, detectDocument } from './detect.ts';
import type { KnownPerson, Span } from './types.ts';

const pick = (spans: Span[], type: Span['type']): string[] =>
  spans.filter((s) => s.type === type).map((s) => s.text);

describe('detect: NZ identifiers with check digits', () => {
  it('finds NHI numbers in the old and new formats and ignores a bad check character without context', () => {
    const spans = detect('Patient NHI ZZZ0016, sister ZVU27KZ; typo ZZZ0017 and ZHW58CZ.');
    expect(pick(spans, 'NHI')).toEqual(['ZZZ0016', 'ZVU27KZ']);
    expect(spans.find((s) => s.text === 'ZZZ0016')?.score).toBeGreaterThanOrEqual(0.98);
  });

  it('keeps a mistyped NHI right after the word NHI, at a low score', () => {
    const [span] = detect('NHI: ZZZ0017');
    expect(span).toMatchObject({ type: 'NHI', text: 'ZZZ0017' });
    expect(span?.score).toBeLessThan(0.8);
  });

  it('finds IRD numbers that pass the check digit and range, more surely next to "IRD"', () => {
    const spans = detect('IRD number 49-091-850. His file also shows the number 136410132 (not 136410133).');
    expect(pick(spans, 'IRD')).toEqual(['49-091-850', '136410132']);
    expect(spans[0]?.score).toBe(0.99);
    expect(spans[1]?.score).toBeLessThan(0.99);
  });

  it('an IRD number is not taken for a phone number: the checksummed recogniser wins the overlap', () => {
    const spans = detect('Please call him on 049-091-850 about his tax.');
    expect(spans.map((s) => s.type)).toEqual(['IRD']);
  });

  it('finds bank account numbers that pass the bank/branch table and algorithm', () => {
    const spans = detect('Pay into 01-0902-0068389-00 or 26-2600-0320871-032, not 01-0902-0068390-00.');
    expect(pick(spans, 'BANK_ACCOUNT')).toEqual(['01-0902-0068389-00', '26-2600-0320871-032']);
  });

  it('finds the PRN after the default context words, and with a configured pattern', () => {
    expect(pick(detect('Prisoner Hemi (PRN 12345678) and prisoner number: 87654321'), 'PRN')).toEqual([
      '12345678',
      '87654321',
    ]);
    const spans = detect('Record P-00442 was opened.', { prnPattern: /\bP-(\d{5})\b/ });
    expect(pick(spans, 'PRN')).toEqual(['00442']);
  });

  it('finds the PRNs of known people even without a label', () => {
    const known: KnownPerson[] = [{ name: 'Tama Ngata', kind: 'person', prn: '55501234' }];
    expect(
      pick(detect('File 55501234 was reviewed; 55501235 was not.', { knownPeople: known }), 'PRN'),
    ).toEqual(['55501234']);
  });

  it('finds a bare PRN in a table whose heading says PRN', () => {
    const text = 'Name            PRN\nHēmi Pōtae      12345678\nAroha Ngata     23456789\n';
    expect(pick(detect(text), 'PRN')).toEqual(['12345678', '23456789']);
  });

  it('tells a driver licence from a passport by the words around the number', () => {
    const spans = detect('Driver licence DL123456 (version 123); passport LA654321.');
    expect(
      spans.filter((s) => s.type === 'DRIVER_LICENCE' || s.type === 'PASSPORT').map((s) => [s.type, s.text]),
    ).toEqual([
      ['DRIVER_LICENCE', 'DL123456'],
      ['PASSPORT', 'LA654321'],
    ]);
  });

  it('reads the passport number, name and birth date from the machine-readable zone', () => {
    const text =
      'P<NZLTAUILIILI<<MIKAELE<IOANE<<<<<<<<<<<<<<<<<<<<<<<\nLN937152<4NZL8805162M3005169<<<<<<<<<<<<<<02';
    const spans = detect(text);
    expect(spans.map((s) => [s.type, s.text])).toEqual([
      ['PERSON', 'TAUILIILI<<MIKAELE<IOANE'],
      ['PASSPORT', 'LN937152'],
      ['DOB', '880516'],
    ]);
  });
});

describe('detect: contact details, dates of birth, plates', () => {
  it('finds NZ phone numbers with libphonenumber-js but not organisations’ 0800 numbers', () => {
    const spans = detect(
      'Ring 021 345 6789 or (09) 375 1234 or +64 4 472 7000; the helpline is 0800 639 4266.',
    );
    expect(pick(spans, 'PHONE')).toEqual(['021 345 6789', '(09) 375 1234', '+64 4 472 7000']);
  });

  it('leaves an English possessive out of a name, so the requester’s own name is still known as theirs', () => {
    const known = [{ name: 'Isla Williams', kind: 'requester' as const }];
    const text = "The visit application from Isla Williams's partner clashes with Tevita Havili's whānau.";
    expect(detect(text, { knownPeople: known }).map((s) => [s.type, s.text])).toEqual([
      ['PERSON', 'Tevita Havili'],
    ]);
    expect(detect("O'Brien’s file", {}).map((s) => s.text)).not.toContain("O'Brien’s");
  });

  it('does not read a phone number into a reference or record number', () => {
    const spans = detect('Request TK-2026-000026 and report IR-2026-4101; phone 021 555 0142/04 555 0199.');
    expect(pick(spans, 'PHONE')).toEqual(['021 555 0142', '04 555 0199']);
  });

  it('finds e-mail addresses, and names inside them are not separate spans', () => {
    const spans = detect('Write to hemi.potae@example.co.nz today.');
    expect(spans.map((s) => [s.type, s.text])).toEqual([['EMAIL', 'hemi.potae@example.co.nz']]);
  });

  it('finds street addresses with suburb, city and postcode, PO Boxes and Private Bags', () => {
    const spans = detect(
      'She moved to 2/14 Kōwhai Street, Ōtāhuhu, Auckland 1062. Post to PO Box 3321, Shortland Street, Auckland 1140 or Private Bag 1206, Wellington 6140.\n' +
        'Farm: 1450 State Highway 30, RD 2, Whakatāne 3192',
    );
    expect(pick(spans, 'ADDRESS')).toEqual([
      '2/14 Kōwhai Street, Ōtāhuhu, Auckland 1062',
      'PO Box 3321, Shortland Street, Auckland 1140',
      'Private Bag 1206, Wellington 6140',
      '1450 State Highway 30, RD 2, Whakatāne 3192',
    ]);
  });

  it('does not take the next line of a form into an address without a postcode', () => {
    expect(pick(detect('Address: 14 Kauri Street\nIncident Summary\nHe was'), 'ADDRESS')).toEqual([
      '14 Kauri Street',
    ]);
  });

  it('finds dates of birth next to DOB/born words, in NZ formats, and leaves other dates alone', () => {
    const text =
      'Incident 14/03/2024. DOB: 3/03/1985. Born on 3 March 1985. Date of birth 1985-03-03. Seen 2 May 2024.';
    expect(pick(detect(text), 'DOB')).toEqual(['3/03/1985', '3 March 1985', '1985-03-03']);
  });

  it('finds vehicle plates near vehicle words only', () => {
    expect(pick(detect('A white Toyota Corolla, rego LKJ482, was parked there.'), 'PLATE')).toEqual([
      'LKJ482',
    ]);
    expect(pick(detect('Form ABC123 was filed.'), 'PLATE')).toEqual([]);
  });
});

describe('detect: names', () => {
  it('finds te reo Māori names with macrons, after a title and on later mention', () => {
    const spans = detect('Prisoner Hēmi Pōtae was seen. Later Hēmi said he was fine.');
    expect(pick(spans, 'PERSON')).toEqual(['Hēmi Pōtae', 'Hēmi']);
  });

  it('finds Samoan, Tongan, Chinese, Indian and Korean names from the lists and context', () => {
    const text =
      'Faʻasavalu Tuilagi met Viliami Fifita. Mr Wei Zhang spoke with Priya Sharma and Jae-won Kim. ' +
      'His cousin Losaline Fonua waited.';
    expect(pick(detect(text), 'PERSON')).toEqual([
      'Faʻasavalu Tuilagi',
      'Viliami Fifita',
      'Wei Zhang',
      'Priya Sharma',
      'Jae-won Kim',
      'Losaline Fonua',
    ]);
  });

  it('finds surname-first forms', () => {
    expect(pick(detect('Prisoner name: PAEWAI, Tāmati Rangi'), 'PERSON')).toEqual(['PAEWAI, Tāmati Rangi']);
    expect(pick(detect('Name: Ah Chong, Iosefa'), 'PERSON')).toEqual(['Ah Chong, Iosefa']);
  });

  it('does not take units, prisons, places or headings for names', () => {
    const spans = detect(
      'INCIDENT REPORT\nSite: Auckland Prison, Paremoremo\nUnit: Kōwhai West\nThe Drug Treatment Unit in Hamilton.',
    );
    expect(pick(spans, 'PERSON')).toEqual([]);
  });

  it('matches the register whatever the macrons and letter case: Pōtae = Potae = POTAE', () => {
    const known: KnownPerson[] = [{ name: 'Hēmi Pōtae', kind: 'person' }];
    for (const text of ['Seen: Hemi Potae.', 'Seen: HĒMI PŌTAE.', 'Seen: Potae, Hemi.', 'Seen: H. Pōtae.']) {
      const span = detect(text, { knownPeople: known }).find((s) => s.type === 'PERSON');
      expect(span?.source, text).toBe('register');
    }
    const unaccented: KnownPerson[] = [{ name: 'Hemi Potae', kind: 'person' }];
    expect(detect('Seen: Hēmi Pōtae.', { knownPeople: unaccented })[0]).toMatchObject({
      text: 'Hēmi Pōtae',
      source: 'register',
    });
  });

  it('C.09.04: flags staff names for the staff-safety review (register, role titles, signature)', () => {
    const known: KnownPerson[] = [{ name: 'Rebecca Walsh', kind: 'staff' }];
    const text =
      'Rebecca Walsh and CO Sione Tuilagi attended prisoner Tama Ngata.\nNgā mihi,\nAroha Te Whata\nCase Manager';
    const spans = detect(text, { knownPeople: known }).filter((s) => s.type === 'PERSON');
    expect(spans.map((s) => [s.text, s.staff === true])).toEqual([
      ['Rebecca Walsh', true],
      ['Sione Tuilagi', true],
      ['Tama Ngata', false],
      ['Aroha Te Whata', true],
    ]);
  });

  it('scores a register match above a list-only guess', () => {
    const spans = detect('Hemi Potae met Mere Kingi.', {
      knownPeople: [{ name: 'Hemi Potae', kind: 'person' }],
    });
    const [hemi, mere] = spans;
    expect(hemi?.score).toBeGreaterThan(mere?.score ?? 1);
  });
});

describe('detect: the requester’s own information', () => {
  const text =
    'Requester Hēmi Pōtae (PRN 12345678) says his brother Tama Pōtae (PRN 22334455) took it. Hemi wants a copy.';
  const known: KnownPerson[] = [{ name: 'Hemi Potae', kind: 'requester', prn: '12345678' }];

  it('IPP 6: does not suggest withholding the requester’s own name or PRN', () => {
    const spans = detect(text, { knownPeople: known });
    expect(spans.map((s) => s.text)).toEqual(['Tama Pōtae', '22334455']);
  });

  it('keeps them marked own: true when asked to', () => {
    const spans = detect(text, { knownPeople: known, includeOwn: true });
    expect(spans.filter((s) => s.own).map((s) => s.text)).toEqual(['Hēmi Pōtae', '12345678', 'Hemi']);
  });
});

describe('detect: output shape', () => {
  const text =
    'INCIDENT REPORT\nPrisoner: Hēmi Pōtae (PRN 40021873), NHI ZZH4847, DOB 3/03/1985.\n' +
    'CO Sione Tuilagi rang his mother Mere on 027 481 9365; she lives at 27 Huia Road, Ōtāhuhu, Auckland 1062.\n' +
    'IRD 105-177-879, account 12-3140-6848431-92, email mere.k@example.nz, rego HPX417 (a grey Mazda).';

  it('gives UTF-16 offsets into the text, no overlaps, in order, with scores in 0..1', () => {
    const spans = detect(text);
    expect(spans.length).toBeGreaterThan(10);
    for (const [i, s] of spans.entries()) {
      expect(text.slice(s.start, s.end)).toBe(s.text);
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(1);
      const prev = spans[i - 1];
      if (prev) expect(prev.end).toBeLessThanOrEqual(s.start);
    }
    expect(new Set(spans.map((s) => s.type))).toEqual(
      new Set(['PERSON', 'PRN', 'NHI', 'DOB', 'PHONE', 'ADDRESS', 'IRD', 'BANK_ACCOUNT', 'EMAIL', 'PLATE']),
    );
  });

  it('gives the same answer without the compromise model on this text', () => {
    expect(detect(text, { model: false }).map((s) => s.text)).toEqual(detect(text).map((s) => s.text));
  });
});

describe('detectDocument: a name found in full on one page names its lone parts on the others', () => {
  const known: KnownPerson[] = [
    { name: 'Olivia Hart', kind: 'staff' },
    { name: 'Isla Williams', kind: 'requester' },
  ];

  it('a staff member’s given name alone on a later page is their name, for the staff-name review (C.09.04)', () => {
    const pages = [
      'Corrections Officer Olivia Hart attended the cell at 0900.',
      'The report was written later that day. Olivia signed it at 1500.',
    ];
    // One page at a time, the lone given name on page 2 is not known to be the officer's.
    expect(detect(pages[1]!, { knownPeople: known }).filter((s) => s.staff)).toEqual([]);
    const [first, second] = detectDocument(pages, { knownPeople: known });
    expect(first!.filter((s) => s.staff).map((s) => s.text)).toEqual(['Olivia Hart']);
    expect(second!.filter((s) => s.type === 'PERSON')).toEqual([
      expect.objectContaining({ text: 'Olivia', staff: true, source: 'mention' }),
    ]);
  });

  it('the requester’s own name lends nothing across pages: context from elsewhere never takes a suggestion away', () => {
    const pages = [
      'Request from Isla Williams for her file notes.',
      'Nurse Aroha Ngata saw Williams and his sister at 0930.',
    ];
    const [, second] = detectDocument(pages, { knownPeople: known });
    expect(second).toEqual(detect(pages[1]!, { knownPeople: known }));
    expect(second!.filter((s) => s.type === 'PERSON').map((s) => s.text)).toContain('Williams');
  });

  it('a page with no part of another page’s names reads as it does alone', () => {
    const pages = ['Officer Olivia Hart attended.', 'PRN 12345678 was moved to the Kōwhai unit on 3 March.'];
    expect(detectDocument(pages, { knownPeople: known })[1]).toEqual(
      detect(pages[1]!, { knownPeople: known }),
    );
  });
});
