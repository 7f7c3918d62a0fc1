// Article nodes keyed by article id; title, date, source, byline and text stored as given.
UNWIND $rows AS row
MERGE (a:Entity {id: row.id})
SET a:Article,
    a.name = row.name,
    a.title = row.title,
    a.date = row.date,
    a.source = row.source,
    a.byline = row.byline,
    a.text = row.text
