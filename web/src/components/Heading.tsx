import type { ComponentChildren } from 'preact'

/**
 * A heading at the level its place in the page needs: the explorer's results sit under the
 * page's h1 (level 2), the Lab's try-it results under a section's h2 (level 3), so the outline
 * never jumps a level.
 */
export function Heading ({ level, id, children }: { level: number, id?: string, children: ComponentChildren }) {
  const Tag = `h${Math.min(6, Math.max(2, level))}` as 'h2'
  return <Tag id={id} tabIndex={id === undefined ? undefined : -1}>{children}</Tag>
}
