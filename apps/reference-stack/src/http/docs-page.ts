function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A self-contained API documentation page (no CDN): it loads /openapi.json and lists every
 * operation with its parameters and request body schema.
 */
export function docsPage(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} — API docs</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; max-width: 70rem; color: #222; }
h1 { font-size: 1.5rem; }
.op { border: 1px solid #ddd; border-radius: 6px; margin: .6rem 0; padding: .5rem .8rem; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 700; font-family: monospace; }
.GET { color: #0a7; } .POST { color: #06c; } .PUT { color: #c70; } .DELETE { color: #c22; }
code, pre { font-family: ui-monospace, monospace; font-size: .85rem; }
pre { background: #f6f6f6; padding: .5rem; overflow-x: auto; }
details summary { cursor: pointer; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Machine-readable document: <a href="/openapi.json">/openapi.json</a></p>
<div id="ops">Loading…</div>
<script>
fetch('/openapi.json').then(function (r) { return r.json(); }).then(function (doc) {
  var root = document.getElementById('ops');
  root.textContent = '';
  var intro = document.createElement('p');
  intro.textContent = doc.info.title + ' ' + doc.info.version + ' (OpenAPI ' + doc.openapi + ')';
  root.appendChild(intro);
  Object.keys(doc.paths).sort().forEach(function (path) {
    var item = doc.paths[path];
    Object.keys(item).forEach(function (method) {
      var op = item[method];
      var box = document.createElement('div');
      box.className = 'op';
      var head = document.createElement('div');
      var m = document.createElement('span');
      m.className = 'method ' + method.toUpperCase();
      m.textContent = method.toUpperCase();
      var p = document.createElement('code');
      p.textContent = path;
      var s = document.createElement('span');
      s.textContent = ' — ' + (op.summary || '');
      head.appendChild(m); head.appendChild(p); head.appendChild(s);
      box.appendChild(head);
      if (op.parameters || op.requestBody) {
        var d = document.createElement('details');
        var sum = document.createElement('summary');
        sum.textContent = 'request';
        var pre = document.createElement('pre');
        pre.textContent = JSON.stringify({ parameters: op.parameters, body: op.requestBody && op.requestBody.content['application/json'].schema }, null, 2);
        d.appendChild(sum); d.appendChild(pre);
        box.appendChild(d);
      }
      root.appendChild(box);
    });
  });
}).catch(function (e) { document.getElementById('ops').textContent = 'Could not load /openapi.json: ' + e; });
</script>
</body>
</html>
`;
}
