import {
  isValidUscc,
  canonicalUscc,
  normalizeUscc,
  usccCheckCharacter,
  usccProblem,
  usccRegion,
  USCC_ALPHABET,
} from './uscc';

describe('USCC (GB 32100-2015)', () => {
  const valid = [
    '91110000600037341L',
    '91310000631696382C',
    '91440300568520498A',
    '92340602MA2PBMEM24',
  ];

  it.each(valid)('accepts %s', (code) => {
    expect(usccProblem(code)).toBeNull();
    expect(isValidUscc(code)).toBe(true);
    expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it('rejects a wrong check character', () => {
    expect(usccProblem('91110000600037341N')).toBe('CHECK_CHARACTER');
    expect(isValidUscc('91110000600037341N')).toBe(false);
  });

  it('normalises lower case and surrounding spaces', () => {
    expect(normalizeUscc(' 92340602ma2pbmem24 ')).toBe('92340602MA2PBMEM24');
    expect(isValidUscc('92340602ma2pbmem24')).toBe(true);
    // usccProblem expects normalised input: lower case is not in the alphabet.
    expect(usccProblem('92340602ma2pbmem24')).toBe('CHARACTER');
  });

  it.each(['', '91110000600037341', '91110000600037341LL'])('rejects length %#', (code) => {
    expect(usccProblem(code)).toBe('LENGTH');
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the forbidden letter %s', (letter) => {
    expect(USCC_ALPHABET).not.toContain(letter);
    expect(usccProblem(`9111000060003734${letter}L`)).toBe('CHARACTER');
    expect(() => usccCheckCharacter(`9111000060003734${letter}`)).toThrow(/position 17/);
  });

  it('requires digits in the region positions 3–8', () => {
    // 'A' is in the alphabet but positions 3–8 are the division code.
    expect(usccProblem('911A0000600037341L')).toBe('SHAPE');
  });

  it('reads the administrative division code from positions 3–8', () => {
    expect(usccRegion('91110000600037341L')).toBe('110000');
    expect(usccRegion('92340602MA2PBMEM24')).toBe('340602');
  });

  it('has 31 characters of value 0..30', () => {
    expect(USCC_ALPHABET).toHaveLength(31);
  });

  it('has one spelling for every accepted form: BOM, spaces, lower case, full width, ligatures', () => {
    const code = '91330106MA2FL0000' + usccCheckCharacter('91330106MA2FL0000');
    for (const spelling of [
      `\ufeff${code}`,
      ` ${code.toLowerCase()} `,
      code.replace('FL', '\ufb02'), // ﬂ
      code.replace('91', '\uff19\uff11'), // full-width 9 1
    ]) {
      expect(canonicalUscc(spelling), JSON.stringify(spelling)).toBe(code);
    }
    expect(canonicalUscc(code.slice(0, 17) + '0')).toBe(null);
    expect(canonicalUscc(42)).toBe(null);
  });
});
