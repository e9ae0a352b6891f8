'use strict';
// An addon in Node.js on the bare contract (README, "Writing an addon"): plain node:http, no SDK and no
// dependencies, so the image is the runtime plus this file and starts in a fraction of a second.
const http = require('node:http');

const PORT = Number(process.env.PORT || 3000);
const INSTANCE = process.env.INSTANCE_ID || 'local';
const MAX_BODY = 256 * 1024;

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function json(res, status, value) {
  send(res, status, 'application/json', JSON.stringify(value));
}

function problem(res, status, title, detail) {
  send(res, status, 'application/problem+json', JSON.stringify({ type: 'about:blank', title, status, detail }));
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// Reads a JSON body of at most MAX_BODY bytes; answers 413 or 400 itself and resolves to undefined then.
function readJson(req, res) {
  return new Promise(resolve => {
    const chunks = [];
    let size = 0;
    req.on('data', chunk => {
      size += chunk.length;
      if (size > MAX_BODY) {
        problem(res, 413, 'Body too large', `at most ${MAX_BODY} bytes`);
        req.destroy();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    // a caller that goes away mid-body: nothing to answer, and the promise must not wait for an 'end' that never comes
    req.on('error', () => resolve(undefined));
    req.on('aborted', () => resolve(undefined));
    req.on('end', () => {
      if (size > MAX_BODY) {
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text.length === 0 ? {} : JSON.parse(text));
      } catch (e) {
        problem(res, 400, 'Body is not JSON', e.message);
        resolve(undefined);
      }
    });
  });
}

const routes = {
  'GET /health': async (req, res) => json(res, 200, { status: 'UP', instance: INSTANCE }),
  'POST /execute/echo': async (req, res) => {
    const body = await readJson(req, res);
    if (body !== undefined) {
      json(res, 200, { echo: body, site: req.headers['x-themepress-site'] || null });
    }
  },
  'POST /widgets/greeting/render': async (req, res) => {
    const body = await readJson(req, res);
    if (body !== undefined) {
      const name = (body.config && body.config.name) || 'there';
      json(res, 200, { html: `<p class="tp-greeting">Hello, ${escapeHtml(name)}!</p>`, css: '.tp-greeting{margin:0}', javascript: '' });
    }
  },
  'POST /events': async (req, res) => {
    const body = await readJson(req, res);
    if (body !== undefined) {
      res.writeHead(204).end();
    }
  },
};

// noDelay: answers leave at once instead of waiting on the caller's delayed ACK (Nagle).
const server = http.createServer({ noDelay: true, keepAliveTimeout: 65000 }, (req, res) => {
  const path = req.url.split('?', 1)[0];
  const route = routes[`${req.method} ${path}`];
  if (!route) {
    problem(res, 404, 'Not found', `${req.method} ${path} is not part of this addon`);
    return;
  }
  route(req, res).catch(e => problem(res, 500, 'Addon error', e.message));
});

server.listen(PORT, '0.0.0.0');
// The runtime stops a container with SIGTERM: finish what is in flight, then leave.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
