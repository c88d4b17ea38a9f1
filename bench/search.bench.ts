/**
 * `npm run bench search [--quick] [--no-sqlite]`: the contact search index on 100k and 1M synthetic
 * multilingual contacts (en/fr/es/de/ar/vi, deterministic): every kind of query the UI and the CLI make
 * (tableRows), each next to a brute-force scan of the same query at the same instant that must give the same
 * answer, and the text kinds next to SQLite `LIKE '%q%'` over the same rows in a real SQLite file.
 *
 * Each size runs in its own child process so the RSS after build is that size's alone.
 * Targets at 1M: p95 ≤ 5 ms and p99 ≤ 10 ms for every row, build ≤ 10 s, RSS ≤ 1 GB.
 */
import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sqlite3 from 'sqlite3';
import { ContactIndex } from '../src/contacts/index.js';
import type { Contact, ContactChannel } from '../src/contacts/model.js';
import { foldName } from '../src/contacts/normalize.js';
import type { SearchQuery } from '../src/contacts/query.js';
import { CHANNEL_TYPES, WINDOW_STATES } from '../src/policy/index.js';
import { mulberry32 } from '../src/demo/demo-events.js';
import { BruteForceContacts } from './search-brute-force.js';
import { percentile, printTable } from './support.js';

export const NOW = new Date('2025-03-10T12:00:00.000Z');
const DAY = 86_400_000;
const SEED = 0x5eed;
const QUERIES_PER_KIND = 300;
/** SQLite scans every row per query: fewer queries keep the run short (printed in the table). */
const SQLITE_QUERIES = { 100000: 40, 1000000: 12 } as Record<number, number>;
const TARGET = { p95Ms: 5, p99Ms: 10, buildS: 10, rssMb: 1024 };

// ---------- deterministic synthetic contacts ----------

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const digits = (r: Rand, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(r() * 10);
  return s;
};

const words = (s: string): string[] => s.split(/\s*,\s*/);
const NAMES = {
  en: {
    first: words(
      'James, Mary, John, Patricia, Robert, Jennifer, Michael, Linda, William, Elizabeth, David, Barbara, Richard, ' +
        'Susan, Joseph, Jessica, Thomas, Sarah, Charles, Karen, Emily, Olivia, Noah, Liam, Emma, Ava, Sophia, ' +
        'Mason, Ethan, Chloe',
    ),
    last: words(
      'Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Anderson, Taylor, Thomas, Moore, Jackson, ' +
        "Martin, Lee, Thompson, White, Harris, Clark, Lewis, Robinson, Walker, O'Brien, McDonald, Young, Allen, " +
        'King, Wright, Scott, Green',
    ),
  },
  fr: {
    first: words(
      'Jean, Marie, Pierre, Françoise, Jérôme, Hélène, Benoît, Cécile, Élodie, Stéphane, Gaëlle, Noël, Amélie, ' +
        'Loïc, Thérèse, Sébastien, Léa, Chloé, Zoé, Maël, Anaïs, Jean-Pierre, Marie-Claire, François, Agnès, ' +
        'Frédéric, Mathéo, Inès, Raphaël, Océane',
    ),
    last: words(
      'Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Lefèvre, Garçon, Rousseau, ' +
        'Fontaine, Chevalier, Girard, Lambert, Bonnet, François, Mercier, Dupont, Lefebvre, Faure, André, ' +
        "Gauthier, Crépin, Benoît, Lemaître, Hébert, D'Arcy",
    ),
  },
  es: {
    first: words(
      'José, María, Juan, Lucía, Sofía, Martín, Andrés, Íñigo, Begoña, Jesús, Raúl, Inés, Álvaro, Nuria, Sergio, ' +
        'Carmen, Pilar, Ramón, Tomás, Verónica, Joaquín, Ángela, Rocío, Adrián, Óscar, Víctor, Mónica, Pablo, ' +
        'Elena, José Luis',
    ),
    last: words(
      'García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Gómez, Martín, Jiménez, Ruiz, ' +
        'Hernández, Díaz, Moreno, Muñoz, Álvarez, Romero, Alonso, Gutiérrez, Navarro, Torres, Domínguez, Vázquez, ' +
        'Ramos, Núñez, Peña, Castaño, Ibáñez, Serrano',
    ),
  },
  de: {
    first: words(
      'Jürgen, Günter, Jörg, Björn, Käthe, Anneliese, Klaus, Wolfgang, Heinz, Ursula, Gisela, Hannelore, Lukas, ' +
        'Lea, Jonas, Mia, Felix, Leonie, Maximilian, Sören, Dörte, Uwe, Götz, Jörn, Bärbel, Grete, Fritz, Ilse, ' +
        'Helmut, Jan-Ole',
    ),
    last: words(
      'Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Schäfer, Koch, Bauer, ' +
        'Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann, Braun, Krüger, Hofmann, Hartmann, Groß, ' +
        'Weiß, Jäger, Köhler, Strauß, Lange',
    ),
  },
};
/** Arabic names: [spelling as stored, vocalised variant (harakat) or '', Latin transliteration for emails]. */
const AR_FIRST: [string, string, string][] = [
  ['محمد', 'مُحَمَّد', 'mohamed'],
  ['أحمد', 'أَحْمَد', 'ahmed'],
  ['علي', 'عَلِيّ', 'ali'],
  ['فاطمة', 'فَاطِمَة', 'fatima'],
  ['عائشة', 'عَائِشَة', 'aisha'],
  ['خديجة', '', 'khadija'],
  ['يوسف', 'يُوسُف', 'youssef'],
  ['إبراهيم', 'إِبْرَاهِيم', 'ibrahim'],
  ['مصطفى', 'مُصْطَفَى', 'mostafa'],
  ['عبد الله', 'عَبْدُ ٱللَّٰه', 'abdullah'],
  ['حسن', 'حَسَن', 'hassan'],
  ['حسين', '', 'hussein'],
  ['مريم', 'مَرْيَم', 'maryam'],
  ['زينب', '', 'zainab'],
  ['عمر', 'عُمَر', 'omar'],
  ['خالد', 'خَالِد', 'khaled'],
  ['سارة', '', 'sara'],
  ['نور', 'نُور', 'nour'],
  ['ليلى', 'لَيْلَى', 'layla'],
  ['آمنة', 'آمِنَة', 'amina'],
  ['ياسين', '', 'yassine'],
  ['هدى', 'هُدَى', 'huda'],
  ['سلمى', '', 'salma'],
  ['كريم', 'كَرِيم', 'karim'],
  ['رانيا', '', 'rania'],
  ['طارق', 'طَارِق', 'tarek'],
  ['منى', '', 'mona'],
  ['إيمان', 'إِيمَان', 'iman'],
  ['سعيد', 'سَعِيد', 'said'],
  ['أمين', 'أَمِين', 'amin'],
];
const AR_LAST: [string, string, string][] = [
  ['الحسن', '', 'alhassan'],
  ['الأحمد', '', 'alahmad'],
  ['العلي', '', 'alali'],
  ['السيد', 'ٱلسَّيِّد', 'elsayed'],
  ['المصري', '', 'elmasry'],
  ['الشريف', '', 'elsherif'],
  ['القاسم', '', 'alqasim'],
  ['الخطيب', 'ٱلْخَطِيب', 'alkhatib'],
  ['النجار', '', 'alnajjar'],
  ['حداد', 'حَدَّاد', 'haddad'],
  ['عثمان', 'عُثْمَان', 'othman'],
  ['سليمان', '', 'suleiman'],
  ['منصور', 'مَنْصُور', 'mansour'],
  ['عبد الرحمن', '', 'abdelrahman'],
  ['يعقوب', '', 'yacoub'],
  ['جابر', '', 'jaber'],
  ['صالح', 'صَالِح', 'saleh'],
  ['فرح', '', 'farah'],
  ['بكر', '', 'bakr'],
  ['إسماعيل', '', 'ismail'],
];
const VI_GIVEN = words(
  'Linh, Anh, Minh, Hương, Thảo, Ngọc, Trang, Hùng, Dũng, Tuấn, Phương, Hà, Lan, Hải, Quang, Đức, Thủy, Hạnh, ' +
    'Nhung, Khánh, Thắng, Hoàng, Long, Bảo, Việt, Yến, Hiếu, Nam, Trung, Thư',
);
const VI_MIDDLE = words('Thị, Văn, Đức, Ngọc, Minh, Thu, Hữu, Quốc, Thanh, Xuân');
/** Vietnamese family names, Nguyễn about 38% as in the population. */
const VI_LAST = [
  ...Array(14).fill('Nguyễn'),
  ...words(
    'Trần, Trần, Trần, Lê, Lê, Phạm, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Hồ, Ngô, Dương, Lý, Đinh, ' +
      'Trương, Lâm',
  ),
];

const BIG_MAIL = words(
  'gmail.com, yahoo.com, outlook.com, hotmail.com, icloud.com, gmx.de, web.de, t-online.de, orange.fr, free.fr, ' +
    'laposte.net, hotmail.fr, yahoo.es, telefonica.net, vnn.vn, fpt.vn, yahoo.com.vn, live.com, aol.com, gmail.sa',
);
const COMPANY_WORDS = words(
  'acme, globex, initech, umbrella, stark, wayne, wonka, hooli, vandelay, soylent, cyberdyne, tyrell, aperture, ' +
    'oscorp, nakatomi, monarch, duff, gringotts, pied, piper, dunder, sterling, bluth, prestige, virtucon, ' +
    'massive, dynamic, aurora, zenith, helix',
);
const COMPANY_TLDS = words('com, de, fr, es, vn, sa, ae, co.uk, io, net');
/** A few hundred domains: 20 big mailbox providers plus 300 company domains. */
const COMPANY_DOMAINS = Array.from({ length: 300 }, (_, i) => {
  const w = COMPANY_WORDS[i % COMPANY_WORDS.length]!;
  const w2 = COMPANY_WORDS[(Math.floor(i / COMPANY_WORDS.length) * 3) % COMPANY_WORDS.length]!;
  return `${w}${i >= COMPANY_WORDS.length ? `-${w2}` : ''}.${COMPANY_TLDS[i % COMPANY_TLDS.length]}`;
});

type Locale = 'en' | 'fr' | 'es' | 'de' | 'ar' | 'vi';
const LOCALES: Locale[] = ['en', 'fr', 'es', 'de', 'ar', 'vi'];

/** A phone as [country code, national significant number, national trunk prefix]. */
function phoneFor(r: Rand, locale: Locale): [string, string, string] {
  switch (locale) {
    case 'vi':
      return ['84', `9${digits(r, 8)}`, '0'];
    case 'fr':
      return ['33', `${pick(r, ['6', '7'])}${digits(r, 8)}`, '0'];
    case 'es':
      return ['34', `6${digits(r, 8)}`, ''];
    case 'de':
      return ['49', `15${digits(r, 9)}`, '0'];
    case 'ar':
      return r() < 0.5
        ? ['966', `5${digits(r, 8)}`, '0']
        : r() < 0.5
          ? ['971', `5${digits(r, 8)}`, '0']
          : ['20', `1${digits(r, 9)}`, '0'];
    case 'en':
      return r() < 0.6 ? ['1', `${2 + Math.floor(r() * 8)}${digits(r, 9)}`, ''] : ['44', `7${digits(r, 9)}`, '0'];
  }
}

/** Groups digits like people write them: 3-3-… or 2-2-… */
function grouped(national: string, size: number, sep: string): string {
  const parts: string[] = [];
  for (let i = 0; i < national.length; i += size) parts.push(national.slice(i, i + size));
  return parts.join(sep);
}

/** The stored spelling: international, in one of several formats. */
function formatStored(r: Rand, [cc, nsn]: [string, string, string]): string {
  switch (Math.floor(r() * 6)) {
    case 0:
      return `+${cc}${nsn}`;
    case 1:
      return `+${cc} ${grouped(nsn, 3, ' ')}`;
    case 2:
      return `+${cc}-${grouped(nsn, 3, '-')}`;
    case 3:
      return `+${cc}.${grouped(nsn, 2, '.')}`;
    case 4:
      return `+${cc} (${nsn.slice(0, 3)}) ${nsn.slice(3)}`;
    default:
      return `00${cc} ${grouped(nsn, 4, ' ')}`;
  }
}

interface Person {
  contact: Contact;
  locale: Locale;
  /** How a person would type the name without accents or harakat. */
  plainName: string;
  phone: [string, string, string];
}

/**
 * Contact i, always the same for the same i (its own PRNG stream). Exported: other benchmarks (slack)
 * load the same synthetic population.
 */
export function person(i: number): Person {
  const r = mulberry32(Math.imul(i + 1, 0x9e3779b1) ^ SEED);
  const locale = LOCALES[Math.floor(r() * LOCALES.length)]!;
  let firstName: string;
  let lastName: string;
  let latin: [string, string];
  let plainName: string;
  if (locale === 'ar') {
    const f = pick(r, AR_FIRST);
    const l = pick(r, AR_LAST);
    const vocalised = r() < 0.3;
    firstName = vocalised && f[1] ? f[1] : f[0];
    lastName = vocalised && l[1] ? l[1] : l[0];
    latin = [f[2], l[2]];
    // Typed without harakat and with bare alef forms: أحمد → احمد.
    plainName = `${f[0]} ${l[0]}`.replace(/[أإآ]/g, 'ا');
  } else if (locale === 'vi') {
    firstName = `${pick(r, VI_MIDDLE)} ${pick(r, VI_GIVEN)}`;
    lastName = pick(r, VI_LAST);
    latin = [foldName(firstName.split(' ')[1]!), foldName(lastName)];
    plainName = foldName(`${firstName} ${lastName}`);
  } else {
    firstName = pick(r, NAMES[locale].first);
    lastName = pick(r, NAMES[locale].last);
    latin = [foldName(firstName), foldName(lastName)];
    plainName = foldName(`${firstName} ${lastName}`);
  }
  const [lf, ll] = latin.map((s) => s.replace(/[^a-z0-9]/g, '')) as [string, string];
  const local = pick(r, [
    `${lf}.${ll}`,
    `${lf}${ll}${Math.floor(r() * 100)}`,
    `${lf[0]}.${ll}`,
    `${lf}_${ll}${Math.floor(r() * 1000)}`,
    `${ll}.${lf}`,
  ]);
  const domain = r() < 0.4 ? pick(r, BIG_MAIL) : pick(r, COMPANY_DOMAINS);
  const email = r() < 0.1 ? `${local[0]!.toUpperCase()}${local.slice(1)}@${domain}` : `${local}@${domain}`;
  const phone = phoneFor(r, locale);
  const activity = NOW.getTime() - Math.floor(r() * 90 * DAY);
  const channels: ContactChannel[] = [];
  const nChannels = 1 + Math.floor(r() * 2);
  for (let k = 0; k < nChannels; k++) {
    const inbound = r() < 0.8 ? new Date(NOW.getTime() - Math.floor(r() * 10 * DAY)).toISOString() : null;
    channels.push({
      type: pick(r, CHANNEL_TYPES),
      lastInboundAt: inbound,
      lastOutboundAt: null,
      outboundSinceInbound: Math.floor(r() * 3),
    });
  }
  const iso = new Date(activity).toISOString();
  const contact: Contact = {
    id: `ct_${i.toString(36).padStart(7, '0')}`,
    firstName,
    lastName,
    email: r() < 0.95 ? email : '',
    phone: r() < 0.95 ? formatStored(r, phone) : '',
    language: locale,
    assignee: r() < 0.7 ? `U${String(Math.floor(r() * 50)).padStart(8, '0')}` : null,
    status: r() < 0.7 ? 'closed' : 'open',
    statusChangedAt: iso,
    lastActivityAt: iso,
    createdAt: new Date(activity - 30 * DAY).toISOString(),
    updatedAt: iso,
    channels,
  };
  // As read back from the store (JSON): flat strings, not the ropes template literals build.
  return { locale, plainName, phone, contact: JSON.parse(JSON.stringify(contact)) as Contact };
}

// ---------- query mix ----------

/** Exported: the fleet benchmark times the same query kinds on servers over each store. */
export const KINDS = [
  'name prefix',
  'full name',
  'accent-free name',
  'email prefix',
  '@domain',
  'full phone',
  'last-digits phone',
  'no match',
] as const;
export type Kind = (typeof KINDS)[number];

/** A query of the kind, derived from contact i (so most have an answer). */
export function queryText(kind: Kind, i: number, r: Rand): string {
  const p = person(i);
  const c = p.contact;
  switch (kind) {
    case 'name prefix': {
      const word = pick(r, `${c.firstName} ${c.lastName}`.split(' '));
      return [...word].slice(0, 3 + Math.floor(r() * 2)).join('');
    }
    case 'full name':
      return `${c.firstName} ${c.lastName}`;
    case 'accent-free name':
      return p.plainName;
    case 'email prefix':
      return (c.email || 'linh.nguyen@x').slice(0, 4 + Math.floor(r() * 5));
    case '@domain':
      return `@${(c.email || 'a@gmail.com').split('@')[1]}`;
    case 'full phone': {
      // Typed differently from how it is stored: E.164, or national with its trunk prefix.
      const [cc, nsn, trunk] = p.phone;
      return r() < 0.5 ? `+${cc}${nsn}` : `${trunk}${grouped(nsn, 3, ' ')}`;
    }
    case 'last-digits phone':
      return p.phone[1].slice(-(4 + Math.floor(r() * 3)));
    case 'no match':
      return `${pick(r, ['qzx', 'wvk', 'xjq', 'zzv'])}${digits(r, 2)} ${pick(r, ['pflg', 'kzw'])}`;
  }
}

interface Timed {
  ms: number[];
  hits: number[];
}

function summary(t: Timed): { p50: number; p95: number; p99: number; hits: number } {
  const s = [...t.ms].sort((a, b) => a - b);
  return {
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    hits: t.hits.reduce((a, b) => a + b, 0) / Math.max(1, t.hits.length),
  };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const fmt = (ms: number) => (Number.isNaN(ms) ? '—' : ms < 10 ? ms.toFixed(3) : ms.toFixed(1));

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

// ---------- SQLite baseline ----------

function run(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
}
function all<T>(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) =>
    db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))),
  );
}

/** The baseline table, filled in one transaction; `seconds` times the SQL only, not generating the rows. */
async function buildSqlite(
  file: string,
  n: number,
  each: (c: Contact) => void,
): Promise<{ db: sqlite3.Database; seconds: number }> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  let ms = 0;
  const timed = async (sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    await run(db, sql, params);
    ms += performance.now() - t0;
  };
  await timed('PRAGMA synchronous = OFF');
  await timed(
    `CREATE TABLE contacts (id TEXT PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT, phone TEXT,
       status TEXT, assignee TEXT, last_activity_at INTEGER)`,
  );
  await timed('BEGIN');
  const BATCH = 400;
  const rowSql = '(?,?,?,?,?,?,?,?)';
  for (let start = 0; start < n; start += BATCH) {
    const end = Math.min(n, start + BATCH);
    const params: unknown[] = [];
    for (let i = start; i < end; i++) {
      const c = person(i).contact;
      each(c);
      params.push(c.id, c.firstName, c.lastName, c.email, c.phone, c.status, c.assignee, Date.parse(c.lastActivityAt));
    }
    await timed(
      `INSERT INTO contacts VALUES ${Array(end - start)
        .fill(rowSql)
        .join(',')}`,
      params,
    );
  }
  await timed('COMMIT');
  return { db, seconds: ms / 1000 };
}

const SQLITE_SEARCH = `SELECT id, COUNT(*) OVER () AS total FROM contacts
  WHERE (first_name || ' ' || last_name LIKE ?1 OR email LIKE ?1 OR phone LIKE ?1) AND (?2 = 'any' OR status = ?2)
  ORDER BY last_activity_at DESC, id LIMIT 20`;

// ---------- filter rows ----------

const AGENTS = 50;
const agentId = (k: number) => `U${String(k % AGENTS).padStart(8, '0')}`;
const LIMIT = 20;
const FILTER_QUERIES = 100;
const PAGE_QUERIES = 40;
const STEP_MS = 1000;

/** One row of the table: its k-th query, and which page of it is timed (1 = the first). */
interface Row {
  label: string;
  query: (k: number) => SearchQuery;
  page: number;
  count: number;
}

/**
 * Every query the UI and the CLI can produce, by kind: the text kinds, each inbox × status, each window
 * state and channel (at the default status, Closed), combinations, and page 50 of long lists.
 */
function tableRows(textOf: (kind: Kind, k: number) => string): Row[] {
  const rows: Row[] = [];
  const add = (label: string, query: (k: number) => SearchQuery, page = 1, count = FILTER_QUERIES) =>
    rows.push({ label, query, page, count });
  for (const kind of KINDS) {
    add(kind, (k) => ({ text: textOf(kind, k), status: k % 2 === 0 ? 'any' : 'closed' }), 1, QUERIES_PER_KIND);
  }
  for (const status of ['closed', 'open', 'any'] as const) {
    add(`(no text) all, ${status}`, () => ({ status }));
    add(`(no text) mine, ${status}`, (k) => ({ inbox: 'mine', agentId: agentId(k), status }));
  }
  for (const state of [...WINDOW_STATES, 'closing_soon'] as const)
    add(`window ${state}`, () => ({ windowState: state }));
  for (const channel of CHANNEL_TYPES) add(`channel ${channel}`, () => ({ channel }));
  const combos: [string, SearchQuery][] = [
    ['whatsapp + open', { channel: 'whatsapp', windowState: 'open' }],
    ['whatsapp + template_only', { channel: 'whatsapp', windowState: 'template_only' }],
    ['whatsapp + closing_soon', { channel: 'whatsapp', windowState: 'closing_soon' }],
    ['messenger + human_agent', { channel: 'messenger', windowState: 'human_agent' }],
    ['messenger + tag_only', { channel: 'messenger', windowState: 'tag_only' }],
    ['instagram + closed', { channel: 'instagram', windowState: 'closed' }],
    ['viber + chatbot_initiated', { channel: 'viber', windowState: 'chatbot_initiated' }],
    ['wechat + open, any status', { channel: 'wechat', windowState: 'open', status: 'any' }],
    ['sms + no_window, open status', { channel: 'sms', windowState: 'no_window', status: 'open' }],
  ];
  for (const [label, q] of combos) add(label, () => q);
  add('mine + closing_soon', (k) => ({ inbox: 'mine', agentId: agentId(k), windowState: 'closing_soon' }));
  add('mine + template_only', (k) => ({ inbox: 'mine', agentId: agentId(k), windowState: 'template_only' }));
  add('mine + whatsapp + open, any', (k) => ({
    inbox: 'mine',
    agentId: agentId(k),
    channel: 'whatsapp',
    windowState: 'open',
    status: 'any',
  }));
  add('name prefix + whatsapp + open', (k) => ({
    text: textOf('name prefix', k),
    status: 'any',
    channel: 'whatsapp',
    windowState: 'open',
  }));
  add('name prefix + mine', (k) => ({ text: textOf('name prefix', k), inbox: 'mine', agentId: agentId(k) }));
  add('full name + closing_soon, any', (k) => ({
    text: textOf('full name', k),
    status: 'any',
    windowState: 'closing_soon',
  }));
  add('@domain + template_only', (k) => ({ text: textOf('@domain', k), windowState: 'template_only' }));
  add('last digits + sms, any', (k) => ({ text: textOf('last-digits phone', k), status: 'any', channel: 'sms' }));
  add('page 50: all, closed', () => ({ status: 'closed' }), 50, PAGE_QUERIES);
  add('page 50: mine, any', (k) => ({ inbox: 'mine', agentId: agentId(k), status: 'any' }), 50, PAGE_QUERIES);
  add('page 50: window template_only', () => ({ windowState: 'template_only' }), 50, PAGE_QUERIES);
  add('page 50: channel whatsapp', () => ({ channel: 'whatsapp' }), 50, PAGE_QUERIES);
  return rows.map((row) => ({ ...row, query: (k: number) => ({ limit: LIMIT, ...row.query(k) }) }));
}

// ---------- one size ----------

class SkipSqlite extends Error {}

async function benchSize(n: number, withSqlite: boolean): Promise<void> {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `\n--- ${n.toLocaleString('en')} contacts ` +
      `(node ${process.version}, ${cpus().length} CPUs, load average ${load}) ---`,
  );
  gc();
  const base = process.memoryUsage();

  // Build: generate in chunks (not timed, and its garbage collected before timing so the bench's own
  // allocations are not billed to the index), upsert (timed), then the first search, which flushes the tail.
  const index = new ContactIndex();
  const CHUNK = 50_000;
  let upsertMs = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const chunk: Contact[] = [];
    for (let i = start; i < Math.min(n, start + CHUNK); i++) chunk.push(person(i).contact);
    gc();
    const t0 = performance.now();
    for (const c of chunk) index.upsert(c);
    upsertMs += performance.now() - t0;
  }
  const t1 = performance.now();
  index.search({ text: 'warm', windowState: 'open' }, NOW);
  const flushMs = performance.now() - t1;
  const buildS = (upsertMs + flushMs) / 1000;
  gc();
  const mem = process.memoryUsage();
  console.log(
    `index build: ${buildS.toFixed(2)} s (upserts ${(upsertMs / 1000).toFixed(2)} s ` +
      `+ first search ${(flushMs / 1000).toFixed(2)} s: text segments, window states) ` +
      `= ${(((upsertMs + flushMs) * 1000) / n).toFixed(2)} µs/contact   [target ≤ ${TARGET.buildS} s at 1M]`,
  );
  console.log(
    `memory after build (after gc): RSS ${mb(mem.rss)} [target ≤ ${TARGET.rssMb} MB at 1M], ` +
      `heap used ${mb(mem.heapUsed)}, array buffers ${mb(mem.arrayBuffers)}; ` +
      `index ≈ ${mb(mem.heapUsed + mem.arrayBuffers - base.heapUsed - base.arrayBuffers)}`,
  );

  // Each query runs at its own instant, a second after the previous one, as a live clock moves.
  let clock = NOW.getTime();
  const tick = () => new Date((clock += STEP_MS));
  const r = mulberry32(SEED ^ n);
  const texts = new Map<Kind, string[]>(
    KINDS.map((kind) => [
      kind,
      Array.from({ length: QUERIES_PER_KIND }, () => queryText(kind, Math.floor(r() * n), r)),
    ]),
  );
  const textOf = (kind: Kind, k: number) => texts.get(kind)![k % QUERIES_PER_KIND]!;
  const rows = tableRows(textOf);

  // The cursor of page `page` of a query, found by paging (not timed).
  const cursorFor = (q: SearchQuery, page: number, now: Date): string | undefined => {
    let cursor: string | undefined;
    for (let p = 1; p < page; p++) {
      cursor = index.search({ ...q, ...(cursor === undefined ? {} : { cursor }) }, now).nextCursor ?? undefined;
      if (cursor === undefined) break;
    }
    return cursor;
  };
  const indexResults = new Map<string, Timed>();
  for (const row of rows) {
    const cursors = new Map<string, string | undefined>();
    const prepared = Array.from({ length: row.count }, (_, k) => {
      const q = row.query(k);
      if (row.page === 1) return q;
      const key = JSON.stringify(q);
      if (!cursors.has(key)) cursors.set(key, cursorFor(q, row.page, new Date(clock)));
      const cursor = cursors.get(key);
      return cursor === undefined ? q : { ...q, cursor };
    });
    for (const q of prepared.slice(0, 10)) index.search(q, tick()); // warm-up
    const t: Timed = { ms: [], hits: [] };
    for (const q of prepared) {
      const now = tick();
      const t0 = performance.now();
      const res = index.search(q, now);
      t.ms.push(performance.now() - t0);
      t.hits.push(res.total);
    }
    indexResults.set(row.label, t);
  }

  // The brute-force scan of the same queries (a few each: they evaluate every contact's windows), and the
  // index's answer at the same instant, which must be the same; and the SQLite LIKE baseline for text.
  const brute = new BruteForceContacts();
  const file = join(tmpdir(), `followup-search-bench-${process.pid}-${n}.sqlite`);
  const sqliteResults = new Map<Kind, Timed>();
  const sqliteCount = SQLITE_QUERIES[n] ?? 20;
  let sqliteBuild = NaN;
  try {
    if (!withSqlite) throw new SkipSqlite();
    const { db, seconds } = await buildSqlite(file, n, (c) => brute.add(c));
    sqliteBuild = seconds;
    for (const kind of KINDS) {
      const list = texts
        .get(kind)!
        .slice(0, sqliteCount)
        .map((text, k) => ({ text, status: k % 2 === 0 ? 'any' : 'closed' }));
      await all(db, SQLITE_SEARCH, [`%${list[0]!.text}%`, list[0]!.status]); // warm the page cache
      const t: Timed = { ms: [], hits: [] };
      for (const q of list) {
        const t0 = performance.now();
        const found = await all<{ id: string; total: number }>(db, SQLITE_SEARCH, [`%${q.text}%`, q.status]);
        t.ms.push(performance.now() - t0);
        t.hits.push(found[0]?.total ?? 0);
      }
      sqliteResults.set(kind, t);
    }
    await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  } catch (err) {
    if (!(err instanceof SkipSqlite)) throw err;
    for (let i = 0; i < n; i++) brute.add(person(i).contact);
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
  const bruteCount = n >= 1_000_000 ? 2 : 4;
  const bruteResults = new Map<string, { ms: number[]; same: boolean }>();
  for (const row of rows) {
    const result = { ms: [] as number[], same: true };
    for (let k = 0; k < bruteCount; k++) {
      const q = row.query(k * 7);
      const now = tick();
      const t0 = performance.now();
      const expected = brute.search(q, now, (row.page - 1) * LIMIT);
      result.ms.push(performance.now() - t0);
      const cursor = row.page === 1 ? undefined : cursorFor(q, row.page, now);
      const got = index.search(cursor === undefined ? q : { ...q, cursor }, now);
      if (got.total !== expected.total || JSON.stringify(got.ids) !== JSON.stringify(expected.ids)) result.same = false;
    }
    bruteResults.set(row.label, result);
  }

  // Upserts into the built index, as ingest sends them: half bump activity only, half change the text.
  const UPDATES = 20_000;
  const ur = mulberry32(SEED + 7);
  const updates: Contact[] = [];
  for (let k = 0; k < UPDATES; k++) {
    const c = person(Math.floor(ur() * n)).contact;
    const at = new Date(NOW.getTime() - Math.floor(ur() * DAY)).toISOString();
    updates.push(
      k % 2 === 0
        ? { ...c, lastActivityAt: at }
        : { ...c, lastActivityAt: at, lastName: `${c.lastName} ${k}`, email: `x${k}.${c.email}` },
    );
  }
  const tu = performance.now();
  for (const c of updates) index.upsert(c);
  const tuFlush = performance.now();
  index.search({ text: 'warm' }, tick()); // flushes what the updates left in the tail
  const tuEnd = performance.now();
  console.log(
    `upserts into the built index: ${UPDATES.toLocaleString('en')} (half activity-only, half text changes) ` +
      `in ${(tuEnd - tu).toFixed(0)} ms ` +
      `= ${(((tuEnd - tu) * 1000) / UPDATES).toFixed(1)} µs each amortised incl. the flush/merge they caused ` +
      `(${(tuEnd - tuFlush).toFixed(0)} ms of it in the next search)`,
  );
  // The text kinds once more after the updates (segments + tail): p95 per kind, to show no regression.
  const after = new Map<Kind, number>();
  for (const kind of KINDS) {
    const ms: number[] = [];
    for (const text of texts.get(kind)!.slice(0, 100)) {
      const now = tick();
      const t0 = performance.now();
      index.search({ text }, now);
      ms.push(performance.now() - t0);
    }
    after.set(
      kind,
      percentile(
        ms.sort((a, b) => a - b),
        95,
      ),
    );
  }

  // The table.
  const atScale = n >= 1_000_000;
  const header = [
    'query',
    'example',
    'index p50',
    'p95',
    'p99',
    'hits',
    'target',
    'p95 after upserts',
    `brute-force scan`,
    'same answer',
  ];
  const cells: string[][] = [];
  let missed = 0;
  let worstP95 = 0;
  let worstP99 = 0;
  for (const row of rows) {
    const ix = summary(indexResults.get(row.label)!);
    const bf = bruteResults.get(row.label)!;
    const text = row.query(1).text ?? '';
    const met = ix.p95 <= TARGET.p95Ms && ix.p99 <= TARGET.p99Ms;
    if (!met) missed++;
    worstP95 = Math.max(worstP95, ix.p95);
    worstP99 = Math.max(worstP99, ix.p99);
    const kind = KINDS.find((k) => k === row.label);
    cells.push([
      row.label,
      text.length > 18 ? `${text.slice(0, 17)}…` : text,
      fmt(ix.p50),
      fmt(ix.p95),
      fmt(ix.p99),
      ix.hits.toFixed(0),
      atScale ? (met ? 'met' : 'MISSED') : '',
      kind === undefined ? '' : fmt(after.get(kind)!),
      fmt(Math.max(...bf.ms)),
      bf.same ? 'yes' : 'NO',
    ]);
  }
  printTable(header, cells, 2);
  console.log(
    `latency in ms; ${QUERIES_PER_KIND} queries per text kind, ${FILTER_QUERIES} per filter row, ` +
      `${PAGE_QUERIES} per page-50 row, each at its own instant ${STEP_MS / 1000} s after the previous; ` +
      `limit ${LIMIT}; status closed unless the row says; ` +
      `target p95 ≤ ${TARGET.p95Ms} ms and p99 ≤ ${TARGET.p99Ms} ms at 1M. ` +
      `Brute-force scan: the slowest of ${bruteCount} (every contact, evaluateWindow per channel), ` +
      'and whether the index gave the same ids and total at the same instant.',
  );

  if (withSqlite) {
    const sqlHeader = ['query kind', 'sqlite LIKE p50', 'p95', 'p99', 'hits'];
    printTable(
      sqlHeader,
      KINDS.map((kind) => {
        const sq = summary(sqliteResults.get(kind)!);
        return [kind, fmt(sq.p50), fmt(sq.p95), fmt(sq.p99), sq.hits.toFixed(0)];
      }),
      1,
    );
    console.log(
      `SQLite LIKE '%q%' over the same rows (neither accent- nor format-aware), ${sqliteCount} queries per kind; ` +
        `${n.toLocaleString('en')} rows inserted in one transaction in ${sqliteBuild.toFixed(1)} s ` +
        `(file under ${tmpdir()}, deleted)`,
    );
  }
  const sameEverywhere = [...bruteResults.values()].every((b) => b.same);
  console.log(`index answers equal the brute-force scan's on every row: ${sameEverywhere ? 'yes' : 'NO'}`);
  if (atScale) {
    const ok = (b: boolean) => (b ? 'met' : 'MISSED');
    console.log(
      `targets at 1M: every row p95 ≤ ${TARGET.p95Ms} ms and p99 ≤ ${TARGET.p99Ms} ms: ${ok(missed === 0)} ` +
        `(${rows.length - missed}/${rows.length}; worst p95 ${fmt(worstP95)} ms, worst p99 ${fmt(worstP99)} ms); ` +
        `build ≤ ${TARGET.buildS} s: ${ok(buildS <= TARGET.buildS)} (${buildS.toFixed(2)} s); ` +
        `RSS ≤ ${TARGET.rssMb} MB: ${ok(mem.rss <= TARGET.rssMb * 1048576)} (${mb(mem.rss)})`,
    );
  }
}

function runChild(size: number, flags: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1]!, ['search', `--size=${size}`, ...flags], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`search bench for ${size} exited with ${code}`)),
    );
  });
}

export async function main(flags: string[]): Promise<void> {
  const sizeFlag = flags.find((f) => f.startsWith('--size='));
  if (sizeFlag) {
    await benchSize(Number(sizeFlag.slice('--size='.length)), !flags.includes('--no-sqlite'));
    return;
  }
  const sizes = flags.includes('--quick') ? [100_000] : [100_000, 1_000_000];
  // A child per size (through the same runner) so each RSS figure is that size's alone.
  const viaRunner = /run\.js$/.test(process.argv[1] ?? '');
  for (const size of sizes) {
    if (viaRunner)
      await runChild(
        size,
        flags.filter((f) => f !== '--quick'),
      );
    else await benchSize(size, !flags.includes('--no-sqlite'));
  }
  if (!viaRunner) console.log('(ran in one process: RSS of the larger size includes what the smaller left behind)');
}
