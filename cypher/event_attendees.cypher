// Who attended or chaired the events whose name contains $event (or has it as an alias).
// (Found through the full-text index, which cuts Chinese into pairs of characters: $event needs two or more.)
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($event, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS e
WHERE e:Event AND (e.name CONTAINS $event OR $event IN e.aliases)
MATCH (p:Person)-[r:ATTENDED|CHAIRED]->(e)
RETURN DISTINCT
  e.name AS event,
  p.name AS person,
  p.jurisdiction AS jurisdiction,
  type(r) AS role,
  coalesce(r.date, e.date) AS date,
  r.article_id AS article_id
ORDER BY event, role DESC, person
