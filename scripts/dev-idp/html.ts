/** The provider's pages are plain HTML: escaping and one shell with readable, focus-visible styles. */
import type { Locale } from "./catalogue";

export function escapeHtml(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

const styles = `
  body { font-family: system-ui, sans-serif; margin: 0; padding: 1.5rem; color: #1e1e1e; background: #f4f5f6; line-height: 1.5; }
  main { max-width: 36rem; margin: 0 auto; background: #fff; padding: 1.5rem; border-radius: 0.5rem; border: 1px solid #c9ccd1; }
  h1 { font-size: 1.5rem; margin-top: 0; }
  fieldset { border: 1px solid #c9ccd1; border-radius: 0.25rem; margin: 0 0 1rem; padding: 0.75rem 1rem; }
  legend { font-weight: 600; padding: 0 0.25rem; }
  .choice { display: flex; gap: 0.5rem; align-items: flex-start; margin: 0.25rem 0; }
  .choice input { margin-top: 0.35rem; }
  label.field { display: block; font-weight: 600; margin: 1rem 0 0.25rem; }
  select { font: inherit; padding: 0.4rem; width: 100%; max-width: 28rem; }
  .hint { margin: 0 0 0.25rem; color: #44474d; font-size: 0.9rem; }
  .actions { display: flex; gap: 0.75rem; margin-top: 1.5rem; flex-wrap: wrap; }
  button { font: inherit; padding: 0.5rem 1.25rem; border-radius: 0.25rem; border: 2px solid #0062ba; cursor: pointer; }
  button.primary { background: #0062ba; color: #fff; }
  button.secondary { background: #fff; color: #0062ba; }
  :focus-visible { outline: 3px solid #e16800; outline-offset: 2px; }
  .alert { border-left: 4px solid #c22; background: #fdecec; padding: 0.5rem 1rem; margin-bottom: 1rem; }
  .meta { color: #44474d; font-size: 0.9rem; }
  @media (max-width: 30rem) { body { padding: 0.5rem; } main { padding: 1rem; } }
  iframe.frontchannel { width: 0; height: 0; border: 0; position: absolute; }
`;

export function page(locale: Locale, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}
