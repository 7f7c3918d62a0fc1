// Who attended or chaired the events whose name contains $event (or has it as an alias).
MATCH (e:Event)
WHERE e.name CONTAINS $event OR $event IN e.aliases
MATCH (p:Person)-[r:ATTENDED|CHAIRED]->(e)
RETURN DISTINCT
  e.name AS event,
  p.name AS person,
  p.jurisdiction AS jurisdiction,
  type(r) AS role,
  coalesce(r.date, e.date) AS date,
  r.article_id AS article_id
ORDER BY event, role DESC, person
