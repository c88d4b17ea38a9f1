/**
 * Demo data for a new install: a few hundred contacts in the seed's languages over all ten channel types,
 * with windows in every state relative to `now`. Pure and deterministic (seeded), emitted as ingest events
 * so the demo goes through the same path as real data.
 */
import { createHash } from 'node:crypto';
import { CHANNEL_TYPES, type ChannelType } from '../policy/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Lang {
  code: string;
  first: string[];
  last: string[];
  domains: string[];
  phone: (n: () => number) => string;
  hello: string;
}

const digits = (n: () => number, count: number) => Array.from({ length: count }, () => Math.floor(n() * 10)).join('');

const LANGS: Lang[] = [
  {
    code: 'en',
    first: ['Olivia', 'James', 'Amelia', 'Noah', 'Grace', 'Oliver', 'Chloe', 'Harry'],
    last: ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Davies', "O'Brien"],
    domains: ['example.com', 'mail.example.org'],
    phone: (n) => `+44 7${digits(n, 3)} ${digits(n, 6)}`,
    hello: 'Hi, any news on my order?',
  },
  {
    code: 'fr',
    first: ['Léa', 'Chloé', 'Hélène', 'François', 'Zoé', 'Jérôme', 'Maëlle', 'Noël'],
    last: ['Lefèvre', 'Dubois', 'Girard', 'Bélanger', 'Moreau', 'Castaño'],
    domains: ['exemple.fr', 'courriel.example.fr'],
    phone: (n) => `+33 6 ${digits(n, 2)} ${digits(n, 2)} ${digits(n, 2)} ${digits(n, 2)}`,
    hello: 'Bonjour, des nouvelles de ma commande ?',
  },
  {
    code: 'es',
    first: ['José', 'María', 'Lucía', 'Íñigo', 'Sofía', 'Álvaro', 'Begoña', 'Raúl'],
    last: ['García', 'Núñez', 'Pérez', 'Muñoz', 'Ibáñez', 'Gómez'],
    domains: ['ejemplo.es', 'correo.example.mx'],
    phone: (n) => `+34 6${digits(n, 2)} ${digits(n, 3)} ${digits(n, 3)}`,
    hello: 'Hola, ¿hay novedades de mi pedido?',
  },
  {
    code: 'de',
    first: ['Jürgen', 'Jörg', 'Björn', 'Lena', 'Käthe', 'Günther', 'Sören', 'Anja'],
    last: ['Müller', 'Schröder', 'Weiß', 'Groß', 'Köhler', 'Strauß'],
    domains: ['beispiel.de', 'post.example.at'],
    phone: (n) => `+49 (0)15${digits(n, 1)} ${digits(n, 7)}`,
    hello: 'Hallo, gibt es Neuigkeiten zu meiner Bestellung?',
  },
  {
    code: 'ar',
    first: ['مُحَمَّد', 'فَاطِمَة', 'أَحْمَد', 'عَائِشَة', 'يُوسُف', 'مَرْيَم', 'عَلِيّ', 'نُور'],
    last: ['العَلِي', 'الحَسَن', 'إِبْرَاهِيم', 'الخَطِيب', 'حُسَيْن'],
    domains: ['example.ae', 'example.sa'],
    phone: (n) => `+971 5${digits(n, 1)} ${digits(n, 3)} ${digits(n, 4)}`,
    hello: 'مرحبا، هل من جديد بخصوص طلبي؟',
  },
  {
    code: 'vi',
    first: ['Linh', 'Phương', 'Đức', 'Thảo', 'Quốc', 'Hằng', 'Tuấn', 'Ngọc'],
    last: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đặng', 'Võ'],
    domains: ['example.vn', 'thu.example.vn'],
    phone: (n) => `+84 9${digits(n, 2)} ${digits(n, 3)} ${digits(n, 3)}`,
    hello: 'Chào bạn, đơn hàng của tôi thế nào rồi?',
  },
];

/** Ages of the last inbound message that put each channel in each of its states (undefined = never wrote). */
const SCENARIOS: Partial<Record<ChannelType, Array<{ age?: number; sent?: number }>>> = {
  whatsapp: [{ age: 2 * HOUR }, { age: 23.5 * HOUR }, { age: 3 * DAY }, {}],
  messenger: [{ age: 5 * HOUR }, { age: 3 * DAY }, { age: 6.9 * DAY }, { age: 12 * DAY }],
  instagram: [{ age: 1 * HOUR }, { age: 4 * DAY }, { age: 9 * DAY }],
  viber: [{ age: 3 * HOUR }, { age: 2 * DAY }],
  wechat: [{ age: 10 * HOUR }, { age: 47.5 * HOUR }, { age: 3 * DAY }, { age: 5 * HOUR, sent: 20 }],
};

/** A small seeded PRNG (mulberry32): demo data and benchmarks are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

export interface DemoOptions {
  now: Date;
  count?: number;
  /** Slack user ids to assign contacts to (the installer's own id makes the Mine inbox useful). */
  agents?: string[];
  seed?: number;
}

/** Who the demo data assigns contacts to when no agents are given. */
export const DEMO_AGENTS = ['U0DEMO0001', 'U0DEMO0002', 'U0DEMO0003'];

const AGENT_ASSIGNMENT = '-assign-';

/**
 * The id of the event assigning demo contact `n` to one of `agents`. Ingest drops a replayed id, so the id
 * names the agent list: seeding again with other agents assigns again, with the same agents changes nothing.
 */
function agentAssignmentId(seed: number, agents: readonly string[], n: number): string {
  const list = createHash('sha256').update(agents.join(',')).digest('hex').slice(0, 12);
  return `demo-${seed}${AGENT_ASSIGNMENT}${list}-${n}`;
}

/** Whether a demo event is an assignment to the agents the caller gave (not part of the demo data proper). */
export function isAgentAssignment(event: Record<string, unknown>): boolean {
  return event.type === 'contact.assigned' && String(event.id).includes(AGENT_ASSIGNMENT);
}

export const DEMO_TEMPLATES = [
  { name: 'order_update', language: 'en', body: 'Hello {{1}}, your order {{2}} has shipped.' },
  { name: 'order_update', language: 'fr', body: 'Bonjour {{1}}, votre commande {{2}} a été expédiée.' },
  { name: 'order_update', language: 'es', body: 'Hola {{1}}, tu pedido {{2}} ha sido enviado.' },
  { name: 'order_update', language: 'de', body: 'Hallo {{1}}, Ihre Bestellung {{2}} wurde versandt.' },
  { name: 'order_update', language: 'ar', body: 'مرحبا {{1}}، تم شحن طلبك {{2}}.' },
  { name: 'order_update', language: 'vi', body: 'Xin chào {{1}}, đơn hàng {{2}} đã được giao.' },
  {
    name: 'follow_up',
    language: 'en',
    body: 'Hi {{first_name}}, we are following up on your request {{ticket}}. Reply here to continue.',
  },
  {
    name: 'follow_up',
    language: 'vi',
    body: 'Chào {{first_name}}, chúng tôi liên hệ lại về yêu cầu {{ticket}}. Hãy trả lời tin nhắn này.',
  },
  {
    name: 'promo_winter',
    language: 'en',
    body: 'Winter sale: {{1}} off for you, {{2}}!',
    status: 'PENDING' as const,
    category: 'MARKETING' as const,
  },
];

export function generateDemoEvents(opts: DemoOptions): Array<Record<string, unknown>> {
  const rnd = mulberry32(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const now = opts.now.getTime();
  const agents = opts.agents ?? [];
  const count = opts.count ?? 300;
  const seed = opts.seed ?? 42;
  const events: Array<Record<string, unknown>> = [];
  // Events with sequence ids do not depend on `agents`: a second run replays them all as duplicates.
  let seq = 0;
  const id = () => `demo-${seed}-${++seq}`;
  const iso = (t: number) => new Date(t).toISOString();

  for (const t of DEMO_TEMPLATES) {
    events.push({
      id: id(),
      type: 'template.upserted',
      at: iso(now - 30 * DAY),
      template: { category: 'UTILITY', status: 'APPROVED', ...t },
    });
  }

  for (let i = 0; i < count; i++) {
    const lang = LANGS[i % LANGS.length]!;
    const first = pick(lang.first);
    const last = pick(lang.last);
    const contactId = `demo-${String(i + 1).padStart(4, '0')}`;
    const email =
      lang.code === 'ar'
        ? `customer${i + 1}@${pick(lang.domains)}`
        : `${ascii(first)}.${ascii(last)}${i + 1}@${pick(lang.domains)}`;
    const phone = lang.phone(rnd);
    // Every contact gets one windowed channel (cycling through all of them) and sometimes a second channel.
    const primary = CHANNEL_TYPES[i % CHANNEL_TYPES.length]!;
    const channels = new Set<ChannelType>([primary]);
    if (rnd() < 0.5) channels.add(pick(CHANNEL_TYPES));
    const created = now - (30 + rnd() * 60) * DAY;
    events.push({
      id: id(),
      type: 'contact.upserted',
      at: iso(created),
      contact: {
        id: contactId,
        firstName: first,
        lastName: last,
        email,
        phone,
        language: lang.code,
        channels: [...channels].map((type) => ({
          type,
          address:
            type === 'email'
              ? email
              : type === 'whatsapp' || type === 'sms' || type === 'viber'
                ? phone.replace(/[^\d+]/g, '')
                : `${type}-${contactId}`,
        })),
      },
    });
    for (const type of channels) {
      const scenarios = SCENARIOS[type] ?? [{ age: (1 + rnd() * 20) * DAY }];
      const sc = scenarios[Math.floor(i / CHANNEL_TYPES.length + rnd() * 2) % scenarios.length]!;
      if (sc.age === undefined) continue;
      const at = now - sc.age;
      events.push({ id: id(), type: 'message.received', at: iso(at), contactId, channel: type, text: lang.hello });
      for (let k = 0; k < (sc.sent ?? (rnd() < 0.6 ? 1 : 0)); k++) {
        events.push({ id: id(), type: 'message.sent', at: iso(at + (k + 1) * 60_000), contactId, channel: type });
      }
    }
    const assignee = rnd() < 0.85 ? DEMO_AGENTS[i % DEMO_AGENTS.length]! : null;
    const assignedAt = iso(now - 2 * HOUR - i * 1000);
    events.push({ id: id(), type: 'contact.assigned', at: assignedAt, contactId, assignee });
    if (assignee && agents.length > 0) {
      const assignment = { at: assignedAt, contactId, assignee: agents[i % agents.length]! };
      events.push({ id: agentAssignmentId(seed, agents, i + 1), type: 'contact.assigned', ...assignment });
    }
    if (rnd() < 0.7)
      events.push({
        id: id(),
        type: 'conversation.closed',
        at: iso(now - HOUR - i * 1000),
        contactId,
        ...(assignee ? { by: assignee } : {}),
      });
  }
  return events;
}
