// The events of $name (a person or a place, name or alias) in order of their days, each with its start and end.
// A person's: the meetings attended or chaired (over the event's own days), places visited, people met or
// accompanied, agreements signed. A place's, and those of the places inside it (PART_OF): the visits it had,
// the agreements it signed, and the meetings whose sentence names it. `at` is the place of a place's row.
MATCH (n:Entity)
WHERE (n:Person OR n:Place) AND (n.name = $name OR $name IN coalesce(n.aliases, []))
OPTIONAL MATCH (inner:Place)-[:PART_OF*0..6]->(n)
WITH n, collect(DISTINCT inner) AS here
CALL (n, here) {
  WITH n WHERE n:Person
  MATCH (n)-[r:ATTENDED|CHAIRED|VISITED|MET|ACCOMPANIED|SIGNED_AGREEMENT]-(x:Entity)
  WHERE NOT x:Article
  RETURN r, x, null AS at
  UNION
  UNWIND here AS p
  MATCH (p)-[r:VISITED|SIGNED_AGREEMENT]-(x:Entity)
  WHERE NOT x:Article
  RETURN r, x, p.name AS at
  UNION
  UNWIND here AS p
  MATCH (:Person)-[r:ATTENDED|CHAIRED]->(x:Event)
  WHERE size(p.name) >= 2 AND r.sentence CONTAINS p.name
  RETURN r, x, p.name AS at
}
WITH CASE WHEN x:Event THEN coalesce(x.start, x.date, r.date) ELSE r.date END AS start,
     CASE WHEN x:Event THEN coalesce(x.end, x.start, x.date, r.date) ELSE r.date END AS end,
     CASE WHEN at IS NOT NULL AND x:Event THEN 'HELD' ELSE type(r) END AS what,
     x.name AS target,
     [l IN labels(x) WHERE l <> 'Entity'][0] AS kind,
     at, r
WITH start, end, what, target, kind, at, collect(DISTINCT r.article_id) AS articles, collect(r.sentence)[0] AS evidence
RETURN start, end, what, target, kind, at, articles, evidence
ORDER BY start, end, what, target, at
