// The timeline of $name (name or alias): events attended or chaired, places visited, people met.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($name, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS p
WHERE p:Person AND (p.name = $name OR $name IN p.aliases)
MATCH (p)-[r:ATTENDED|CHAIRED|VISITED|MET|ACCOMPANIED]-(x:Entity)
OPTIONAL MATCH (a:Article {id: r.article_id})
RETURN DISTINCT
  coalesce(r.date, x.date, a.date) AS date,
  p.jurisdiction AS jurisdiction,
  type(r) AS what,
  x.name AS target,
  [l IN labels(x) WHERE l <> 'Entity'][0] AS kind,
  r.article_id AS article_id,
  a.title AS article_title
ORDER BY date, jurisdiction, what, target
