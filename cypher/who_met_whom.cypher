// Everyone $name (a name or an alias) was in contact with, one row per contact and its source,
// with where each serves (jurisdiction; `of` is where the $name person serves, one per namesake):
// contact = 'co-attended' (the same event, with the event and their role in it), 'met' (会见 or
// 会谈, either side) or 'accompanied' (one went along with the other on a visit, either way).
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($name, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS p
WHERE p:Person AND (p.name = $name OR $name IN p.aliases)
MATCH (p)-[mine:ATTENDED|CHAIRED]->(e:Event)<-[theirs:ATTENDED|CHAIRED]-(other:Person)
WHERE other <> p
OPTIONAL MATCH (a:Article {id: theirs.article_id})
RETURN DISTINCT
  p.jurisdiction AS of,
  other.name AS person,
  other.jurisdiction AS jurisdiction,
  'co-attended' AS contact,
  type(theirs) AS role,
  e.name AS event,
  coalesce(theirs.date, e.date, a.date) AS date,
  theirs.article_id AS article_id,
  a.title AS article_title
UNION
// … people stated to have met $name directly (MET) or accompanied on a visit (ACCOMPANIED).
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($name, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS p
WHERE p:Person AND (p.name = $name OR $name IN p.aliases)
MATCH (p)-[c:MET|ACCOMPANIED]-(other:Person)
WHERE other <> p
OPTIONAL MATCH (a:Article {id: c.article_id})
RETURN DISTINCT
  p.jurisdiction AS of,
  other.name AS person,
  other.jurisdiction AS jurisdiction,
  CASE type(c) WHEN 'MET' THEN 'met' ELSE 'accompanied' END AS contact,
  type(c) AS role,
  null AS event,
  coalesce(c.date, a.date) AS date,
  c.article_id AS article_id,
  a.title AS article_title
