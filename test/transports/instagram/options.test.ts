/** Instagram account options: defaults per login type, and one-line errors naming the account and option. */
import { describe, expect, it } from 'vitest';
import { createInstagramChannel, instagramOptionsSchema } from '../../../src/transports/instagram/index.js';
import { testDeps } from '../messenger/meta-fixtures.js';

const valid = { igUserId: '17841405793187218', accessToken: 'IGAAR-token', appSecret: 'secret', verifyToken: 'verify' };
const make = (options: Record<string, unknown>, id: string | undefined = 'ig1') =>
  createInstagramChannel({ type: 'instagram', ...(id ? { id } : {}), options }, testDeps());

describe('instagramOptionsSchema', () => {
  it('defaults to Instagram Login with no fixed base URL (chosen by login type)', () => {
    expect(instagramOptionsSchema.parse(valid)).toEqual({
      ...valid,
      login: 'instagram',
      apiVersion: 'v25.0',
      timeoutMs: 10_000,
    });
  });

  it('builds a real transport named instagram and the webhook path', () => {
    const channel = make(valid);
    expect(channel.transport).toMatchObject({ name: 'instagram', sandbox: false });
    expect(channel.webhook?.path).toBe('instagram/17841405793187218');
  });

  it.each([
    [{ ...valid, igUserId: undefined }, 'channels[instagram:ig1].options.igUserId is required'],
    [{ ...valid, igUserId: 17841405793187218 }, 'channels[instagram:ig1].options.igUserId must be a string: quote it'],
    [
      { ...valid, login: 'business' },
      'channels[instagram:ig1].options.login must be "instagram" (Instagram Login) ' +
        'or "facebook" (linked Facebook Page)',
    ],
    [
      { ...valid, pageId: '104857329811223' },
      'channels[instagram:ig1].options.pageId is only used with login: facebook',
    ],
    [{ ...valid, verifyToken: '' }, 'channels[instagram:ig1].options.verifyToken is empty'],
    [
      { ...valid, host: 'graph.instagram.com' },
      'channels[instagram:ig1].options has unknown option "host" (known: igUserId',
    ],
  ])('rejects %j', (options, message) => {
    expect(() => make(options as Record<string, unknown>)).toThrow(message);
  });

  it('accepts pageId with login: facebook', () => {
    expect(instagramOptionsSchema.parse({ ...valid, login: 'facebook', pageId: '104857329811223' })).toMatchObject({
      login: 'facebook',
      pageId: '104857329811223',
    });
  });
});
