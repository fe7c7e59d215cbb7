import { academieExistsOn, academieProblem, findAcademie } from './academies';
import { ineFormatOf, ineProblem } from './ine';
import { uaiCheckLetter, uaiProblem } from './uai';

describe('UAI', () => {
  it.each([['0951099D'], ['0350760L'], ['0942434K']])(
    'accepts %s, whose check letter is right (DOMAIN.md §5.1)',
    (uai) => {
      expect(uaiProblem(uai)).toBeUndefined();
    },
  );

  it('computes the letter from the seven digits mod 23, skipping I, O and Q', () => {
    expect(uaiCheckLetter('0951099')).toBe('D');
    expect(uaiCheckLetter('0000008')).toBe('J'); // 8 -> the 9th letter, I skipped
    expect(uaiCheckLetter('0000022')).toBe('Z');
  });

  it('refuses a wrong check letter, naming the right one', () => {
    expect(uaiProblem('0951099E')).toBe('check letter must be D, not E');
  });

  it.each([['095109D'], ['0951099d'], ['09510990'], [''], [951099]])(
    'refuses the malformed %p',
    (value) => {
      expect(uaiProblem(value)).toMatch(/7 digits/);
    },
  );
});

describe('INE', () => {
  it('recognises the three formats', () => {
    expect(ineFormatOf('123456789AB')).toBe('INE-RNIE');
    expect(ineFormatOf('0494004062M')).toBe('INE-BEA');
    expect(ineFormatOf('1234A12345K')).toBe('INE-apprentissage');
  });

  it.each([['12345678AB'], ['123456789ABC'], ['12345678901'], ['ABCDEFGHIJK'], [null]])(
    'refuses %p',
    (value) => {
      expect(ineProblem(value)).toMatch(/INE/);
    },
  );
});

describe('académies', () => {
  it('knows the codes of §5.3 and nothing else', () => {
    expect(findAcademie('19')?.name).toBe('Reims');
    expect(academieProblem('26')).toMatch(/unknown académie/);
    expect(academieProblem('00')).toMatch(/unknown académie/);
  });

  it('Normandie exists from 2020-01-01; Caen and Rouen until the day before', () => {
    const normandie = findAcademie('70')!;
    const caen = findAcademie('05')!;
    expect(academieExistsOn(normandie, '2019-12-31')).toBe(false);
    expect(academieExistsOn(normandie, '2020-01-01')).toBe(true);
    expect(academieExistsOn(caen, '2019-12-31')).toBe(true);
    expect(academieExistsOn(caen, '2020-01-01')).toBe(false);
    expect(academieProblem('70', '2019-11-01')).toMatch(/only from 2020-01-01/);
    expect(caen.confidence).toBe('U');
  });
});
