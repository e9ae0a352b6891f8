#!/usr/bin/env python3
"""Writes register-bodies.jsonl: hostile and malformed bodies for POST /api/addons/register.

Every entry must be refused (4xx) and leave the registry unchanged, so each one is invalid in at
least one way even when it also probes something else (injection, size, unicode...). Regenerate
with `python3 make_corpus.py` after editing; the .jsonl is the test data that is committed.
"""
import base64
import json
import os

entries = []


def add(why, body=None, raw=None):
    entry = {"id": f"{len(entries):03d}", "why": why}
    if raw is not None:
        entry["bodyBase64"] = base64.b64encode(raw).decode()
    else:
        entry["body"] = body if isinstance(body, str) else json.dumps(body)
    entries.append(entry)


ok = {"name": "hostile-ok", "version": "1.0.0"}


def variant(**changes):
    doc = dict(ok)
    for k, v in changes.items():
        if v is DROP:
            doc.pop(k, None)
        else:
            doc[k] = v
    return doc


DROP = object()

# --- not JSON at all, or not an object ---
for why, text in [
    ("empty body", ""), ("only whitespace", "   \n\t "), ("truncated object", '{"name": "a"'),
    ("trailing comma", '{"name": "abc", "version": "1.0.0",}'), ("single quotes", "{'name': 'abc', 'version': '1.0.0'}"),
    ("unquoted keys", '{name: "abc", version: "1.0.0"}'), ("NaN literal", '{"name": "abc", "version": "1.0.0", "resources": {"cpus": NaN}}'),
    ("Infinity literal", '{"name": "abc", "version": "1.0.0", "resources": {"cpus": Infinity}}'),
    ("comment", '{"name": "abc" /* hi */, "version": "1.0.0"}'), ("line comment", '// x\n{"name": "abc", "version": "1.0.0"}'),
    ("two documents", '{"name": "abc", "version": "1.0.0"} {"name": "abd", "version": "1.0.0"}'),
    ("trailing garbage", '{"name": "abc", "version": "1.0.0"} garbage'), ("unterminated string", '{"name": "abc'),
    ("bad escape", '{"name": "a\\qc", "version": "1.0.0"}'), ("raw control char in string", '{"name": "ab\u0001c", "version": "1.0.0"}'),
    ("lone surrogate escape", '{"name": "ab\\ud800c", "version": "1.0.0"}'), ("null", "null"), ("true", "true"), ("number", "42"),
    ("string", '"payment-gateway"'), ("array", "[]"), ("array of manifest", json.dumps([ok])), ("empty object", "{}"),
    ("hex number", '{"name": "abc", "version": "1.0.0", "resources": {"memoryMb": 0x200}}'),
    ("leading zero number", '{"name": "abc", "version": "1.0.0", "resources": {"memoryMb": 0512}}'),
    ("plus number", '{"name": "abc", "version": "1.0.0", "resources": {"memoryMb": +512}}'),
    ("missing colon", '{"name" "abc", "version": "1.0.0"}'), ("missing comma", '{"name": "abc" "version": "1.0.0"}'),
    ("closing bracket mismatch", '{"name": "abc", "version": "1.0.0"]'), ("xml instead", "<addon name='abc'/>"),
    ("yaml instead", "name: abc\nversion: 1.0.0\n"), ("form encoded", "name=abc&version=1.0.0"),
    ("very long number", '{"name": "abc", "version": "1.0.0", "resources": {"memoryMb": ' + "9" * 500 + "}}"),
]:
    add(why, text)

add("invalid UTF-8 bytes", raw=b'{"name": "ab\xff\xfe", "version": "1.0.0"}')
add("UTF-16 body", raw=json.dumps(ok).encode("utf-16"))
add("NUL bytes", raw=b'{"name": "abc\x00", "version": "1.0.0"}')
add("truncated UTF-8 sequence", raw=b'{"name": "abc\xe2\x82", "version": "1.0.0"}')
add("duplicate key name", '{"name": "abc", "name": "abd", "version": "1.0.0"}')
add("duplicate key version", '{"name": "abc", "version": "1.0.0", "version": "2.0.0"}')
add("duplicate nested key", '{"name": "abc", "version": "1.0.0", "resources": {"cpus": 1, "cpus": 2}}')
add("nesting 200 arrays", '{"name": "abc", "version": "1.0.0", "description": ' + "[" * 200 + "]" * 200 + "}")
add("nesting 5000 objects", '{"name": "abc", "version": "1.0.0", "x": ' + '{"a":' * 5000 + "1" + "}" * 5000 + "}")
add("nesting 100000 arrays", "[" * 100000)

# --- missing or wrong-typed required fields ---
add("missing name", variant(name=DROP))
add("missing version", variant(version=DROP))
for value in [None, 1, 1.5, True, [], {}, ["abc"], {"$gt": ""}]:
    add(f"name as {type(value).__name__} {value!r}", variant(name=value))
    add(f"version as {type(value).__name__} {value!r}", variant(version=value))

# --- bad names ---
for name in ["", "a", "A", "Abc", "payment_gateway", "1abc", "-abc", "abc def", "abc/def", "../etc/passwd", "abc.def",
             "a" * 64, "a" * 1000, "pаyment" , "abc\u202e", "abc\n", "abc\u0000", "émoji-😀", "abc$where", "$abc",
             "abc;rm -rf /", "ABC-DEF", " abc", "abc ", "abc\t"]:
    add(f"bad name {name[:20]!r}", variant(name=name))

# --- bad versions ---
for version in ["", "1", "1.0", "1.0.0.0", "v1.0.0", "=1.0.0", "01.0.0", "1.01.0", "1.0.01", "1.0.0-", "1.0.0+", "1.0.0-01",
                "1.0.0-beta..1", "1.0.0-beta_1", "1.0.0+build..1", "-1.0.0", "1.-1.0", "99999999999999999999.0.0",
                "1.0.0 ", " 1.0.0", "１.０.０", "1.0.0\n", "latest", "*", "^1.0.0", "1.x", "1.0.0 - 2.0.0", "x" * 200]:
    add(f"bad version {version[:20]!r}", variant(version=version))

# --- wrong shapes of optional parts ---
for key, value in [
    ("description", 5), ("description", "x" * 2001), ("author", ["a"]), ("category", "toys"), ("category", "Ecommerce"),
    ("category", None), ("image", "UPPER/case"), ("image", ""), ("image", "a b"), ("image", "x" * 300),
    ("widgets", "checkout"), ("widgets", {"checkout": {}}), ("widgets", [1]), ("widgets", [None]), ("widgets", [["checkout"]]),
    ("widgets", ["Checkout"]), ("widgets", ["checkout", "checkout"]), ("widgets", [{"displayName": "no name"}]),
    ("widgets", [{"name": "w", "category": "weird"}]), ("widgets", [{"name": "w", "configSchema": "not-a-schema"}]),
    ("widgets", [{"name": "w", "configSchema": {"type": "strnig"}}]),
    ("widgets", [{"name": "w", "configSchema": {"$ref": "http://169.254.169.254/latest/meta-data"}}]),
    ("widgets", [{"name": "w", "configSchema": {"$ref": "file:///etc/passwd"}}]),
    ("widgets", [{"name": "w", "configSchema": {"properties": {"a": {"$ref": "https://example.invalid/s.json"}}}}]),
    ("widgets", [{"name": "w", "configSchema": {"$schema": "http://json-schema.org/draft-04/schema#"}}]),
    ("widgets", [{"name": "w", "configSchema": {"$id": "https://evil.invalid/x"}}]),
    ("widgets", [{"name": "w", "configSchema": {"type": "object", "minProperties": -1}}]),
    ("widgets", [{"name": "w", "configSchema": {"type": "object", "required": "title"}}]),
    ("widgets", [{"name": "w", "configSchema": {"$ref": "#"}}]),
    ("widgets", [{"name": "w", "configSchema": {"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}}]),
    ("widgets", [{"name": "w", "configSchema": {"$defs": {"a": {"$ref": "#/%24defs/a"}}, "$ref": "#/%24defs/a"}}]),
    ("widgets", [{"name": "w", "configSchema": {"$dynamicRef": "#meta"}}]),
    ("endpoints", [{"name": "e", "inputSchema": {"not": {"$ref": "#"}}}]),
    ("widgets", [{"name": "w", "renderEndpoint": "http://evil.invalid/"}]), ("widgets", [{"name": "w", "responsive": "yes"}]),
    ("widgets", [{"name": "w", "unknown": 1}]), ("widgets", ["w"] * 101), ("endpoints", "process-payment"),
    ("endpoints", [{"name": "e", "public": "true"}]), ("endpoints", [{"name": "e", "inputSchema": []}]),
    ("endpoints", ["e", "e"]), ("endpoints", [{"name": "E"}]), ("endpoints", [{"description": "anonymous"}]),
    ("events", ["payment.completed"]), ("events", {"publishes": "payment.completed"}), ("events", {"publishes": ["Payment.Completed"]}),
    ("events", {"publishes": ["payment..completed"]}), ("events", {"subscribes": [5]}), ("events", {"emits": []}),
    ("events", {"publishes": ["a", "a"]}), ("dependencies", ["base"]), ("dependencies", {"base": 1}),
    ("dependencies", {"Base": "^1.0.0"}), ("dependencies", {"$where": "^1.0.0"}), ("dependencies", {"a.b": "^1.0.0"}),
    ("dependencies", {"hostile-ok": "^1.0.0"}), ("dependencies", {"base": ">=1.0.0 <<2"}), ("dependencies", {"base": "^^1"}),
    ("dependencies", {"base": "garbage"}), ("dependencies", {"base": "1.2.3.4"}), ("dependencies", {"base": "~>"}),
    ("dependencies", {"base": "x" * 300}), ("dependencies", {f"dep-{i:03d}": "*" for i in range(60)}),
    ("dependencies", {"never-registered": "^1.0.0"}), ("dependencies", {"base": None}),
    ("permissions", "storage.read"), ("permissions", ["storage.delete"]), ("permissions", ["root"]),
    ("permissions", ["storage.read", "storage.read"]), ("permissions", [None]), ("resources", "big"),
    ("resources", {"memoryMb": -1}), ("resources", {"memoryMb": 0}), ("resources", {"memoryMb": 1e12}),
    ("resources", {"memoryMb": 512.5}), ("resources", {"memoryMb": "512"}), ("resources", {"cpus": 0}),
    ("resources", {"cpus": -0.5}), ("resources", {"cpus": 1000}), ("resources", {"timeoutMs": 1}),
    ("resources", {"timeoutMs": 10**9}), ("resources", {"minInstances": -1}), ("resources", {"maxInstances": 0}),
    ("resources", {"minInstances": 3, "maxInstances": 1}), ("resources", {"concurrency": 0}),
    ("resources", {"concurrency": True}), ("resources", {"gpu": 1}), ("resources", {"memoryMb": None}),
]:
    add(f"{key} = {json.dumps(value)[:40]}", variant(**{key: value}))

# --- unknown and prototype-pollution style top-level keys ---
for key in ["__proto__", "constructor", "$set", "_id", "owner", "createdAt", "revision", "unknown"]:
    add(f"extra top-level key {key}", variant(**{key: {"polluted": True}}))

# --- size ---
add("body just over 1 MiB", variant(description="x" * (1024 * 1024)))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "register-bodies.jsonl"), "w") as out:
    for entry in entries:
        out.write(json.dumps(entry) + "\n")
print(len(entries), "entries")
