import { getI18n } from "~/i18n.server";
import { formatBytes } from "./bytes";
import { resolveLanguage } from "./language.server";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page the edge answers with before Remix runs (413, 408): in the visitor's language, with the
 * request id to quote, no script and no inline style, so it passes the Content-Security-Policy.
 */
export async function edgeErrorPage(input: { status: 413 | 408; url: string; cookie: string | undefined; requestId: string; limitBytes?: number }) {
  const { lang } = await resolveLanguage(new Request(input.url, { headers: input.cookie ? { cookie: input.cookie } : {} }));
  const t = getI18n(lang).t;
  const [title, body] =
    input.status === 413
      ? [t("errors.tooLargeTitle"), t("errors.tooLargeBody", { limit: formatBytes(input.limitBytes ?? 0) })]
      : [t("errors.timeoutTitle"), t("errors.timeoutBody")];
  return `<!DOCTYPE html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · ${escape(t("hallName"))}</title></head>
<body><main><p>${input.status}</p><h1>${escape(title)}</h1><p>${escape(body)}</p>
<p><small>${escape(t("errors.requestId", { id: input.requestId }))}</small></p>
<p><a href="/">${escape(t("errors.backHome"))}</a></p></main></body></html>`;
}
