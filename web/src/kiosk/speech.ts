import type { Bilingual } from './text.ts';

// Read-aloud through the browser's own speech synthesis: nothing is sent anywhere, and the person turns
// it on. English is read with an NZ voice where there is one; te reo Māori with a Māori voice if the
// device has one, otherwise it is skipped rather than mispronounced by an English voice.

/** Whether this browser can speak. */
export function speechAvailable(): boolean {
  return (
    typeof window !== 'undefined' &&
    'speechSynthesis' in window &&
    typeof SpeechSynthesisUtterance !== 'undefined'
  );
}

function voiceFor(lang: string): SpeechSynthesisVoice | null {
  const voices = window.speechSynthesis.getVoices();
  const prefix = lang.split('-')[0] ?? lang;
  return (
    voices.find((voice) => voice.lang.toLowerCase() === lang.toLowerCase()) ??
    voices.find((voice) => voice.lang.toLowerCase().startsWith(prefix)) ??
    null
  );
}

/** Reads the texts aloud, English then te reo Māori for each, after stopping anything already speaking. */
export function speak(texts: Bilingual[]): void {
  if (!speechAvailable()) return;
  const synth = window.speechSynthesis;
  synth.cancel();
  const english = voiceFor('en-NZ');
  const maori = voiceFor('mi-NZ');
  for (const item of texts) {
    const en = new SpeechSynthesisUtterance(item.en);
    en.lang = 'en-NZ';
    if (english) en.voice = english;
    en.rate = 0.9;
    synth.speak(en);
    if (maori) {
      const mi = new SpeechSynthesisUtterance(item.mi);
      mi.lang = 'mi-NZ';
      mi.voice = maori;
      mi.rate = 0.9;
      synth.speak(mi);
    }
  }
}

/** Stops speaking at once (used by every wipe). */
export function stopSpeaking(): void {
  if (speechAvailable()) window.speechSynthesis.cancel();
}
