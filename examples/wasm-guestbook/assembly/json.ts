// Just enough JSON for an addon: find a value by its path in a document (as its raw JSON text),
// read strings and integers, and write strings safely. The runtime and the host API write compact
// JSON, but this reads any valid JSON.

/** Index just past the value that starts at `i` (whitespace before it skipped). */
function skipValue(s: string, i: i32): i32 {
  i = skipSpace(s, i);
  const c = s.charCodeAt(i);
  if (c == 0x22) return skipString(s, i);
  if (c == 0x7b || c == 0x5b) {
    const close = c == 0x7b ? 0x7d : 0x5d;
    i = skipSpace(s, i + 1);
    if (s.charCodeAt(i) == close) return i + 1;
    while (i < s.length) {
      if (c == 0x7b) {
        i = skipSpace(s, skipString(s, skipSpace(s, i)));
        i++; // the colon
      }
      i = skipSpace(s, skipValue(s, i));
      const next = s.charCodeAt(i);
      i++;
      if (next == close) return i;
    }
    return i;
  }
  while (i < s.length) {
    const d = s.charCodeAt(i);
    if (d == 0x2c || d == 0x7d || d == 0x5d || d == 0x20 || d == 0x0a || d == 0x0d || d == 0x09) break;
    i++;
  }
  return i;
}

function skipString(s: string, i: i32): i32 {
  i++; // the opening quote
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c == 0x5c) {
      i += 2;
    } else if (c == 0x22) {
      return i + 1;
    } else {
      i++;
    }
  }
  return i;
}

function skipSpace(s: string, i: i32): i32 {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) break;
    i++;
  }
  return i;
}

/** The raw JSON of member `key` of the object `obj`, or "" when there is none (or `obj` is no object). */
export function member(obj: string, key: string): string {
  let i = skipSpace(obj, 0);
  if (obj.charCodeAt(i) != 0x7b) return "";
  i = skipSpace(obj, i + 1);
  while (i < obj.length && obj.charCodeAt(i) == 0x22) {
    const keyEnd = skipString(obj, i);
    const name = decode(obj.substring(i, keyEnd));
    i = skipSpace(obj, skipSpace(obj, keyEnd) + 1);
    const valueEnd = skipValue(obj, i);
    if (name == key) return obj.substring(i, valueEnd);
    i = skipSpace(obj, valueEnd);
    if (obj.charCodeAt(i) != 0x2c) break;
    i = skipSpace(obj, i + 1);
  }
  return "";
}

/** The value at a dotted path, such as "body.data.count". */
export function at(doc: string, path: string): string {
  const names = path.split(".");
  let value = doc;
  for (let n = 0; n < names.length; n++) {
    value = member(value, names[n]);
    if (value.length == 0) return "";
  }
  return value;
}

/** A JSON string's text; "" for anything that is not a string. */
export function decode(raw: string): string {
  if (raw.length < 2 || raw.charCodeAt(0) != 0x22) return "";
  let out = "";
  let i = 1;
  while (i < raw.length - 1) {
    const c = raw.charCodeAt(i);
    if (c != 0x5c) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    const e = raw.charCodeAt(i + 1);
    if (e == 0x6e) out += "\n";
    else if (e == 0x74) out += "\t";
    else if (e == 0x72) out += "\r";
    else if (e == 0x62) out += "\b";
    else if (e == 0x66) out += "\f";
    else if (e == 0x75) {
      out += String.fromCharCode(<i32>parseInt(raw.substring(i + 2, i + 6), 16));
      i += 4;
    } else out += String.fromCharCode(e);
    i += 2;
  }
  return out;
}

/** A JSON number's integer value, or `fallback` when `raw` is not a number. */
export function integer(raw: string, fallback: i64): i64 {
  if (raw.length == 0) return fallback;
  const c = raw.charCodeAt(0);
  if (c != 0x2d && (c < 0x30 || c > 0x39)) return fallback;
  return <i64>parseFloat(raw);
}

/** `text` as a JSON string, quoted and escaped. */
export function quote(text: string): string {
  let out = "\"";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c == 0x22) out += "\\\"";
    else if (c == 0x5c) out += "\\\\";
    else if (c < 0x20) out += "\\u00" + (c < 0x10 ? "0" : "") + c.toString(16);
    else out += String.fromCharCode(c);
  }
  return out + "\"";
}
