/** Messenger account options: defaults, and one-line errors that name the account and the option. */
import { describe, expect, it } from 'vitest';
import { createMessengerChannel, messengerOptionsSchema } from '../../../src/transports/messenger/index.js';
import type { ProviderAccount } from '../../../src/transports/provider.js';
import { testDeps } from './meta-fixtures.js';

const valid = { pageId: '104857329811223', accessToken: 'EAAG-token', appSecret: 'secret', verifyToken: 'verify' };
const make = (account: Partial<ProviderAccount> & { options: Record<string, unknown> }) =>
  createMessengerChannel({ type: 'messenger', ...account } as ProviderAccount, testDeps());

describe('messengerOptionsSchema', () => {
  it('fills the documented defaults', () => {
    expect(messengerOptionsSchema.parse(valid)).toEqual({
      ...valid,
      baseUrl: 'https://graph.facebook.com',
      apiVersion: 'v25.0',
      timeoutMs: 10_000,
    });
  });

  it('builds a real (not sandbox) transport named messenger and a webhook', () => {
    const channel = make({ id: '104857329811223', options: valid });
    expect(channel.transport).toMatchObject({ name: 'messenger', sandbox: false });
    expect(channel.webhook?.path).toBe('messenger/104857329811223');
  });

  it.each([
    [{ ...valid, accessToken: undefined }, 'channels[messenger:p1].options.accessToken is required'],
    [{ ...valid, appSecret: '' }, 'channels[messenger:p1].options.appSecret is empty (is its ${ENV} variable set?)'],
    [
      { ...valid, pageId: 104857329811223 },
      'channels[messenger:p1].options.pageId must be a string: quote it ' +
        '(YAML reads long ids as numbers and loses digits)',
    ],
    [{ ...valid, pageId: 'my-page' }, 'channels[messenger:p1].options.pageId must be the numeric id (digits only)'],
    [
      { ...valid, baseUrl: 'graph.facebook.com' },
      'channels[messenger:p1].options.baseUrl must be a URL such as https://graph.facebook.com',
    ],
    [{ ...valid, apiVersion: '21' }, 'channels[messenger:p1].options.apiVersion must look like "v25.0"'],
    [{ ...valid, timeoutMs: 5 }, 'channels[messenger:p1].options.timeoutMs must be at least 100 ms'],
    [
      { ...valid, pageAccessToken: 'x' },
      'channels[messenger:p1].options has unknown option "pageAccessToken" ' +
        '(known: pageId, accessToken, appSecret, verifyToken, baseUrl, apiVersion, timeoutMs)',
    ],
  ])('rejects %j', (options, message) => {
    expect(() => make({ id: 'p1', options: options as Record<string, unknown> })).toThrow(message);
  });

  it('names the default account by its type, and refuses a non-Messenger account', () => {
    expect(() => make({ options: {} })).toThrow('channels[messenger].options.pageId is required');
    expect(() => createMessengerChannel({ type: 'instagram', id: '1', options: valid }, testDeps())).toThrow(
      'channels[instagram:1]: transport messenger serves channel type messenger, not instagram',
    );
  });
});
