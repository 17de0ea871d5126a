// The form of a text that the duplicate check compares: two comments that read
// the same to a person are the same comment, whatever the spacing, case,
// compatibility characters, invisible characters or trailing full stop.

/** Invisible characters that are not spaces (zero-width spaces and joiners, bidi controls, fillers…). */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

export function comparable(text: string): string {
  return (
    text
      // Compatibility forms (full-width letters, ligatures, no-break spaces) as their plain letters.
      .normalize('NFKC')
      // Case folding: upper then lower also folds ß to ss and the final sigma.
      .toUpperCase()
      .toLowerCase()
      .replace(INVISIBLE, '')
      .replace(/\s+/gu, ' ')
      .trim()
      .replace(/[\s\p{P}]+$/u, '')
  );
}
