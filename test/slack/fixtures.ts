/**
 * Worst-case data for the view builders: 80-character Vietnamese names, Arabic template bodies, long emails,
 * every channel on one contact, a contact name that tries mrkdwn injection. Statuses come from the real
 * policy core so every window state is the one an agent would see.
 */
import type { Contact, ContactChannel } from '../../src/contacts/model.js';
import {
  CHANNEL_TYPES,
  type ChannelType,
  type Template,
  type WindowInput,
  type WindowStatus,
  evaluateWindow,
} from '../../src/policy/index.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const NOW = new Date(Date.UTC(2026, 2, 10, 12, 0, 0));
export const ago = (ms: number) => new Date(NOW.getTime() - ms);
export const iso = (d: Date) => d.toISOString();

/** A contact name that would ping a channel, mention a user and hide a link if it were not escaped. */
export const INJECTION = '<!channel> <@U123> & <https://evil|x>';
export const INJECTION_ESCAPED = '&lt;!channel&gt; &lt;@U123&gt; &amp; &lt;https://evil|x&gt;';

const SYLLABLES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Thị',
  'Văn',
  'Minh',
  'Khánh',
  'Phương',
  'Thảo',
  'Quỳnh',
  'Hương',
  'Tuấn',
  'Đức',
  'Nguyệt',
];

/** An 80-character (UTF-16) Vietnamese full name, different for each i. */
export function vietnameseName(i: number): { firstName: string; lastName: string } {
  const words: string[] = [];
  for (let j = 0; words.join(' ').length < 80; j++) words.push(SYLLABLES[(i * 5 + j * 11) % SYLLABLES.length]!);
  const full = words.join(' ').slice(0, 80).trimEnd().padEnd(80, 'ễ');
  const [first, ...rest] = full.split(' ');
  return { firstName: first!, lastName: rest.join(' ') };
}

/** Arabic template body with positional variables, ~900 characters. */
export function arabicBody(i: number): string {
  const sentence = 'مرحباً {{1}}، نود إعلامك بأن طلبك رقم {{2}} قد تم شحنه وسيصل خلال ثلاثة أيام عمل. ';
  return `${sentence.repeat(10)}شكراً لتعاملك معنا (${i}).`;
}

export const ARABIC_TEXT = 'شكراً لتواصلك معنا. سنعود إليك قريباً بخصوص طلبك. '.repeat(40);

export function template(overrides: Partial<Template> = {}): Template {
  return {
    name: 'order_update',
    language: 'ar',
    category: 'UTILITY',
    status: 'APPROVED',
    body: 'Hello {{1}}, your order {{2}} has shipped.',
    ...overrides,
  };
}

/** `n` approved Arabic templates with long names. */
export function arabicTemplates(n: number): Template[] {
  return Array.from({ length: n }, (_, i) =>
    template({
      name: `order_shipping_update_with_tracking_link_and_delivery_window_${i}`,
      language: 'ar',
      body: arabicBody(i),
    }),
  );
}

interface ChannelSetup {
  channel: ContactChannel;
  input: Partial<Omit<WindowInput, 'channel' | 'now'>>;
}

function channel(type: ChannelType, lastInbound: Date | null, extra: Partial<ContactChannel> = {}): ContactChannel {
  return {
    type,
    lastInboundAt: lastInbound ? iso(lastInbound) : null,
    lastOutboundAt: null,
    outboundSinceInbound: 0,
    ...extra,
  };
}

/** One setup per channel type, chosen so together they show every window state. */
export function allChannelSetups(longIds = false): ChannelSetup[] {
  const id = (t: string) => (longIds ? `${t}-account-${'9'.repeat(40)}` : undefined);
  const withId = (t: string) => (id(t) ? { channelId: id(t)! } : {});
  return [
    { channel: channel('whatsapp', ago(2 * DAY), withId('wa')), input: {} }, // template_only
    { channel: channel('messenger', ago(3 * DAY), withId('fb')), input: {} }, // human_agent
    { channel: channel('instagram', ago(8 * DAY), withId('ig')), input: {} }, // closed
    // chatbot_initiated
    { channel: channel('viber', ago(2 * DAY), withId('vb')), input: { chatbotInitiatedThisMonth: 12 } },
    {
      channel: channel('wechat', ago(10 * HOUR), { ...withId('wc'), outboundSinceInbound: 3 }),
      input: { outboundSinceInbound: 3 },
    }, // open + left
    { channel: channel('telegram', ago(30 * DAY), withId('tg')), input: {} }, // no_window
    { channel: channel('line', null, withId('ln')), input: {} },
    { channel: channel('webchat', ago(HOUR), withId('web')), input: {} },
    { channel: channel('sms', null, withId('sms')), input: {} },
    { channel: channel('email', ago(DAY), withId('mail')), input: {} },
  ];
}

export function statusOf(setup: ChannelSetup, now: Date = NOW): WindowStatus {
  const ch = setup.channel;
  return evaluateWindow({
    channel: ch.type,
    now,
    lastInboundAt: ch.lastInboundAt ? new Date(ch.lastInboundAt) : null,
    ...setup.input,
  });
}

export function contact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'c-1',
    firstName: 'Ana',
    lastName: 'Silva',
    email: 'ana@example.com',
    phone: '+351 912 345 678',
    language: 'ar',
    assignee: 'U0001',
    status: 'closed',
    statusChangedAt: iso(ago(5 * HOUR)),
    lastActivityAt: iso(ago(5 * HOUR)),
    createdAt: iso(ago(30 * DAY)),
    updatedAt: iso(ago(5 * HOUR)),
    channels: [channel('whatsapp', ago(3 * HOUR))],
    ...overrides,
  };
}

/** A long but valid email (320 characters max in the contact schema). */
export function longEmail(i: number): string {
  return `${'very.long.mailbox.name.'.repeat(8)}${i}@${'subdomain.'.repeat(12)}example.com`.slice(0, 300);
}

/** A worst-case contact: 80-char Vietnamese name, long email and phone, all ten channels with long ids. */
export function worstContact(i: number): {
  contact: Contact;
  statuses: Array<{ channel: ContactChannel; status: WindowStatus }>;
} {
  const setups = allChannelSetups(true);
  const c = contact({
    id: `contact-${String(i).padStart(6, '0')}-${'x'.repeat(100)}`,
    ...vietnameseName(i),
    email: longEmail(i),
    phone: `+84 ${'9'.repeat(40)}${i}`,
    language: 'vi',
    assignee: i % 3 === 0 ? null : `U${String(1000 + i)}`,
    channels: setups.map((s) => s.channel),
  });
  return { contact: c, statuses: setups.map((s) => ({ channel: s.channel, status: statusOf(s) })) };
}

export function injectionContact(): {
  contact: Contact;
  statuses: Array<{ channel: ContactChannel; status: WindowStatus }>;
} {
  const setups = allChannelSetups();
  const c = contact({
    id: 'c-evil',
    firstName: INJECTION,
    lastName: '',
    email: '<!here>@evil.example',
    phone: '<!everyone>',
    language: '<!subteam^S1>',
    channels: setups.map((s) => s.channel),
  });
  return { contact: c, statuses: setups.map((s) => ({ channel: s.channel, status: statusOf(s) })) };
}

/** Raw Slack control sequences that must never appear in a built view or message. */
export const RAW_CONTROL = ['<!channel>', '<!here>', '<!everyone>', '<@U123>', '<https://evil', '<!subteam'];

export function expectNoRawControl(payload: unknown): string[] {
  const json = JSON.stringify(payload);
  return RAW_CONTROL.filter((s) => json.includes(s));
}

export { CHANNEL_TYPES };
