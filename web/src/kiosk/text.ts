// Every kiosk label in English and te reo Māori, shown together on every screen. The Māori text should
// be checked by a fluent speaker (and the agency's Māori language advisor) before going live.

export interface Bilingual {
  en: string;
  mi: string;
}

export const text = {
  service: { en: 'Privacy requests', mi: 'Ngā tono mōhiohio whaiaro' },
  intro: {
    en: 'Ask for the information we hold about you, ask us to fix it, or check on a request. It is free.',
    mi: 'Tonoa ngā mōhiohio e puritia ana e mātou mōu, tonoa kia whakatikaina, tirohia rānei tētahi tono. Kāore he utu.',
  },
  chooseOne: { en: 'What do you want to do?', mi: 'He aha tāu e hiahia ana?' },
  ask: { en: 'Ask for my information', mi: 'Tono i aku mōhiohio' },
  correct: { en: 'Ask to fix my information', mi: 'Tono kia whakatikaina aku mōhiohio' },
  check: { en: 'Check my requests', mi: 'Tirohia aku tono' },
  name: { en: 'What is your full name?', mi: 'Ko wai tō ingoa katoa?' },
  prn: { en: 'What is your PRN?', mi: 'He aha tō PRN?' },
  prnHint: {
    en: 'Your PRN is the number on your ID card.',
    mi: 'Ko tō PRN te nama kei runga i tō kāri tuakiri.',
  },
  describeAccess: { en: 'What information do you want?', mi: 'He aha ngā mōhiohio e hiahia ana koe?' },
  describeAccessHint: {
    en: 'For example: my health file from 2024, or reports written about me last month.',
    mi: 'Hei tauira: taku kōnae hauora o 2024, ngā pūrongo rānei i tuhia mōku i tērā marama.',
  },
  describeCorrection: {
    en: 'What is wrong, and what should it say?',
    mi: 'He aha te hapa, ā, me pēhea kē te kōrero?',
  },
  describeCorrectionHint: {
    en: 'Say which record it is, what it says now, and what is right.',
    mi: 'Kōrerotia ko tēhea pūrongo, he aha tōna kōrero ināianei, ā, he aha te mea tika.',
  },
  checkAnswers: { en: 'Check your answers', mi: 'Tirohia ō whakautu' },
  yourName: { en: 'Name', mi: 'Ingoa' },
  yourPrn: { en: 'PRN', mi: 'PRN' },
  yourRequest: { en: 'Your request', mi: 'Tō tono' },
  requestKind: { en: 'You are asking', mi: 'Kei te tono koe' },
  change: { en: 'Change', mi: 'Whakarerekē' },
  send: { en: 'Send my request', mi: 'Tukuna taku tono' },
  sending: { en: 'Sending…', mi: 'E tuku ana…' },
  sent: { en: 'Your request has been sent', mi: 'Kua tukuna tō tono' },
  reference: { en: 'Your reference number', mi: 'Tō tau tohutoro' },
  dueBy: { en: 'We will answer by', mi: 'Ka whakautu mātou i mua i te' },
  writeDown: {
    en: 'Write down your reference number. You need it, with your PRN, to check your request.',
    mi: 'Tuhia tō tau tohutoro. Ka hiahiatia, me tō PRN, hei tirotiro i tō tono.',
  },
  finish: { en: 'Finish', mi: 'Kua mutu' },
  next: { en: 'Next', mi: 'Haere tonu' },
  back: { en: 'Back', mi: 'Hoki' },
  startAgain: { en: 'Start again', mi: 'Tīmata anō' },
  readAloud: { en: 'Read aloud', mi: 'Pānuitia mai' },
  hearAgain: { en: 'Hear this again', mi: 'Whakarongo anō' },
  on: { en: 'On', mi: 'Kei te kā' },
  off: { en: 'Off', mi: 'Kua weto' },
  stillThere: { en: 'Are you still there?', mi: 'Kei konei tonu koe?' },
  stillThereBody: {
    en: 'Touch the button to keep going. If you do not, everything you entered will be cleared.',
    mi: 'Pāwhiritia te pātene kia haere tonu. Ki te kore, ka ūkuia katoatia ō tuhinga.',
  },
  imHere: { en: 'Yes, I am still here', mi: 'Āe, kei konei tonu ahau' },
  secondsLeft: { en: 'seconds left', mi: 'hēkona e toe ana' },
  trackReference: { en: 'What is your reference number?', mi: 'He aha tō tau tohutoro?' },
  trackReferenceHint: {
    en: 'It is on your receipt or confirmation.',
    mi: 'Kei runga i tō rīhiti, i tō whakaū rānei.',
  },
  trackResult: { en: 'Your request', mi: 'Tō tono' },
  status: { en: 'Where it is up to', mi: 'Te tūnga' },
  notFound: {
    en: 'We could not find that request. Check the reference number and PRN, or ask a staff member.',
    mi: 'Kāore i kitea taua tono. Tirohia anō te tau tohutoro me te PRN, pātai rānei ki tētahi kaimahi.',
  },
  problem: { en: 'There is a problem', mi: 'He raruraru' },
  needName: { en: 'Enter your full name', mi: 'Tuhia tō ingoa katoa' },
  needPrn: { en: 'Enter your PRN', mi: 'Tuhia tō PRN' },
  badPrn: {
    en: 'Enter your PRN as it is on your card: 3 to 20 letters or numbers',
    mi: 'Tuhia tō PRN kia rite ki tō kāri: 3 ki te 20 pū, nama rānei',
  },
  badReference: {
    en: 'Enter the reference as it is on your receipt, like TK-2026-000123',
    mi: 'Tuhia te tau tohutoro kia rite ki tō rīhiti, pērā i TK-2026-000123',
  },
  needDescription: { en: 'Tell us what you want', mi: 'Kōrerotia mai tāu e hiahia ana' },
  needReference: { en: 'Enter your reference number', mi: 'Tuhia tō tau tohutoro' },
  tooLong: { en: 'That is too long', mi: 'He roa rawa tērā' },
  failed: {
    en: 'Something went wrong. Please try again, or ask a staff member.',
    mi: 'I hē tētahi mea. Me ngana anō, me pātai rānei ki tētahi kaimahi.',
  },
  notAllowed: {
    en: 'This screen is not set up for requests. Please ask a staff member.',
    mi: 'Kāore tēnei mata i whakaritea mō ngā tono. Pātai ki tētahi kaimahi.',
  },
  free: { en: 'There is no charge.', mi: 'Kāore he utu.' },
  privacy: {
    en: 'When you finish, this screen forgets everything you entered.',
    mi: 'Ka mutu ana koe, ka warewaretia e tēnei mata ō tuhinga katoa.',
  },
} satisfies Record<string, Bilingual>;

export type TextKey = keyof typeof text;
