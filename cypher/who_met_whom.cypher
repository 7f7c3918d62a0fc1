// People who attended or chaired the same event as $name (name or alias), with the event, date and article.
MATCH (p:Person)
WHERE p.name = $name OR $name IN p.aliases
MATCH (p)-[mine:ATTENDED|CHAIRED]->(e:Event)<-[theirs:ATTENDED|CHAIRED]-(other:Person)
WHERE other <> p
OPTIONAL MATCH (a:Article {id: theirs.article_id})
RETURN DISTINCT
  other.name AS person,
  type(theirs) AS role,
  e.name AS event,
  coalesce(theirs.date, e.date, a.date) AS date,
  theirs.article_id AS article_id,
  a.title AS article_title
ORDER BY date, event, person
UNION
// … and people stated to have met $name directly (MET), without a named event.
MATCH (p:Person)
WHERE p.name = $name OR $name IN p.aliases
MATCH (p)-[met:MET]-(other:Person)
OPTIONAL MATCH (a:Article {id: met.article_id})
RETURN DISTINCT
  other.name AS person,
  type(met) AS role,
  null AS event,
  coalesce(met.date, a.date) AS date,
  met.article_id AS article_id,
  a.title AS article_title
