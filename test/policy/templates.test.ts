/** Template helpers: placeholders, rendering, language matching, missing variables, the schema. */
import { describe, expect, it } from 'vitest';
import {
  TEMPLATE_CATEGORIES,
  TEMPLATE_STATUSES,
  missingVariables,
  renderTemplate,
  sameLanguage,
  templateSchema,
  templateVariables,
} from '../../src/policy/index.js';
import { template } from './helpers.js';

describe('templateVariables', () => {
  it('positional, sorted by number whatever the body order, deduplicated', () => {
    expect(templateVariables('{{2}} then {{1}} then {{2}} and {{10}}')).toEqual(['1', '2', '10']);
  });

  it('named, in order of first appearance', () => {
    expect(templateVariables('Hi {{first_name}}, {{ order_id }} / {{first_name}}')).toEqual(['first_name', 'order_id']);
  });

  it('no placeholders', () => {
    expect(templateVariables('Plain body')).toEqual([]);
  });

  it('single braces and broken placeholders are not variables', () => {
    expect(templateVariables('{1} {{ }} {{a-b}} {{1}')).toEqual([]);
  });
});

describe('renderTemplate', () => {
  it('fills every occurrence', () => {
    expect(renderTemplate('{{1}} and {{1}} and {{ 2 }}', { '1': 'a', '2': 'b' })).toBe('a and a and b');
  });

  it('leaves unknown placeholders as they are (never silently blank)', () => {
    expect(renderTemplate('Hi {{1}} {{2}}', { '1': 'Ann' })).toBe('Hi Ann {{2}}');
  });

  it('does not expand placeholders inside values', () => {
    expect(renderTemplate('{{1}} {{2}}', { '1': '{{2}}', '2': 'x' })).toBe('{{2}} x');
  });

  it('handles replacement-pattern characters in values literally', () => {
    expect(renderTemplate('Total {{1}}', { '1': '$& $1 $$' })).toBe('Total $& $1 $$');
  });
});

describe('missingVariables', () => {
  it('lists missing, empty and blank values', () => {
    expect(missingVariables('{{1}} {{2}} {{3}} {{4}}', { '1': 'ok', '2': '', '3': '  ' })).toEqual(['2', '3', '4']);
  });

  it('nothing missing', () => {
    expect(missingVariables('{{name}}', { name: 'Ann' })).toEqual([]);
    expect(missingVariables('no vars', {})).toEqual([]);
  });
});

describe('sameLanguage', () => {
  it.each([
    ['en_US', 'en_US'],
    ['en_US', 'en-US'],
    ['EN_us', 'en_US'],
    ['en', 'en_US'],
    ['en_US', 'en'],
    [' fr ', 'fr'],
    ['zh_Hant_TW', 'zh-Hant-TW'],
  ])('%s ≈ %s', (a, b) => {
    expect(sameLanguage(a, b)).toBe(true);
  });

  it.each([
    ['en_US', 'en_GB'],
    ['pt_BR', 'pt_PT'],
    ['en', 'fr'],
    ['es_ES', 'en_US'],
    ['zh_CN', 'zh_TW'],
  ])('%s ≠ %s', (a, b) => {
    expect(sameLanguage(a, b)).toBe(false);
  });
});

describe('templateSchema', () => {
  it('accepts a well-formed template', () => {
    expect(templateSchema.parse(template())).toEqual(template());
  });

  it('lists the six Meta statuses and three categories', () => {
    expect([...TEMPLATE_STATUSES].sort()).toEqual([
      'APPROVED',
      'DISABLED',
      'IN_APPEAL',
      'PAUSED',
      'PENDING',
      'REJECTED',
    ]);
    expect([...TEMPLATE_CATEGORIES].sort()).toEqual(['AUTHENTICATION', 'MARKETING', 'UTILITY']);
  });

  it.each([
    ['unknown status', { status: 'ACTIVE' }],
    ['unknown category', { category: 'SERVICE' }],
    ['empty body', { body: '' }],
    ['empty name', { name: '' }],
    ['too short language', { language: 'e' }],
  ])('rejects %s', (_label, patch) => {
    expect(templateSchema.safeParse({ ...template(), ...patch }).success).toBe(false);
  });
});
