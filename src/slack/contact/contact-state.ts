/** The contact view's state, kept in its `private_metadata`: which contact it shows. */
import { z } from 'zod';

export const contactMetaSchema = z.object({ k: z.literal('contact'), contactId: z.string().min(1) });
export type ContactMeta = z.infer<typeof contactMetaSchema>;

export function encodeContactMeta(contactId: string): string {
  return JSON.stringify({ k: 'contact', contactId } satisfies ContactMeta);
}
