// Entities of one type keyed by id; __LABEL__ is replaced only by a name from kg.model.ENTITY_TYPES.
// Aliases and titles accumulate over articles, so a reload adds nothing.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.name = row.name
SET n:__LABEL__,
    n += row.properties,
    n.aliases = coalesce(n.aliases, []) + [x IN row.aliases WHERE NOT x IN coalesce(n.aliases, [])],
    n.titles = coalesce(n.titles, []) + [x IN row.titles WHERE NOT x IN coalesce(n.titles, [])]
