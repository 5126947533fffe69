/** The little HTML both servers need: escaping, one layout, one HTML response. */

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px system-ui;max-width:34rem;margin:2rem auto;padding:0 1rem}
label{display:block;margin:.5rem 0}fieldset{margin:1rem 0}.note{color:#555;font-size:.9rem}</style>
</head>
<body>
${body}
</body>
</html>`
}

export function htmlResponse(html: string, status = 200): Response {
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  })
}
