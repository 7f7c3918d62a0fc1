// The positions $name (name or alias) holds, per person of that name (jurisdiction): HOLDS_POSITION links with their organization, date and article.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($name, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS p
WHERE p:Person AND (p.name = $name OR $name IN p.aliases)
MATCH (p)-[r:HOLDS_POSITION]->(o:Entity)
RETURN DISTINCT
  p.name AS person,
  p.jurisdiction AS jurisdiction,
  coalesce(r.title, r.position, o.name) AS position,
  o.name AS at,
  [l IN labels(o) WHERE l <> 'Entity'][0] AS kind,
  r.date AS date,
  r.article_id AS article_id
ORDER BY date, position
