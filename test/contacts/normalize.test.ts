/**
 * Field-aware normalisation: names fold case, accents and diacritics per script; emails fold case; phones
 * keep digits only. Both the index and the query go through these, so each case is also a search promise.
 */
import { describe, expect, it } from 'vitest';
import {
  MIN_PHONE_DIGITS,
  classifyQuery,
  emailDomain,
  emailKeys,
  foldName,
  isPhoneLike,
  nameQueryPrefix,
  nameTokens,
  normaliseEmail,
  phoneDigits,
  phoneQuerySuffixes,
  phoneSuffixKey,
  reverseDigits,
} from '../../src/contacts/normalize.js';

describe('foldName', () => {
  it.each([
    // Vietnamese: tones and vowel marks, and đ which has no decomposition
    ['Nguyễn', 'nguyen'],
    ['Trần Thị Ngọc Ánh', 'tran thi ngoc anh'],
    ['Đặng Văn Đức', 'dang van duc'],
    ['Phạm Hữu Lộc', 'pham huu loc'],
    // German
    ['Müller', 'muller'],
    ['Straße', 'strasse'],
    ['GROẞ', 'gross'],
    ['Jürgen Schäfer-Höß', 'jurgen schafer-hoss'],
    // French
    ['François Lefèvre', 'francois lefevre'],
    ['Œdipe Hélène Noël', 'oedipe helene noel'],
    ['Bénédicte Ægir', 'benedicte aegir'],
    // Spanish
    ['Núñez Íñigo', 'nunez inigo'],
    ['José María Peña', 'jose maria pena'],
    // Other Latin letters without decomposition
    ['Łukasz Søren Þór', 'lukasz soren thor'],
    ['İstanbul', 'istanbul'],
    // Plain ASCII is only lower-cased
    ['McDonald', 'mcdonald'],
  ])('%s → %s', (input, expected) => {
    expect(foldName(input)).toBe(expected);
  });

  describe('Arabic', () => {
    it('drops harakat: the vocalised spelling folds to the bare one', () => {
      expect(foldName('مُحَمَّد')).toBe('محمد');
      expect(foldName('فَاطِمَة')).toBe(foldName('فاطمة'));
      expect(foldName('عَبْدُ ٱللَّٰه')).toBe(foldName('عبد الله'));
    });

    it('drops tatweel', () => {
      expect(foldName('عـــلي')).toBe('علي');
    });

    it('folds alef forms أ إ آ ٱ to ا', () => {
      expect(foldName('أحمد')).toBe('احمد');
      expect(foldName('إبراهيم')).toBe('ابراهيم');
      expect(foldName('آمنة')).toBe('امنه');
      expect(foldName('ٱلحسن')).toBe('الحسن');
    });

    it('folds ى to ي and ة to ه', () => {
      expect(foldName('مصطفى')).toBe('مصطفي');
      expect(foldName('مصطفى')).toBe(foldName('مصطفي'));
      expect(foldName('فاطمة')).toBe('فاطمه');
    });

    it('folds presentation forms (NFKD)', () => {
      expect(foldName('ﷲ')).toBe('الله');
    });
  });

  it('keeps scripts without case or marks intact, recomposed', () => {
    expect(foldName('김민준')).toBe('김민준');
    expect(foldName('王小明')).toBe('王小明');
  });
});

describe('nameTokens', () => {
  it('splits words and folds each', () => {
    expect(nameTokens('Nguyễn Thị  Minh')).toEqual(['nguyen', 'thi', 'minh']);
  });

  it('adds the German ae/oe/ue spelling of umlauts', () => {
    expect(nameTokens('Müller')).toEqual(['muller', 'mueller']);
    expect(nameTokens('Schön Bär')).toEqual(['schon', 'schoen', 'bar', 'baer']);
  });

  it('splits hyphens and apostrophes, and keeps the joined spelling', () => {
    expect(nameTokens('Jean-Pierre')).toEqual(['jean', 'pierre', 'jeanpierre']);
    expect(nameTokens("O'Brien")).toEqual(['o', 'brien', 'obrien']);
    expect(nameTokens('D’Alembert')).toEqual(['d', 'alembert', 'dalembert']);
  });

  it('is distinct and empty for empty input', () => {
    expect(nameTokens('Anh Anh')).toEqual(['anh']);
    expect(nameTokens('')).toEqual([]);
    expect(nameTokens('  -  ')).toEqual([]);
  });
});

describe('nameQueryPrefix', () => {
  it('folds like names and drops inner punctuation', () => {
    expect(nameQueryPrefix('NGUYỄN')).toBe('nguyen');
    expect(nameQueryPrefix("o'bri")).toBe('obri');
    expect(nameQueryPrefix('Jean-P')).toBe('jeanp');
    expect(nameQueryPrefix('أَحْمَد')).toBe('احمد');
  });
});

describe('emails', () => {
  it('normalises case, whitespace, display names and mailto:', () => {
    expect(normaliseEmail('  Linh.Nguyen@Example.VN ')).toBe('linh.nguyen@example.vn');
    expect(normaliseEmail('Linh Nguyen <Linh@Example.vn>')).toBe('linh@example.vn');
    expect(normaliseEmail('MAILTO:Anna@Mail.DE')).toBe('anna@mail.de');
  });

  it('finds the domain after the last @', () => {
    expect(emailDomain('a@b.example')).toBe('b.example');
    expect(emailDomain('"odd@local"@x.org')).toBe('x.org');
    expect(emailDomain('no-at-sign')).toBe('');
  });

  it('is keyed by the address and by @domain', () => {
    expect(emailKeys('Linh@Example.VN')).toEqual(['linh@example.vn', '@example.vn']);
    expect(emailKeys('broken')).toEqual(['broken']);
    expect(emailKeys('  ')).toEqual([]);
  });
});

describe('phoneDigits', () => {
  it.each([
    ['+84 912 345 678', '84912345678'],
    ['+84-912-345-678', '84912345678'],
    ['0912.345.678', '0912345678'],
    ['(415) 555-0134', '4155550134'],
    ['+1 (415) 555-0134', '14155550134'],
    ['+49 30 1234567', '49301234567'],
    ['+33 6 12 34 56 78', '33612345678'],
    ['+34 612 34 56 78', '34612345678'],
    ['+966 50 123 4567', '966501234567'],
    ['0084 912 345 678', '0084912345678'],
    // UK style "(0)" after the country code is not dialled
    ['+44 (0)20 7946 0958', '442079460958'],
    // but a bracketed 0 in a national number is
    ['(0)20 7946 0958', '02079460958'],
    // extensions are not part of the number
    ['+1 415 555 0134 ext. 12', '14155550134'],
    ['+1 415 555 0134 x12', '14155550134'],
    ['+1 415 555 0134 #12', '14155550134'],
    // remarks after the number, labels before it
    ['+84 912 345 678 (mobile)', '84912345678'],
    ['tel: +84 912 345 678', '84912345678'],
    // Arabic-Indic, Persian and full-width digits
    ['+٩٦٦ ٥٠ ١٢٣ ٤٥٦٧', '966501234567'],
    ['۰۹۱۲۳۴۵۶۷۸۹', '09123456789'],
    ['０９１２', '0912'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(phoneDigits(input)).toBe(expected);
  });

  it('reverses digits for suffix search', () => {
    expect(reverseDigits('84912345678')).toBe('87654321948');
    expect(phoneSuffixKey('+84 (912) 345-678')).toBe('87654321948');
    expect(phoneSuffixKey('')).toBe('');
    expect(phoneSuffixKey('+44 (0)20 7946 0958 ext 3')).toBe(reverseDigits('442079460958'));
  });

  it('handles numbers longer than its scratch buffer', () => {
    const long = '1'.repeat(100) + '2';
    expect(phoneDigits(long)).toBe(long);
    expect(phoneSuffixKey(long)).toBe('2' + '1'.repeat(100));
    const huge = '3'.repeat(200_000);
    expect(phoneDigits(huge)).toBe(huge);
  });

  it('tries a trunk-0 or 00-prefixed number without its leading zeros, short ones as typed', () => {
    expect(phoneQuerySuffixes('0912345678')).toEqual(['0912345678', '912345678']);
    expect(phoneQuerySuffixes('0084912345678')).toEqual(['0084912345678', '84912345678']);
    expect(phoneQuerySuffixes('05678')).toEqual(['05678']);
    expect(phoneQuerySuffixes('5678')).toEqual(['5678']);
  });

  it('recognises phone-only text', () => {
    expect(isPhoneLike('+84 (912) 345-678.')).toBe(true);
    expect(isPhoneLike('٠٩١٢')).toBe(true);
    expect(isPhoneLike('0912x')).toBe(false);
    expect(isPhoneLike('linh')).toBe(false);
  });
});

describe('classifyQuery', () => {
  it('splits plain words, each a name-or-email prefix', () => {
    expect(classifyQuery('  Linh   NGUYỄN ')).toEqual([
      { kind: 'word', text: 'Linh', name: 'linh', email: 'linh' },
      { kind: 'word', text: 'NGUYỄN', name: 'nguyen', email: 'nguyễn' },
    ]);
  });

  it('reads a term with @ as an email prefix or @domain', () => {
    expect(classifyQuery('Linh@Exa @example.VN')).toEqual([
      { kind: 'email', text: 'Linh@Exa', email: 'linh@exa' },
      { kind: 'email', text: '@example.VN', email: '@example.vn' },
    ]);
  });

  it('reads text made only of phone characters as one number', () => {
    expect(classifyQuery('+84 912 345 678')).toEqual([
      { kind: 'phone', text: '+84 912 345 678', digits: '84912345678', suffixes: ['84912345678'] },
    ]);
    expect(classifyQuery('0912 345 678')).toEqual([
      { kind: 'phone', text: '0912 345 678', digits: '0912345678', suffixes: ['0912345678', '912345678'] },
    ]);
    expect(classifyQuery('(415) 555-0134')).toHaveLength(1);
  });

  it('keeps a number among words as one term', () => {
    const terms = classifyQuery('linh +84 912 345 678 nguyen');
    expect(terms.map((t) => t.kind)).toEqual(['word', 'phone', 'word']);
    expect(terms[1]).toMatchObject({ digits: '84912345678' });
  });

  it(`needs ${MIN_PHONE_DIGITS} digits for a phone term; fewer are plain words`, () => {
    expect(classifyQuery('5678')).toEqual([{ kind: 'phone', text: '5678', digits: '5678', suffixes: ['5678'] }]);
    expect(classifyQuery('678')).toEqual([{ kind: 'word', text: '678', name: '678', email: '678' }]);
  });

  it('ignores pure punctuation and empty text', () => {
    expect(classifyQuery('')).toEqual([]);
    expect(classifyQuery('   ')).toEqual([]);
    expect(classifyQuery('linh & co')).toEqual([
      { kind: 'word', text: 'linh', name: 'linh', email: 'linh' },
      { kind: 'word', text: 'co', name: 'co', email: 'co' },
    ]);
  });
});
