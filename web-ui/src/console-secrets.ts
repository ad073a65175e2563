/**
 * Random values the admin screens offer: a card id and passwords. Drawn from the browser's CSPRNG
 * (crypto.getRandomValues), never Math.random: a guessable staff password or card id is the attack this stops.
 */

/** 8 random bytes as 16 lower-case hex digits: a card id (protocol's CardApplicationId.CARD_ID_LENGTH). */
export function randomCardId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return [...random(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Letters and digits without the look-alikes (0/O, 1/l/I), so a password read aloud or copied by hand survives. */
const PASSWORD_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A password of `length` characters (default 20: about 117 bits from 57 symbols), in groups of 5 joined by
 * "-" for reading. Each character is drawn by rejection sampling, so every symbol is equally likely.
 */
export function generatePassword(length = 20,
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const n = PASSWORD_ALPHABET.length;
  const limit = 256 - (256 % n);
  const chars: string[] = [];
  while (chars.length < length) {
    for (const byte of random(new Uint8Array(length))) {
      if (byte < limit && chars.length < length) {
        chars.push(PASSWORD_ALPHABET[byte % n]);
      }
    }
  }
  return chars.join('').match(/.{1,5}/g)!.join('-');
}
