/**
 * Splits the one document @fastify/swagger builds from every route into the v1 and v2
 * contracts (docs/API.md, "Contracts"): v1 = system routes + /api/v1 + legacy /api/*; v2 = system routes + /api/v2.
 * Components no path of a document references are dropped from it.
 */
export type OpenApiDocument = Record<string, any>

export type ApiVersion = 'v1' | 'v2'

export function versionsOf (path: string): ApiVersion[] {
  if (path.startsWith('/api/v2/')) return ['v2']
  if (path.startsWith('/api/')) return ['v1']
  return ['v1', 'v2']
}

export function documentFor (full: OpenApiDocument, version: ApiVersion): OpenApiDocument {
  const paths = Object.fromEntries(Object.entries(full.paths ?? {}).filter(([path]) => versionsOf(path).includes(version)))
  const doc: OpenApiDocument = structuredClone({ ...full, paths })
  doc.info = {
    ...doc.info,
    title: `${String(full.info?.title ?? 'API')} (${version})`,
    version: `${String(full.info?.version ?? '0.0.0')}-${version}`
  }
  const usedTags = new Set<string>()
  for (const item of Object.values(paths) as any[]) {
    for (const op of Object.values(item) as any[]) for (const tag of op?.tags ?? []) usedTags.add(tag)
  }
  doc.tags = (doc.tags ?? []).filter((t: { name: string }) => usedTags.has(t.name))
  doc.components = pruneComponents(doc)
  return doc
}

function pruneComponents (doc: OpenApiDocument): OpenApiDocument {
  const schemas = doc.components?.schemas ?? {}
  const keep = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(visit); return }
    if (node === null || typeof node !== 'object') return
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length)
        if (!keep.has(name)) {
          keep.add(name)
          visit(schemas[name])
        }
      } else {
        visit(value)
      }
    }
  }
  visit(doc.paths)
  const usedSchemes = new Set<string>()
  for (const item of Object.values(doc.paths) as any[]) {
    for (const op of Object.values(item) as any[]) {
      for (const requirement of op?.security ?? []) for (const name of Object.keys(requirement)) usedSchemes.add(name)
    }
  }
  const securitySchemes = Object.fromEntries(Object.entries(doc.components?.securitySchemes ?? {}).filter(([name]) => usedSchemes.has(name)))
  return {
    schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => keep.has(name))),
    ...(Object.keys(securitySchemes).length > 0 ? { securitySchemes } : {})
  }
}
