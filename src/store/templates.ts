/**
 * Message templates (WhatsApp), keyed `name:language`, or `name:language:channelId` for a template that
 * belongs to one channel account. Few records: listing reads them all.
 */
import { type Template, sameLanguage, type templateSchema } from '../policy/index.js';
import { ChangeFeed } from './changes.js';
import type { RecordCollection } from './records.js';

type TemplateCollection = RecordCollection<typeof templateSchema>;

export function templateKey(t: { name: string; language: string; channelId?: string | undefined }): string {
  return t.channelId ? `${t.name}:${t.language}:${t.channelId}` : `${t.name}:${t.language}`;
}

export interface TemplateFilter {
  /** Loose match (`en` matches `en_US`), as for sending. */
  language?: string;
  status?: Template['status'];
  /** Templates of this channel account plus those for any account. */
  channelId?: string;
}

export class TemplateRepository {
  private readonly changes = new ChangeFeed<Template>();

  constructor(private readonly records: TemplateCollection) {}

  /** Called after every successful upsert with the template as stored. */
  onChange(listener: (template: Template) => void): () => void {
    return this.changes.on(listener);
  }

  async upsert(template: Template): Promise<Template> {
    const stored = await this.records.put(templateKey(template), template);
    this.changes.emit([stored]);
    return stored;
  }

  /** The channel account's own template when there is one, else the one for any account. */
  async get(name: string, language: string, channelId?: string): Promise<Template | undefined> {
    if (channelId) {
      const own = await this.records.get(templateKey({ name, language, channelId }));
      if (own) return own;
    }
    return this.records.get(templateKey({ name, language }));
  }

  async list(filter: TemplateFilter = {}): Promise<Template[]> {
    const out: Template[] = [];
    for await (const t of this.records.values()) {
      if (filter.language && !sameLanguage(t.language, filter.language)) continue;
      if (filter.status && t.status !== filter.status) continue;
      if (filter.channelId && t.channelId && t.channelId !== filter.channelId) continue;
      out.push(t);
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
  }

  delete(t: { name: string; language: string; channelId?: string }): Promise<boolean> {
    return this.records.delete(templateKey(t));
  }
}
