/** The compose view's state, kept in its `private_metadata`: the contact-channel and the send's idempotency key. */
import { z } from 'zod';

export const composeMetaSchema = z.object({
  k: z.literal('compose'),
  contactId: z.string().min(1),
  channelKey: z.string().min(1),
  /** Idempotency key of this compose view: a resubmission never sends twice. */
  idem: z.string().min(8),
  /** Opened on top of the contact view (pushed) or alone (from a notification). */
  stacked: z.boolean().default(true),
});
export type ComposeMeta = z.infer<typeof composeMetaSchema>;
