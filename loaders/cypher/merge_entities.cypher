// Entities keyed by id, with their type as a second label (a parameter: dynamic labels, Neo4j
// 5.26; the writer only sends types from kg.model.ENTITY_TYPES). Aliases and titles accumulate
// over articles, so a reload adds nothing.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.name = row.name
SET n:$(row.label),
    n += row.properties,
    n.aliases = coalesce(n.aliases, []) + [x IN row.aliases WHERE NOT x IN coalesce(n.aliases, [])],
    n.titles = coalesce(n.titles, []) + [x IN row.titles WHERE NOT x IN coalesce(n.titles, [])]
