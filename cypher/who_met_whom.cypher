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
