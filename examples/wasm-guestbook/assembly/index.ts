// A guestbook in AssemblyScript for ThemePress's WebAssembly tier (docs/wasm.md). The contract: the
// host writes a call's JSON envelope into memory it asked `alloc` for, calls an operation with
// (pointer, length), and reads the answer `{status, body}` from where the i64 it gets back points
// (pointer << 32 | length), then frees both with `dealloc`.
//
// - endpoint `sign` {name, message}: keeps the entry in storage, counts it, answers {count} and
//   publishes `guestbook.signed` (through the answer's `events`, as a container's execute may);
// - endpoint `echo`: answers its input (the benchmark's unit of work, as the container examples' echo);
// - widget `guestbook`: the count and the last entry;
// - event handler: on `guestbook.signed`, counts the events seen, in storage.
// Calls of no site (a developer testing) have no storage: they use this instance's memory instead.

import { at, decode, integer, quote } from "./json";

@external("themepress", "storage_get")
declare function host_storage_get(ptr: usize, len: i32): i64;

@external("themepress", "storage_put")
declare function host_storage_put(ptr: usize, len: i32): i64;

let localCount: i64 = 0;
let localLast = "";
let localEvents: i64 = 0;

export function alloc(len: i32): usize {
  return heap.alloc(<usize>max(len, 1));
}

export function dealloc(ptr: usize, len: i32): void {
  heap.free(ptr);
}

export function health(): i32 {
  return 0;
}

export function execute(ptr: usize, len: i32): i64 {
  const call = read(ptr, len);
  const action = decode(at(call, "action"));
  if (action == "echo") {
    const body = at(call, "body");
    return answer(200, body.length == 0 ? "{}" : body);
  }
  if (action != "sign") {
    return answer(404, "{\"title\":\"No such endpoint\",\"detail\":" + quote("Unknown endpoint " + action) + "}");
  }
  const name = decode(at(call, "body.name"));
  const message = decode(at(call, "body.message"));
  if (name.length == 0 || name.length > 100 || message.length > 500) {
    return answer(400, "{\"title\":\"Invalid entry\",\"detail\":\"name (1 to 100 characters) and message (up to 500) are needed\"}");
  }
  const entry = "{\"name\":" + quote(name) + ",\"message\":" + quote(message) + "}";
  let count: i64;
  if (hasSite(call)) {
    const stored = storageGet("book", "summary");
    count = integer(at(stored, "body.data.count"), 0) + 1;
    const saved = storagePut("book", "summary", "{\"count\":" + count.toString() + ",\"last\":" + entry + "}");
    const status = integer(at(saved, "status"), 500);
    if (status >= 300) {
      return answer(<i32>status, at(saved, "body"));
    }
  } else {
    count = ++localCount;
    localLast = entry;
  }
  return answer(200, "{\"count\":" + count.toString() + ",\"events\":[{\"type\":\"guestbook.signed\",\"data\":" + entry + "}]}");
}

export function render(ptr: usize, len: i32): i64 {
  const call = read(ptr, len);
  let count: i64 = localCount;
  let last = localLast;
  if (hasSite(call)) {
    const stored = storageGet("book", "summary");
    count = integer(at(stored, "body.data.count"), 0);
    last = at(stored, "body.data.last");
  }
  let html = "<div class=\"guestbook\"><p class=\"count\">" + count.toString() + " signatures</p>";
  if (last.length > 0) {
    html += "<p class=\"last\"><b>" + escape(decode(at(last, "name"))) + "</b>: " + escape(decode(at(last, "message"))) + "</p>";
  }
  html += "</div>";
  return answer(200, "{\"html\":" + quote(html) + ",\"css\":\".guestbook .count{font-weight:bold}\",\"javascript\":\"\"}");
}

export function handle_event(ptr: usize, len: i32): i64 {
  const call = read(ptr, len);
  if (decode(at(call, "body.type")) != "guestbook.signed") {
    return answer(200, "{\"ignored\":true}");
  }
  let seen: i64;
  if (hasSite(call)) {
    const stored = storageGet("stats", "events");
    seen = integer(at(stored, "body.data.seen"), 0) + 1;
    const saved = storagePut("stats", "events", "{\"seen\":" + seen.toString() + "}");
    const status = integer(at(saved, "status"), 500);
    if (status >= 300) {
      return answer(503, at(saved, "body"));
    }
  } else {
    seen = ++localEvents;
  }
  return answer(200, "{\"seen\":" + seen.toString() + "}");
}

function hasSite(call: string): bool {
  return decode(at(call, "site")).length > 0;
}

function storageGet(collection: string, id: string): string {
  return host(0, "{\"collection\":" + quote(collection) + ",\"id\":" + quote(id) + "}");
}

function storagePut(collection: string, id: string, data: string): string {
  return host(1, "{\"collection\":" + quote(collection) + ",\"id\":" + quote(id) + ",\"data\":" + data + "}");
}

/** Calls a host function with a JSON request; answers its JSON answer {status, body}. */
function host(fn: i32, request: string): string {
  const bytes = String.UTF8.encode(request);
  const packed = fn == 0
    ? host_storage_get(changetype<usize>(bytes), bytes.byteLength)
    : host_storage_put(changetype<usize>(bytes), bytes.byteLength);
  const ptr = <usize>(packed >>> 32);
  const len = <i32>(packed & 0xffffffff);
  const text = read(ptr, len);
  heap.free(ptr);
  return text;
}

function read(ptr: usize, len: i32): string {
  return String.UTF8.decodeUnsafe(ptr, <usize>len);
}

/** The answer {status, body} in memory the host frees with dealloc, as pointer << 32 | length. */
function answer(status: i32, body: string): i64 {
  const text = String.UTF8.encode("{\"status\":" + status.toString() + ",\"body\":" + (body.length == 0 ? "null" : body) + "}");
  const out = heap.alloc(<usize>text.byteLength);
  memory.copy(out, changetype<usize>(text), <usize>text.byteLength);
  return (<i64>out << 32) | <i64>text.byteLength;
}

function escape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("\"", "&quot;");
}
