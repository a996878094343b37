import { newLetterDocument, TextFlow } from '../letters/pdf-text.ts';

export interface ReceiptFacts {
  reference: string;
  subjectName: string;
  receivedAt: string;
  decisionDueDate: string;
  channel: string;
  kind: string;
  dueExplanation: { received: string };
}

const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en-NZ', { dateStyle: 'long', timeZone: 'Pacific/Auckland' }).format(
    new Date(`${iso}T12:00:00+12:00`),
  );

/**
 * The one-page receipt handed to the person: reference, date received, due date, what happens next, and
 * that there is no charge (Privacy Act 2020 ss 66–67: a public sector agency may not charge).
 */
export async function renderReceiptPdf(facts: ReceiptFacts): Promise<Uint8Array> {
  const { pdf, regular, bold } = await newLetterDocument(`Receipt ${facts.reference}`);
  const page = pdf.addPage([595.28, 841.89]);
  const flow = new TextFlow(page);
  const what =
    facts.kind === 'correction'
      ? 'correct your personal information'
      : facts.kind === 'official-information'
        ? 'official information'
        : 'your personal information';
  flow.write('Receipt for your request', bold, 20, 4);
  flow.write('Tuhinga whakamana mō tō tono', regular, 13, 14);
  flow.write(`Reference / Tohutoro: ${facts.reference}`, bold, 13);
  flow.write(`Name / Ingoa: ${facts.subjectName}`, regular, 12);
  flow.write(
    `Received / I riro mai: ${longDate(facts.dueExplanation.received)} (by ${facts.channel})`,
    regular,
    12,
  );
  flow.write(`We will answer by / Ā te rā: ${longDate(facts.decisionDueDate)}`, bold, 12, 14);
  flow.write('What you asked for', bold, 13);
  flow.write(`You asked to ${facts.kind === 'correction' ? '' : 'see '}${what}.`, regular, 11, 12);
  flow.write('What happens next', bold, 13);
  flow.write(
    'A privacy officer will look at your request within one day and may contact you if anything is unclear. ' +
      'The law gives us up to 20 working days to tell you our decision. If we need more time because there is a lot of ' +
      'information or we must consult others, we will tell you before the date above, say why and give a new date.',
    regular,
    11,
    12,
  );
  flow.write('There is no charge / Kāore he utu', bold, 13);
  flow.write('Asking for your personal information, or for it to be corrected, is free.', regular, 11, 12);
  flow.write('If you are unhappy', bold, 13);
  flow.write(
    'You can complain to the Privacy Commissioner (privacy.org.nz, 0800 803 909) if you are not happy with how we handle your request. ' +
      'Keep this receipt and quote the reference when you ask about your request.',
    regular,
    11,
  );
  return pdf.save();
}
