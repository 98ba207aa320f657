import { marked } from 'marked'
import DOMPurify from 'dompurify'

/** Lab Markdown rendered by marked and sanitised by DOMPurify before it reaches the page. */
export function Markdown ({ source }: { source: string }) {
  const html = DOMPurify.sanitize(marked.parse(source, { async: false, gfm: true }), { FORBID_ATTR: ['style'], FORBID_TAGS: ['style', 'form', 'input'] })
  return <div class='markdown' dangerouslySetInnerHTML={{ __html: html }} />
}
