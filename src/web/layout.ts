// The frame every page shares: language, a viewport for phones, one small stylesheet with strong
// contrast and a visible keyboard focus, and no script.
import { html, SafeHtml } from "./html.js";

const STYLE = `
:root { color-scheme: light; }
body { margin: 0; font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1d1c1d; background: #ffffff; }
main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; overflow-wrap: anywhere; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; }
a { color: #0b4f8a; }
a:focus-visible, .button:focus-visible { outline: 3px solid #1d1c1d; outline-offset: 3px; }
.button { display: inline-block; margin: 1rem 0; padding: 0.75rem 1.5rem; border-radius: 0.375rem;
  background: #2e6b3a; color: #ffffff; font-weight: 700; text-decoration: none; }
.button:hover { background: #22522c; }
pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { white-space: pre-wrap; background: #f4f4f4; border-left: 4px solid #2e6b3a; padding: 0.75rem 1rem; }
footer { margin-top: 3rem; font-size: 0.9375rem; }
`;

export function page(title: string, content: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <main>${content}</main>
      </body>
    </html> `.text;
}
