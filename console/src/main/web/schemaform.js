// A form made from a widget's configSchema (JSON Schema): a control per property, with its type,
// enum, default and limits, and the server's errors shown at the field their pointer names.
import { html } from './vendor/preact-htm.js';
import { uid, FieldErrors } from './ui.js';

/** The schema's defaults, as the form's first values. */
export function defaults(schema) {
  const out = {};
  Object.entries((schema && schema.properties) || {}).forEach(([name, prop]) => {
    if (prop.default !== undefined) out[name] = prop.default;
    else if (prop.type === 'object' && prop.properties) out[name] = defaults(prop);
  });
  return out;
}

/** Form values to the JSON config: empty fields left out, numbers as numbers (text kept, for the server to refuse). */
export function toConfig(schema, values) {
  const out = {};
  Object.entries((schema && schema.properties) || {}).forEach(([name, prop]) => {
    const v = values[name];
    if (v === undefined || v === '') return;
    if ((prop.type === 'number' || prop.type === 'integer') && typeof v === 'string') {
      const n = Number(v);
      out[name] = v.trim() !== '' && !Number.isNaN(n) ? n : v;
    } else if (prop.type === 'object' && prop.properties) {
      out[name] = toConfig(prop, v || {});
    } else if (prop.type === 'array' && typeof v === 'string') {
      try { out[name] = JSON.parse(v); } catch { out[name] = v; }
    } else {
      out[name] = v;
    }
  });
  return out;
}

function hint(prop) {
  const parts = [];
  if (prop.minimum !== undefined) parts.push(`min ${prop.minimum}`);
  if (prop.exclusiveMinimum !== undefined) parts.push(`more than ${prop.exclusiveMinimum}`);
  if (prop.maximum !== undefined) parts.push(`max ${prop.maximum}`);
  if (prop.exclusiveMaximum !== undefined) parts.push(`less than ${prop.exclusiveMaximum}`);
  if (prop.minLength !== undefined) parts.push(`at least ${prop.minLength} characters`);
  if (prop.maxLength !== undefined) parts.push(`at most ${prop.maxLength} characters`);
  if (prop.pattern) parts.push(`pattern ${prop.pattern}`);
  if (prop.default !== undefined) parts.push(`default ${JSON.stringify(prop.default)}`);
  return parts.join(' · ');
}

function Control({ id, name, prop, value, onInput, invalid, describedBy }) {
  const common = { id, name, 'aria-invalid': invalid ? 'true' : 'false', 'aria-describedby': describedBy };
  const enumValues = prop.enum || (prop.items && prop.items.enum && null);
  if (enumValues) {
    return html`<select ...${common} value=${value ?? ''} onChange=${(e) => onInput(e.target.value === '' ? undefined
      : (prop.type === 'number' || prop.type === 'integer' ? Number(e.target.value) : e.target.value))}>
      <option value="">(none)</option>
      ${enumValues.map((v) => html`<option value=${v}>${String(v)}</option>`)}
    </select>`;
  }
  if (prop.type === 'boolean') {
    return html`<input type="checkbox" ...${common} checked=${!!value} onChange=${(e) => onInput(e.target.checked)} />`;
  }
  if (prop.type === 'number' || prop.type === 'integer') {
    // text, not type=number: a browser's number field hides what was typed when it is no number,
    // and the server's message for it could then not be matched with what the user sees
    return html`<input type="text" inputmode="decimal" ...${common} value=${value ?? ''} onInput=${(e) => onInput(e.target.value)} />`;
  }
  if (prop.type === 'array' || (prop.type === 'object' && !prop.properties)) {
    return html`<textarea ...${common} rows="3" value=${typeof value === 'string' ? value : JSON.stringify(value ?? (prop.type === 'array' ? [] : {}))}
      onInput=${(e) => onInput(e.target.value)}></textarea>`;
  }
  return html`<input type="text" ...${common} maxlength=${prop.maxLength} value=${value ?? ''} onInput=${(e) => onInput(e.target.value)} />`;
}

/**
 * @param pointer where this object sits in the request body (e.g. /config/widgets/checkout-form)
 * @param errorsAt function(pointer) -> messages the server gave for exactly that pointer
 */
export function SchemaForm({ schema, values, onChange, pointer, errorsAt, legend }) {
  const props = Object.entries((schema && schema.properties) || {});
  const required = new Set((schema && schema.required) || []);
  if (props.length === 0) return html`<p class="muted">No settings.</p>`;
  // errors about the object itself (an unknown member, a missing one) belong to the fieldset
  return html`<fieldset class="schema-form" data-pointer=${pointer}>
    ${legend && html`<legend>${legend}</legend>`}
    <${FieldErrors} id=${`f${pointer.replace(/[^a-zA-Z0-9]/g, '-')}-errors`} messages=${errorsAt(pointer)} />
    ${props.map(([name, prop]) => {
      const at = `${pointer}/${name}`;
      const id = `f${at.replace(/[^a-zA-Z0-9]/g, '-')}`;
      const messages = errorsAt(at);
      const set = (v) => onChange({ ...values, [name]: v });
      if (prop.type === 'object' && prop.properties) {
        return html`<div class="field" data-pointer=${at}>
          <${SchemaForm} schema=${prop} values=${values[name] || {}} onChange=${set} pointer=${at} errorsAt=${errorsAt} legend=${prop.title || name} />
          <${FieldErrors} id=${id + '-errors'} messages=${messages} /></div>`;
      }
      const help = hint(prop);
      const describedBy = [help || prop.description ? id + '-hint' : '', messages.length ? id + '-errors' : ''].filter(Boolean).join(' ') || undefined;
      return html`<div class=${'field' + (messages.length ? ' has-error' : '')} data-pointer=${at}>
        <label for=${id}>${prop.title || name}${required.has(name) ? ' *' : ''}</label>
        <${Control} id=${id} name=${name} prop=${prop} value=${values[name]} onInput=${set} invalid=${messages.length > 0} describedBy=${describedBy} />
        ${(help || prop.description) && html`<small id=${id + '-hint'}>${[prop.description, help].filter(Boolean).join(' — ')}</small>`}
        <${FieldErrors} id=${id + '-errors'} messages=${messages} />
      </div>`;
    })}
  </fieldset>`;
}

export { uid };
