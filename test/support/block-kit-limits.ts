/**
 * Our own Block Kit limit guard (STYLE.md's limits table is authoritative; research §1.1 has the sources).
 * Builder libraries and `@slack/types` do not enforce limits, and Slack only tells you at runtime with
 * `invalid_blocks`, `view_too_large` or `msg_blocks_too_long`, so every view test runs this over the JSON.
 *
 * Where Slack and STYLE.md differ we enforce the stricter value (option `value`: Slack now allows 150,
 * STYLE.md says keep ≤ 75 because older clients and the types' JSDoc still say 75).
 */

export type Surface = 'modal' | 'home' | 'message';

export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  /** `view_too_large`: 250 kB; counted in bytes of the JSON, in decimal kB to stay on the safe side. */
  viewBytes: 250_000,
  id: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  headerText: 150,
  placeholder: 150,
  optionText: 75,
  optionDescription: 75,
  optionValue: 75,
  optionUrl: 3000,
  optionGroupLabel: 75,
  selectOptions: 100,
  overflowOptions: 5,
  radioOrCheckboxOptions: 10,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputValue: 3000,
  plainTextInputLength: 3000,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  accessibilityLabel: 75,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  imageAltText: 2000,
  markdownBlockText: 12_000,
  /** `msg_blocks_too_long` arrives near 13k characters of block text even within every per-block limit. */
  messageBlocksText: 12_000,
  /** Slack truncates a message's top-level `text` above 40,000 characters. */
  messageText: 40_000,
} as const;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * Lengths in UTF-16 code units: Slack does not document its unit, and UTF-16 is never shorter than code
 * points, so an emoji counts 2 here and a builder that passes is safe under either reading.
 */
const chars = (s: string) => s.length;

class Checker {
  readonly problems: string[] = [];
  readonly blockIds = new Map<string, string>();
  /** action_id → first path, per uniqueness scope (whole view, or one message block). */
  actionIds = new Map<string, string>();
  hasInput = false;

  add(path: string, message: string) {
    this.problems.push(`${path}: ${message}`);
  }

  max(path: string, what: string, value: number, limit: number) {
    if (value > limit) this.add(path, `${what} is ${value}, limit ${limit}`);
  }

  /** A text object; `plainOnly` where Slack rejects mrkdwn (titles, buttons, headers, labels, select options). */
  text(path: string, value: unknown, limit: number, opts: { plainOnly?: boolean; required?: boolean } = {}) {
    if (value === undefined || value === null) {
      if (opts.required) this.add(path, 'missing text object');
      return;
    }
    if (!isObj(value) || (value.type !== 'plain_text' && value.type !== 'mrkdwn') || typeof value.text !== 'string') {
      this.add(path, 'not a text object ({ type: plain_text | mrkdwn, text })');
      return;
    }
    if (opts.plainOnly && value.type !== 'plain_text') this.add(path, `must be plain_text, got ${value.type}`);
    if (value.text.length === 0) this.add(path, 'text is empty');
    this.max(path, 'text length', chars(value.text), limit);
  }

  str(path: string, what: string, value: unknown, limit: number) {
    if (value === undefined || value === null) return;
    if (typeof value !== 'string') {
      this.add(path, `${what} must be a string`);
      return;
    }
    this.max(path, `${what} length`, chars(value), limit);
  }

  blockId(path: string, block: Obj) {
    const id = block.block_id;
    if (id === undefined) return;
    if (typeof id !== 'string' || id.length === 0) {
      this.add(`${path}.block_id`, 'must be a non-empty string');
      return;
    }
    this.max(`${path}.block_id`, 'length', chars(id), LIMITS.id);
    const first = this.blockIds.get(id);
    if (first !== undefined) this.add(`${path}.block_id`, `duplicate block_id "${id}" (first at ${first})`);
    else this.blockIds.set(id, path);
  }

  actionId(path: string, el: Obj) {
    const id = el.action_id;
    if (id === undefined) return;
    if (typeof id !== 'string' || id.length === 0) {
      this.add(`${path}.action_id`, 'must be a non-empty string');
      return;
    }
    this.max(`${path}.action_id`, 'length', chars(id), LIMITS.id);
    const first = this.actionIds.get(id);
    if (first !== undefined) this.add(`${path}.action_id`, `duplicate action_id "${id}" (first at ${first})`);
    else this.actionIds.set(id, path);
  }

  confirm(path: string, value: unknown) {
    if (value === undefined) return;
    if (!isObj(value)) {
      this.add(path, 'confirm must be an object');
      return;
    }
    this.text(`${path}.title`, value.title, LIMITS.confirmTitle, { plainOnly: true, required: true });
    this.text(`${path}.text`, value.text, LIMITS.confirmText, { required: true });
    this.text(`${path}.confirm`, value.confirm, LIMITS.confirmButton, { plainOnly: true, required: true });
    this.text(`${path}.deny`, value.deny, LIMITS.confirmButton, { plainOnly: true, required: true });
  }

  option(path: string, option: unknown, plainOnly: boolean) {
    if (!isObj(option)) {
      this.add(path, 'option must be an object');
      return;
    }
    this.text(`${path}.text`, option.text, LIMITS.optionText, { plainOnly, required: true });
    this.text(`${path}.description`, option.description, LIMITS.optionDescription, { plainOnly: true });
    if (typeof option.value !== 'string' || option.value.length === 0)
      this.add(`${path}.value`, 'option value must be a non-empty string');
    else this.max(`${path}.value`, 'length', chars(option.value), LIMITS.optionValue);
    this.str(`${path}.url`, 'url', option.url, LIMITS.optionUrl);
  }

  options(path: string, list: unknown, limit: number, plainOnly: boolean): string[] {
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      this.add(path, 'options must be an array');
      return [];
    }
    this.max(path, 'number of options', list.length, limit);
    const values: string[] = [];
    list.forEach((o, i) => {
      this.option(`${path}[${i}]`, o, plainOnly);
      if (isObj(o) && typeof o.value === 'string') values.push(o.value);
    });
    const dup = values.find((v, i) => values.indexOf(v) !== i);
    if (dup !== undefined) this.add(path, `duplicate option value "${dup}"`);
    return values;
  }

  element(path: string, el: unknown) {
    if (!isObj(el)) {
      this.add(path, 'element must be an object');
      return;
    }
    this.actionId(path, el);
    this.text(`${path}.placeholder`, el.placeholder, LIMITS.placeholder, { plainOnly: true });
    this.confirm(`${path}.confirm`, el.confirm);
    switch (el.type) {
      case 'button':
        this.text(`${path}.text`, el.text, LIMITS.buttonText, { plainOnly: true, required: true });
        this.str(`${path}.value`, 'value', el.value, LIMITS.buttonValue);
        this.str(`${path}.url`, 'url', el.url, LIMITS.buttonUrl);
        this.str(
          `${path}.accessibility_label`,
          'accessibility_label',
          el.accessibility_label,
          LIMITS.accessibilityLabel,
        );
        break;
      case 'static_select':
      case 'multi_static_select': {
        let values: string[] = [];
        if (el.options !== undefined && el.option_groups !== undefined)
          this.add(path, 'use options or option_groups, not both');
        if (el.options === undefined && el.option_groups === undefined)
          this.add(path, 'a static select needs options or option_groups');
        values = this.options(`${path}.options`, el.options, LIMITS.selectOptions, true);
        if (el.option_groups !== undefined) {
          if (!Array.isArray(el.option_groups)) this.add(`${path}.option_groups`, 'must be an array');
          else {
            this.max(`${path}.option_groups`, 'number of option groups', el.option_groups.length, LIMITS.selectOptions);
            el.option_groups.forEach((g, i) => {
              const gp = `${path}.option_groups[${i}]`;
              if (!isObj(g)) {
                this.add(gp, 'option group must be an object');
                return;
              }
              this.text(`${gp}.label`, g.label, LIMITS.optionGroupLabel, { plainOnly: true, required: true });
              values.push(...this.options(`${gp}.options`, g.options, LIMITS.selectOptions, true));
            });
          }
        }
        const initial =
          el.type === 'static_select'
            ? el.initial_option === undefined
              ? []
              : [el.initial_option]
            : (el.initial_options ?? []);
        if (Array.isArray(initial)) {
          initial.forEach((o, i) => {
            const ip = `${path}.${el.type === 'static_select' ? 'initial_option' : `initial_options[${i}]`}`;
            this.option(ip, o, true);
            if (isObj(o) && typeof o.value === 'string' && !values.includes(o.value)) {
              this.add(ip, `initial option "${o.value}" is not one of the options`);
            }
          });
        }
        break;
      }
      case 'overflow':
        this.options(`${path}.options`, el.options, LIMITS.overflowOptions, true);
        break;
      case 'radio_buttons':
      case 'checkboxes':
        this.options(`${path}.options`, el.options, LIMITS.radioOrCheckboxOptions, false);
        break;
      case 'plain_text_input': {
        this.str(`${path}.initial_value`, 'initial_value', el.initial_value, LIMITS.plainTextInputValue);
        for (const key of ['max_length', 'min_length'] as const) {
          const n = el[key];
          if (n === undefined) continue;
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
            this.add(`${path}.${key}`, 'must be a non-negative integer');
          else this.max(`${path}.${key}`, 'value', n, LIMITS.plainTextInputLength);
        }
        if (
          typeof el.max_length === 'number' &&
          typeof el.initial_value === 'string' &&
          chars(el.initial_value) > el.max_length
        ) {
          this.add(
            `${path}.initial_value`,
            `length ${chars(el.initial_value)} exceeds the element's max_length ${el.max_length}`,
          );
        }
        break;
      }
      case 'image':
        this.str(`${path}.alt_text`, 'alt_text', el.alt_text, LIMITS.imageAltText);
        break;
      default:
        break;
    }
  }

  block(path: string, block: unknown, surface: Surface) {
    if (!isObj(block)) {
      this.add(path, 'block must be an object');
      return;
    }
    this.blockId(path, block);
    switch (block.type) {
      case 'section': {
        if (block.text === undefined && block.fields === undefined) this.add(path, 'a section needs text or fields');
        this.text(`${path}.text`, block.text, LIMITS.sectionText);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields)) this.add(`${path}.fields`, 'must be an array');
          else {
            this.max(`${path}.fields`, 'number of fields', block.fields.length, LIMITS.sectionFields);
            block.fields.forEach((f, i) => {
              this.text(`${path}.fields[${i}]`, f, LIMITS.sectionField, { required: true });
            });
          }
        }
        if (block.accessory !== undefined) this.element(`${path}.accessory`, block.accessory);
        break;
      }
      case 'header':
        this.text(`${path}.text`, block.text, LIMITS.headerText, { plainOnly: true, required: true });
        break;
      case 'context': {
        if (!Array.isArray(block.elements) || block.elements.length === 0) {
          this.add(`${path}.elements`, 'a context block needs at least one element');
          break;
        }
        this.max(`${path}.elements`, 'number of elements', block.elements.length, LIMITS.contextElements);
        block.elements.forEach((e, i) => {
          const ep = `${path}.elements[${i}]`;
          if (isObj(e) && e.type === 'image') this.str(`${ep}.alt_text`, 'alt_text', e.alt_text, LIMITS.imageAltText);
          else this.text(ep, e, LIMITS.sectionText, { required: true });
        });
        break;
      }
      case 'actions': {
        if (!Array.isArray(block.elements) || block.elements.length === 0) {
          this.add(`${path}.elements`, 'an actions block needs at least one element');
          break;
        }
        this.max(`${path}.elements`, 'number of elements', block.elements.length, LIMITS.actionsElements);
        block.elements.forEach((e, i) => {
          this.element(`${path}.elements[${i}]`, e);
        });
        break;
      }
      case 'input':
        this.hasInput = true;
        if (surface === 'message') this.add(path, 'input blocks belong in modals and the Home tab');
        this.text(`${path}.label`, block.label, LIMITS.inputLabel, { plainOnly: true, required: true });
        this.text(`${path}.hint`, block.hint, LIMITS.inputHint, { plainOnly: true });
        if (block.element === undefined) this.add(`${path}.element`, 'an input block needs an element');
        else this.element(`${path}.element`, block.element);
        break;
      case 'image':
        this.str(`${path}.alt_text`, 'alt_text', block.alt_text, LIMITS.imageAltText);
        this.text(`${path}.title`, block.title, LIMITS.imageAltText, { plainOnly: true });
        break;
      case 'markdown':
        this.str(`${path}.text`, 'text', block.text, LIMITS.markdownBlockText);
        break;
      case 'divider':
        break;
      default:
        if (typeof block.type !== 'string') this.add(path, 'block has no type');
        break;
    }
  }
}

/** Characters of text a message's blocks carry (what `msg_blocks_too_long` seems to count). */
export function blocksTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + blocksTextLength(v), 0);
  if (!isObj(value)) return 0;
  let n = 0;
  if (
    (value.type === 'plain_text' || value.type === 'mrkdwn' || value.type === 'markdown') &&
    typeof value.text === 'string'
  ) {
    n += chars(value.text);
  }
  for (const [key, v] of Object.entries(value)) {
    if (key === 'text' && typeof v === 'string') continue;
    n += blocksTextLength(v);
  }
  return n;
}

/** Every limit violation in a payload; empty when it fits. */
export function blockKitViolations(surface: Surface, payload: unknown): string[] {
  const c = new Checker();
  let blocks: unknown;
  if (surface === 'message') {
    const bare = Array.isArray(payload);
    const msg = bare ? { blocks: payload } : payload;
    if (!isObj(msg)) return ['message: payload must be an object { text, blocks } or an array of blocks'];
    blocks = msg.blocks ?? [];
    c.str('text', 'text', msg.text, LIMITS.messageText);
    if (!bare && (typeof msg.text !== 'string' || msg.text.length === 0)) {
      // Not a Slack error, but without it notifications and screen readers show nothing useful.
      c.add('text', 'a message with blocks needs a fallback text');
    }
  } else {
    if (!isObj(payload)) return [`${surface}: payload must be a view object`];
    const view = payload;
    blocks = view.blocks;
    if (view.type !== surface) c.add('type', `expected "${surface}", got ${JSON.stringify(view.type)}`);
    if (surface === 'modal') {
      c.text('title', view.title, LIMITS.modalTitle, { plainOnly: true, required: true });
      c.text('submit', view.submit, LIMITS.modalButton, { plainOnly: true });
      c.text('close', view.close, LIMITS.modalButton, { plainOnly: true });
    }
    c.str('private_metadata', 'private_metadata', view.private_metadata, LIMITS.privateMetadata);
    c.str('callback_id', 'callback_id', view.callback_id, LIMITS.id);
    c.str('external_id', 'external_id', view.external_id, LIMITS.id);
    const bytes = Buffer.byteLength(JSON.stringify(view), 'utf8');
    c.max('view', 'JSON size in bytes', bytes, LIMITS.viewBytes);
  }

  if (!Array.isArray(blocks)) {
    c.add('blocks', 'must be an array');
    return c.problems;
  }
  c.max(
    'blocks',
    'number of blocks',
    blocks.length,
    surface === 'message' ? LIMITS.blocksPerMessage : LIMITS.blocksPerView,
  );
  blocks.forEach((b, i) => {
    // Slack wants action_ids unique within a block; we hold views to the stricter "unique within the view"
    // so one listener per id never has to guess which of two identical buttons was pressed.
    if (surface === 'message') c.actionIds = new Map();
    c.block(`blocks[${i}]`, b, surface);
  });

  if (surface === 'modal' && c.hasInput && isObj(payload) && payload.submit === undefined) {
    c.add('submit', 'a modal with an input block must define submit');
  }
  if (surface === 'message') {
    c.max('blocks', 'total text characters', blocksTextLength(blocks), LIMITS.messageBlocksText);
  }
  return c.problems;
}

/** Throws one error listing every violation, so a failing test shows all of them at once. */
export function assertBlockKitLimits(surface: Surface, payload: unknown): void {
  const problems = blockKitViolations(surface, payload);
  if (problems.length > 0) {
    throw new Error(`Block Kit limits broken in ${surface} (${problems.length}):\n  - ${problems.join('\n  - ')}`);
  }
}
